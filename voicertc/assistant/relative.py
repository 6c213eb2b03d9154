"""Numbers said as a step from what is there, where the words around them would otherwise
read a setting: "low pass cutoff minus five hundred", "take ten off the distortion"; and
words that look like a parameter's but only place a time: "a quarter second between
repeats".

Tokens are ``dialogue.normalize`` output.
"""

from __future__ import annotations

from voicertc.assistant.numbers import NumberSpan
from voicertc.effects.chain import param_for_unit
from voicertc.effects.specs import EffectSpec


def below_its_floor(spec: EffectSpec, named: str | None, value: tuple[NumberSpan, str | None]) -> bool:
    """A negative number for a setting that cannot go below zero (a cutoff, a time, a mix):
    "minus five hundred" there is five hundred less, as "gain minus six" is not (-6 dB is a
    gain). ``named``: the parameter the sentence names, else its unit's, else the primary."""
    span, unit = value
    if span.value >= 0:
        return False
    implied = param_for_unit(spec, unit, False) if unit else None
    return spec.param(named or (implied.name if implied else spec.primary)).min >= 0


def a_step(tokens: list[str], value: tuple[NumberSpan, str | None]) -> bool:
    """A number said with a verb that would take the effect off, as the size of a step: with
    its unit ("take 6 dB off the gain"), after "by" ("cut it by two"), or taken off ("take
    ten off the distortion": that much less, the effect itself stays)."""
    span, unit = value
    by = tokens[span.start - 1 : span.start] == ["by"]
    return bool(unit) or by or tokens[span.end : span.end + 1] == ["off"]


def between(tokens: list[str], at: int) -> bool:
    """The word at ``at`` says what a time lies between, not which setting is meant
    ("repeats" there is no feedback)."""
    before = tokens[max(0, at - 2) : at]
    return before[-1:] == ["between"] or before == ["between", "the"] or before == ["between", "each"]


def a_target(tokens: list[str], value: tuple[NumberSpan, str | None] | None) -> bool:
    """ "raise the delay to 400 ms", "stick the high pass up at one k", "zero dB on the
    volume": where a verb of change is followed to a value (nobody asks for a change of 0)."""
    if value is None:
        return False
    start = value[0].start
    start -= start > 0 and tokens[start - 1] == "plus"  # "trim to plus four": a sign, as "minus" is
    before = tokens[start - 1] if start > 0 else None
    return before == "to" or (before == "at" and bool(value[1])) or value[0].value == 0
