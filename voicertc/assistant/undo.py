"""What takes a setting back: "set the delay to 300 ms", then "undo that".

A step or a removal has its own opposite, but a setting's old value is in the effect
chain, not in the words. The tool's outputs report the whole chain after each call
(``effects.tools``), so a session that has seen one knows, when the next setting is
asked for, what the setting was: it is put back, or the effect is taken off again if the
setting put it on. With no output seen yet (a session's first turn, a benchmark with no
chain) nothing is known and the undo is declined, as before.

A reset of every effect is taken back the same way: the chain seen before it is put back,
effect by effect in its order, each setting that is not the effect's default set again.

The chain seen is as the last output left it: a change made since by other means (the
page's sliders) is not in it, and an undo then puts back what the assistant last saw.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from voicertc.assistant.numbers import as_said
from voicertc.effects.chain import param_for_unit
from voicertc.effects.specs import EFFECT_SPECS, effect_key, param_key

Chain = list[dict[str, Any]]
OPPOSITE = {"increase": "decrease", "decrease": "increase", "add": "remove", "remove": "add"}


def chain_of(output: Mapping[str, Any]) -> Chain | None:
    """The chain a tool's ``output`` reports (``{"chain": [{"effect", "params"}...]}``), if any."""
    chain = output.get("chain")
    if not isinstance(chain, Sequence) or isinstance(chain, (str, bytes)):
        return None
    return [dict(item) for item in chain if isinstance(item, Mapping)]


def undoing(last: Mapping[str, object]) -> dict[str, object] | None:
    """The arguments that take the step or the removal ``last`` back; None for a setting
    (its old value is in the chain: ``taking_back``)."""
    action = last.get("action")
    if action not in OPPOSITE:
        return None
    args = {k: v for k, v in last.items() if k in ("effect", "param", "value", "unit")}
    if action in ("add", "remove"):
        args = {"effect": last["effect"]}
    return {**args, "action": OPPOSITE[str(action)]}


def taking_back(chain: Chain | None, setting: Mapping[str, object]) -> dict[str, object] | None:
    """The arguments that undo ``setting`` (a "set" call's) on ``chain`` as it was before it:
    the parameter set back to its old value, or the effect removed if it was not on; None
    when the chain or the parameter is not known."""
    if chain is None:
        return None
    effect = effect_key(str(setting.get("effect")))
    if effect is None:
        return None
    spec = EFFECT_SPECS[effect]
    named = param_key(spec, str(setting["param"])) if "param" in setting else None
    # Which parameter the chain sets: the one named, else the one the unit points at, else the main one.
    target = named or getattr(param_for_unit(spec, setting.get("unit"), False), "name", spec.primary)
    entry = next((item for item in chain if item.get("effect") == effect), None)
    if entry is None:
        return {"effect": effect, "action": "remove"}
    old = (entry.get("params") or {}).get(target)
    if not isinstance(old, (int, float)):
        return None
    args: dict[str, object] = {"effect": effect, "action": "set", "value": as_said(old)}
    return args | ({"param": target} if target != spec.primary else {})


def putting_back(chain: Chain) -> list[dict[str, object]]:
    """The calls that put back ``chain`` after a reset emptied it: each effect added where
    it was, then each of its parameters that is not at its default set to what it was."""
    calls: list[dict[str, object]] = []
    for item in chain:
        effect = effect_key(str(item.get("effect")))
        if effect is None:
            continue
        spec = EFFECT_SPECS[effect]
        defaults = spec.defaults()
        calls.append({"effect": effect, "action": "add"})
        for name, old in (item.get("params") or {}).items():
            if isinstance(old, (int, float)) and old != defaults.get(name):
                named = {"param": name} if name != spec.primary else {}
                calls.append({"effect": effect, "action": "set", "value": as_said(old)} | named)
    return calls
