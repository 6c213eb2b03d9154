"""The server-owned effect chain: validated actions that return speakable messages."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from typing import Any

from .specs import (
    EFFECT_SPECS,
    TOOL_UNITS,
    UNIT_FACTORS,
    UNIT_WORDS,
    EffectSpec,
    ParamSpec,
    effect_key,
    param_key,
    unit_key,
)
from .text import ORDINALS, capital, fmt, join_words, num, param_title, params_text, spoken_entry

ACTIONS: tuple[str, ...] = ("add", "remove", "set", "increase", "decrease", "reset", "move")
_ACTION_ALIASES: dict[str, str] = {
    "delete": "remove",
    "clear": "reset",
    "raise": "increase",
    "more": "increase",
    "up": "increase",
    "lower": "decrease",
    "less": "decrease",
    "down": "decrease",
    "enable": "add",
    "disable": "remove",
}


class EffectError(ValueError):
    """A rejected effect request; ``str(error)`` is a sentence fit to be spoken."""


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise EffectError(f"The {what} must be text; got {value!r}.")
    return value


def _number(value: object) -> float:
    # bool is an int subclass, but "true" is never a meaningful level.
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise EffectError(f"The value must be a number; got {value!r}.")
    try:
        number = float(value)
    except OverflowError:  # an int of hundreds of digits
        raise EffectError("The value is far too large.") from None
    if not math.isfinite(number):
        raise EffectError(f"The value must be a finite number; got {number}.")
    return number


def _whole(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise EffectError(f"The {what} must be a whole number; got {value!r}.")
    if isinstance(value, int):
        return value  # any size: a position beyond the chain is refused where it is used
    if not math.isfinite(float(value)) or float(value) != int(value):
        raise EffectError(f"The {what} must be a whole number; got {value!r}.")
    return int(value)


def _spec(effect: object) -> EffectSpec:
    name = effect_key(_text(effect, "effect name"))
    if name is None:
        raise EffectError(f"Unknown effect '{effect}'. Available: {', '.join(EFFECT_SPECS)}.")
    return EFFECT_SPECS[name]


def _param(spec: EffectSpec, param: object) -> ParamSpec:
    name = param_key(spec, _text(param, "parameter name"))
    if name is not None:
        return spec.param(name)
    owners = [s.name for s in EFFECT_SPECS.values() if param_key(s, str(param)) is not None]
    hint = f" '{param}' belongs to {', '.join(owners)}." if owners else ""
    names = ", ".join(p.name for p in spec.params)
    raise EffectError(f"{capital(spec.title)} has no parameter '{param}'; it has {names}.{hint}")


def _factor(spec: EffectSpec, p: ParamSpec, unit: object) -> float:
    given = unit_key(_text(unit, "unit"))
    if given is None:
        raise EffectError(f"Unknown unit '{unit}'. Use one of: {', '.join(TOOL_UNITS)}.")
    if not p.unit:
        raise EffectError(f"{capital(param_title(spec, p))} has no unit; give a plain number.")
    factor = UNIT_FACTORS.get((given, p.unit))
    if factor is None:
        words = UNIT_WORDS[p.unit][1]
        raise EffectError(f"{capital(param_title(spec, p))} is in {words}, so '{unit}' does not fit.")
    return factor


def _relative(p: ParamSpec, unit: object) -> bool:
    """'Raise the cutoff by 50 percent' scales a value that is not itself a percentage; a
    fraction scales any ('cut the mix in half' is 0.5: 30 % to 15 %, where 50 percent is points)."""
    given = unit_key(unit) if isinstance(unit, str) else None
    unscaled = ("percent", "db") if given == "percent" else ("db",)
    return given in ("percent", "fraction") and p.unit not in unscaled


def param_for_unit(spec: EffectSpec, unit: object, stepping: bool) -> ParamSpec | None:
    """The one parameter a unit points at when none is named ("reverb to 3 seconds")."""
    given = unit_key(unit) if isinstance(unit, str) else None
    if given is None:
        return None

    def fits(p: ParamSpec) -> bool:
        return (given, p.unit) in UNIT_FACTORS or (stepping and _relative(p, unit))

    primary = spec.param(spec.primary)
    if fits(primary):
        return primary
    matches = [p for p in spec.params if fits(p)]
    return matches[0] if len(matches) == 1 else None


class EffectChain:
    """An ordered chain holding at most one entry per effect type."""

    def __init__(self) -> None:
        self._entries: list[tuple[str, dict[str, float]]] = []
        self.version = 0

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"EffectChain({self.to_list()!r}, version={self.version})"

    @property
    def effects(self) -> list[str]:
        return [name for name, _ in self._entries]

    def _find(self, name: str) -> int | None:
        for i, (entry, _) in enumerate(self._entries):
            if entry == name:
                return i
        return None

    def to_list(self) -> list[dict[str, Any]]:
        return [
            {"effect": name, "params": {k: float(v) for k, v in params.items()}}
            for name, params in self._entries
        ]

    def describe(self) -> str:
        if not self._entries:
            return "No effects are on."
        parts = [spoken_entry(EFFECT_SPECS[name], params) for name, params in self._entries]
        return capital(", then ".join(parts)) + "."

    # Restoring

    @classmethod
    def from_list(cls, items: Iterable[Mapping[str, Any]]) -> EffectChain:
        chain = cls()
        chain.load(items)
        return chain

    def load(self, items: Iterable[Mapping[str, Any]]) -> None:
        """Replace the chain with ``items`` (the to_list format), all or nothing."""
        if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Iterable):
            raise EffectError("An effect chain must be a list of effects.")
        entries: list[tuple[str, dict[str, float]]] = []
        for item in items:
            if not isinstance(item, Mapping):
                raise EffectError(f"Each effect must be an object; got {item!r}.")
            spec = _spec(item.get("effect"))
            if any(name == spec.name for name, _ in entries):
                raise EffectError(f"The chain lists {spec.title} twice; each effect goes once.")
            raw = item.get("params", {})
            if not isinstance(raw, Mapping):
                raise EffectError(f"The {spec.title} parameters must be an object.")
            params = spec.defaults()
            for key, value in raw.items():
                p = _param(spec, key)
                number = _number(value)
                if not p.min <= number <= p.max:
                    raise EffectError(
                        f"{capital(param_title(spec, p))} must be between {num(p.min)} and "
                        f"{fmt(p, p.max)}; got {num(number)}."
                    )
                params[p.name] = round(number, p.decimals)
            entries.append((spec.name, params))
        self._commit(entries)

    def _commit(self, entries: list[tuple[str, dict[str, float]]]) -> None:
        if entries != self._entries:
            self._entries = entries
            self.version += 1

    # Actions

    def apply(
        self,
        action: str,
        effect: str | None = None,
        value: float | None = None,
        unit: str | None = None,
        param: str | None = None,
        index: int | None = None,
        to: int | None = None,
    ) -> str:
        """Perform one action; return a short message, or raise EffectError (no change)."""
        act = _text(action, "action").strip().lower()
        act = _ACTION_ALIASES.get(act, act)
        if act not in ACTIONS:
            raise EffectError(f"Unknown action '{action}'. Use one of: {', '.join(ACTIONS)}.")
        entries = [(name, dict(params)) for name, params in self._entries]
        if act == "reset":
            message = self._reset(entries, effect)
        elif act == "move":
            message = self._move(entries, effect, index, to)
        else:
            if effect is None:
                raise EffectError(f"Say which effect to {act}: {', '.join(EFFECT_SPECS)}.")
            spec = _spec(effect)
            p = _param(spec, param) if param is not None else None
            number = _number(value) if value is not None else None
            if p is None and number is not None and unit is not None:
                p = param_for_unit(spec, unit, act in ("increase", "decrease"))
            if act == "remove":
                message = self._remove(entries, spec)
            elif act in ("add", "set"):
                message = self._put(entries, spec, p, number, unit, act)
            else:
                sign = 1.0 if act == "increase" else -1.0
                # Unless the parameter was named, "more compressor" means more compression.
                falls = spec.primary_falls and param is None and (p is None or p.name == spec.primary)
                message = self._step(entries, spec, p, number, unit, sign, -sign if falls else sign)
        self._commit(entries)
        return message

    def _value(self, spec: EffectSpec, p: ParamSpec, number: float, unit: object) -> tuple[float, str]:
        """Canonical, rounded, clamped value, and a sentence when it had to be clamped."""
        canonical = number * (_factor(spec, p, unit) if unit is not None else 1.0)
        value = min(max(round(canonical, p.decimals), p.min), p.max)
        if value == round(canonical, p.decimals):
            return value, ""
        return value, (
            f" {capital(param_title(spec, p))} only goes from {num(p.min)} to"
            f" {fmt(p, p.max)}, so I used {fmt(p, value)} instead of {fmt(p, canonical)}."
        )

    def _put(
        self,
        entries: list[tuple[str, dict[str, float]]],
        spec: EffectSpec,
        p: ParamSpec | None,
        number: float | None,
        unit: object,
        act: str,
    ) -> str:
        if number is None and act == "set":
            what = param_title(spec, p or spec.param(spec.primary))
            raise EffectError(f"Setting the {what} needs a value.")
        found = next((i for i, (n, _) in enumerate(entries) if n == spec.name), None)
        params = dict(entries[found][1]) if found is not None else spec.defaults()
        note = ""
        target = p or spec.param(spec.primary)
        if number is not None:
            params[target.name], note = self._value(spec, target, number, unit)
        if found is None:
            entries.append((spec.name, params))
            return f"Added {spec.title}: {params_text(spec, params)}.{note}"
        changed = params != entries[found][1]
        entries[found] = (spec.name, params)
        if act == "set":
            title, shown = param_title(spec, target), fmt(target, params[target.name])
            if not changed:
                return f"{capital(title)} is already {shown}.{note}"
            return f"Set {title} to {shown}.{note}"
        state = ", so I updated it" if changed else " and unchanged"
        return f"{capital(spec.title)} is already on{state}: {params_text(spec, params)}.{note}"

    def _step(
        self,
        entries: list[tuple[str, dict[str, float]]],
        spec: EffectSpec,
        p: ParamSpec | None,
        number: float | None,
        unit: object,
        sign: float,
        moves: float,
    ) -> str:
        """``sign`` is the action's direction (more or less of the effect), ``moves`` the
        parameter's: they differ for an effect whose primary parameter falls as it grows."""
        target = p or spec.param(spec.primary)
        found = next((i for i, (n, _) in enumerate(entries) if n == spec.name), None)
        if found is None and target.name not in spec.neutral:
            if sign < 0:
                raise EffectError(f"There is no {spec.title} in the chain to turn down.")
            params = spec.defaults()
            entries.append((spec.name, params))
            return f"There was no {spec.title}, so I added it: {params_text(spec, params)}."
        params = dict(entries[found][1]) if found is not None else spec.defaults()
        old = params[target.name] if found is not None else spec.neutral[target.name]
        new = self._stepped(spec, target, old, number, unit, moves)
        value = min(max(round(new, target.decimals), target.min), target.max)
        params[target.name] = value
        if found is None:
            entries.append((spec.name, params))
            return f"Added {spec.title}: {params_text(spec, params)}."
        entries[found] = (spec.name, params)
        title = param_title(spec, target)
        limit = "maximum" if moves > 0 else "minimum"
        if value == old:
            return f"{capital(title)} is already at its {limit} of {fmt(target, value)}."
        verb = "Raised" if value > old else "Lowered"
        edge = f", its {limit}" if value in (target.min, target.max) else ""
        return f"{verb} {title} from {fmt(target, old)} to {fmt(target, value)}{edge}."

    def _stepped(
        self,
        spec: EffectSpec,
        p: ParamSpec,
        old: float,
        number: float | None,
        unit: object,
        sign: float,
    ) -> float:
        if number is not None:
            # The value is the size of the change; its direction comes from the action.
            amount = abs(number)
            if _relative(p, unit):
                fraction = amount if unit_key(str(unit)) == "fraction" else amount / 100
                return old * max(0.0, 1 + sign * fraction)
            return old + sign * amount * (_factor(spec, p, unit) if unit is not None else 1.0)
        if p.step_mode == "add":
            return old + sign * p.step
        if sign > 0:
            return max(old * p.step, old + p.step_floor)
        return min(old / p.step, old - p.step_floor) if p.step_floor else old / p.step

    def _remove(self, entries: list[tuple[str, dict[str, float]]], spec: EffectSpec) -> str:
        found = next((i for i, (n, _) in enumerate(entries) if n == spec.name), None)
        if found is None:
            raise EffectError(f"There is no {spec.title} in the chain to remove.")
        del entries[found]
        return f"Removed {spec.title}."

    def _reset(self, entries: list[tuple[str, dict[str, float]]], effect: object) -> str:
        if effect is None:
            if not entries:
                return "There were no effects to clear."
            entries.clear()
            return "Cleared all effects."
        spec = _spec(effect)
        found = next((i for i, (n, _) in enumerate(entries) if n == spec.name), None)
        if found is None:
            raise EffectError(f"There is no {spec.title} in the chain to reset.")
        # Where the effect's absence means a value (gain's 0 dB), reset means that value:
        # "reset the volume" back to +6 dB, the level "add gain" starts at, made it louder.
        params = {**spec.defaults(), **spec.neutral}
        entries[found] = (spec.name, params)
        return f"Reset {spec.title} to its defaults: {params_text(spec, params)}."

    def _move(
        self, entries: list[tuple[str, dict[str, float]]], effect: object, index: object, to: object
    ) -> str:
        count = len(entries)
        if count == 0:
            raise EffectError("There are no effects to move.")
        src: int | None = None
        if index is not None:
            src = _whole(index, "index")
            if not 0 <= src < count:
                raise EffectError(
                    f"There is no effect at index {src}; the chain has {count} (indexes 0 to {count - 1})."
                )
        if effect is not None:
            spec = _spec(effect)
            found = next((i for i, (n, _) in enumerate(entries) if n == spec.name), None)
            if found is None:
                raise EffectError(f"There is no {spec.title} in the chain to move.")
            if src is not None and src != found:
                held = EFFECT_SPECS[entries[src][0]].title
                raise EffectError(f"Index {src} holds {held}, not {spec.title}.")
            src = found
        if src is None:
            raise EffectError("Say which effect to move, by name or index.")
        if to is None:
            raise EffectError("Say where to move it: 'to' is the new index, 0 is first.")
        dest = _whole(to, "target index")
        # Negative counts from the end like a Python index; past either end means that end.
        dest = min(max(dest + count if dest < 0 else dest, 0), count - 1)
        name = EFFECT_SPECS[entries[src][0]].title
        if dest == src:
            return f"{capital(name)} is already {ORDINALS[dest]} in the chain."
        entries.insert(dest, entries.pop(src))
        order = join_words([EFFECT_SPECS[n].title for n, _ in entries])
        return f"Moved {name} to be {ORDINALS[dest]}; the order is now {order}."
