"""Follow-ups about a value: a setting made again on another effect ("low pass at 300",
"I meant the high pass"), multiplied ("echo at 150 ms", "double it"), and a parameter
named in a follow-up ("undo the release" after "release 400")."""

from __future__ import annotations

from voicertc.assistant import lexicon as lx
from voicertc.assistant.dialogue import APPLY, ToolCall
from voicertc.assistant.followup_phrases import SOFTENERS
from voicertc.assistant.numbers import as_said, find_numbers
from voicertc.assistant.values import scaled
from voicertc.effects.chain import param_for_unit
from voicertc.effects.specs import EFFECT_SPECS, UNIT_FACTORS, param_key, unit_key

# A value said as a multiple of the last one set: "double it", "half that".
TIMES = {"double": 2.0, "twice": 2.0, "triple": 3.0, "half": 0.5, "halve": 0.5, "quarter": 0.25}


def set_on(last: dict[str, object], effect: str) -> ToolCall | None:
    """``last`` (a setting) made on ``effect``, if it has the parameter set or one the unit
    points at; None otherwise."""
    spec = EFFECT_SPECS.get(effect)
    if spec is None or "value" not in last:
        return None
    args: dict[str, object] = {"effect": effect, "action": "set", "value": last["value"]}
    param = last.get("param")
    if isinstance(param, str) and param_key(spec, param) is not None:
        args["param"] = param
    elif param is not None or param_for_unit(spec, last.get("unit"), False) is None:
        return None
    args |= {"unit": last["unit"]} if "unit" in last else {}
    return ToolCall(APPLY, args) if in_range(args) else None


def in_range(args: dict[str, object]) -> bool:
    """A setting's value is within its parameter's range, in the parameter's own unit."""
    spec = EFFECT_SPECS.get(str(args.get("effect")))
    value = args.get("value")
    if spec is None or not isinstance(value, (int, float)):
        return False
    named = param_key(spec, str(args["param"])) if "param" in args else None
    unit = args.get("unit")
    p = spec.param(named) if named else param_for_unit(spec, unit, False) or spec.param(spec.primary)
    factor = UNIT_FACTORS.get((str(unit_key(str(unit))), p.unit), None) if unit else 1.0
    return factor is not None and p.min <= value * factor <= p.max


def names_a_param(words: list[str]) -> bool:
    return bool(lx.PARAM_WORDS.intersection(words) or set(lx.PARAM_SYNONYMS).intersection(words))


def multiplied(last: dict[str, object] | None, words: list[str]) -> dict[str, object] | None:
    """ "double it" after a setting: the setting again at that multiple of its value, if
    the parameter takes it; None for any other turn."""
    said = [w for w in words if w not in SOFTENERS and w not in ("make", "this")]
    if last is not None and said[:1] == ["another"] and last.get("action") in ("increase", "decrease"):
        return _again_by(last, said[1:])  # "turn me up 3 dB", "another 3"
    if last is None or len(said) != 1 or said[0] not in TIMES:
        return None
    if last.get("action") != "set" or not isinstance(last.get("value"), (int, float)):
        return _scaled_step(last, TIMES[said[0]])  # "double it", then "half that"
    args = {**last, "value": as_said(float(last["value"]) * TIMES[said[0]])}  # type: ignore[arg-type]
    return args if in_range(args) else None


def without_param(last: dict[str, object], words: list[str]) -> list[str]:
    """``words`` less those naming the parameter ``last`` changed ("undo the release" ->
    "undo the"); ``words`` itself when none do."""
    spec = EFFECT_SPECS.get(str(last.get("effect")))
    param = last.get("param")
    if spec is None or not isinstance(param, str):
        return words

    def names(word: str) -> bool:
        word = lx.PARAM_SYNONYMS.get(word, word)
        return word in lx.PARAM_WORDS and param_key(spec, word) == param_key(spec, param)

    rest = [w for w in words if not names(w)]
    return words if len(rest) == len(words) else rest


def _scaled_step(last: dict[str, object], factor: float) -> dict[str, object] | None:
    """A step by a share of what is there, on the control the last change moved (as the
    dialogue scales "double the delay")."""
    spec = EFFECT_SPECS.get(str(last.get("effect")))
    if spec is None or last.get("action") not in ("add", "increase", "decrease"):
        return None
    change = ((factor - 1) * 100, "increase") if factor > 1 else ((1 - factor) * 100, "decrease")
    return scaled(spec.name, str(last.get("param") or spec.primary), change)


def _again_by(last: dict[str, object], said: list[str]) -> dict[str, object] | None:
    """The last step again by the amount said, in the last step's unit unless one is said."""
    numbers = find_numbers(said)
    if len(numbers) != 1 or "value" not in last or numbers[0].value <= 0:
        return None
    unit = [w for w in said[numbers[0].end :] if w not in SOFTENERS]
    if unit and unit_key(" ".join(unit)) is None:
        return None
    args = {**last, "value": as_said(numbers[0].value)}
    return args | ({"unit": unit_key(" ".join(unit))} if unit else {})
