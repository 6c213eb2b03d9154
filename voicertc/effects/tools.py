"""Function tools for the speech model, generated from EFFECT_SPECS, and their handler."""

from __future__ import annotations

import json
from typing import Any

from .chain import EffectChain, EffectError
from .specs import EFFECT_SPECS, TOOL_UNITS, UNIT_SYMBOLS, ParamSpec
from .text import num

APPLY_EFFECT_NAME = "apply_audio_effect"
GET_EFFECTS_NAME = "get_effects"
TOOL_ACTIONS: tuple[str, ...] = ("add", "remove", "set", "increase", "decrease", "reset", "move")


def _range(p: ParamSpec) -> str:
    unit = UNIT_SYMBOLS.get(p.unit, "")
    unit = f" {unit}" if unit and unit != "%" else unit
    return f"{p.name} ({num(p.min)}..{num(p.max)}{unit}, default {num(p.default)})"


def _effects_text() -> str:
    lines = []
    for spec in EFFECT_SPECS.values():
        params = ", ".join(_range(p) for p in spec.params)
        lines.append(f"{spec.name}: {params}; main parameter {spec.primary}")
        lines[-1] += f"; aliases {', '.join(spec.aliases)}" if spec.aliases else ""
    return ". ".join(lines) + "."


def _param_names() -> list[str]:
    names: list[str] = []
    for spec in EFFECT_SPECS.values():
        names.extend(p.name for p in spec.params if p.name not in names)
    return names


def _param_owners() -> str:
    owners = {
        name: [s.name for s in EFFECT_SPECS.values() if any(p.name == name for p in s.params)]
        for name in _param_names()
    }
    return "; ".join(f"{name}: {', '.join(effects)}" for name, effects in owners.items())


def _apply_tool() -> dict[str, Any]:
    description = (
        "Change the audio effect chain the user hears (an ordered chain, at most one of each "
        "effect). Actions: add (append an effect with its defaults; a value sets its main "
        "parameter), remove, set (set a parameter to a value; adds the effect if absent), "
        "increase/decrease (a musical step: cutoff by half an octave, gain by 3 dB, times by "
        "x1.25, percentages by 10 points; a value is the amount of change, e.g. decrease gain "
        "by 6 dB; percent on a time or frequency, and fraction on any parameter but one in dB, "
        "mean a relative change (decrease mix by fraction 0.5 halves it); without param, "
        "increase on the compressor means more compression: its threshold down), reset (remove every "
        "effect; with an effect, restore its defaults), move (put the effect at index 'to', "
        "0 is first). Without param the effect's main parameter is used, unless the unit only "
        "fits another one (reverb 3 s sets decay_s). Values are clamped to range. Effects and "
        "parameters: "
        f"{_effects_text()} The result message says what changed; tell the user briefly."
    )
    properties: dict[str, Any] = {
        "action": {"type": "string", "enum": list(TOOL_ACTIONS), "description": "what to do"},
        "effect": {
            "type": "string",
            "enum": list(EFFECT_SPECS),
            "description": "which effect (not needed for reset of the whole chain)",
        },
        "value": {
            "type": "number",
            "description": "new value for set/add, or amount of change for increase/decrease",
        },
        "unit": {
            "type": "string",
            "enum": list(TOOL_UNITS),
            "description": "unit of value; fraction means 0..1 for a percent parameter; "
            "omit for Q and ratio, or to use the parameter's own unit",
        },
        "param": {
            "type": "string",
            "enum": _param_names(),
            "description": f"parameter to change, omit for the main one. Owners: {_param_owners()}",
        },
        "to": {"type": "integer", "minimum": 0, "description": "new index for move, 0 is first"},
    }
    return {
        "type": "function",
        "name": APPLY_EFFECT_NAME,
        "description": description,
        "parameters": {
            "type": "object",
            "properties": properties,
            "required": ["action"],
            "additionalProperties": False,
        },
    }


APPLY_EFFECT_TOOL: dict[str, Any] = _apply_tool()
GET_EFFECTS_TOOL: dict[str, Any] = {
    "type": "function",
    "name": GET_EFFECTS_NAME,
    "description": "Read the current audio effect chain, in order, with every parameter.",
    "parameters": {"type": "object", "properties": {}, "additionalProperties": False},
}

_FIELDS: dict[str, tuple[type, ...]] = {
    "action": (str,),
    "effect": (str,),
    "value": (int, float),
    "unit": (str,),
    "param": (str,),
    "index": (int,),
    "to": (int,),
}


def _result(chain: EffectChain, **fields: Any) -> dict[str, Any]:
    return {**fields, "chain": chain.to_list(), "summary": chain.describe()}


def _arguments(arguments: object) -> dict[str, Any]:
    if isinstance(arguments, (bytes, bytearray)):
        arguments = arguments.decode("utf-8", "replace")
    if isinstance(arguments, str):
        if not arguments.strip():
            return {}
        try:
            arguments = json.loads(arguments)
        except ValueError as exc:
            raise EffectError(f"The tool arguments were not valid JSON ({exc.msg}).") from None
    if not isinstance(arguments, dict):
        raise EffectError("The tool arguments must be a JSON object.")
    return arguments


def _checked(args: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(args) - set(_FIELDS))
    if unknown:
        raise EffectError(f"Unknown argument {', '.join(unknown)}; use {', '.join(_FIELDS)}.")
    kwargs: dict[str, Any] = {}
    for key, value in args.items():
        if value is None:  # models sometimes send explicit nulls for omitted fields
            continue
        if isinstance(value, bool) or not isinstance(value, _FIELDS[key]):
            raise EffectError(f"The argument {key} has the wrong type: {value!r}.")
        kwargs[key] = value
    if "action" not in kwargs:
        raise EffectError("The argument action is required.")
    return kwargs


def handle_tool_call(chain: EffectChain, name: str, arguments: str | dict[str, Any]) -> dict[str, Any]:
    """Run one model function call; the result is the function_call_output payload."""
    try:
        if name == GET_EFFECTS_NAME:
            return _result(chain, ok=True, message=chain.describe())
        if name != APPLY_EFFECT_NAME:
            raise EffectError(f"Unknown tool '{name}'; use {APPLY_EFFECT_NAME} or {GET_EFFECTS_NAME}.")
        message = chain.apply(**_checked(_arguments(arguments)))
        return _result(chain, ok=True, message=message)
    except EffectError as exc:
        return _result(chain, ok=False, error=str(exc))
    except Exception as exc:  # the model's call must never take the session down
        return _result(chain, ok=False, error=f"The effect change failed: {exc}.")
