"""Multiples of a time or a frequency: "double the delay time", "make the echo half as long", "cut
the reverb in half", "delay time times two", "cut the drive down to fifty percent of what it is
now". A level in dB is not scaled so (``colloquial.level_scaled`` halves a level's amplitude).

Tokens are ``dialogue.normalize`` output.
"""

from __future__ import annotations

import re

from voicertc.assistant.lexicon import has_phrase, padded
from voicertc.assistant.numbers import find_numbers

TIMES = {"double": 2.0, "twice": 2.0, "triple": 3.0, "halve": 0.5, "quadruple": 4.0}
OBJECT_AFTER = (["the"], ["it"], ["that"], ["my"], ["its"], ["this"], ["as"], ["up"])


def _said(tokens: list[str]) -> list[tuple[int, tuple[str, float]]]:
    return [(i, (t, TIMES[t])) for i, t in enumerate(tokens) if t in TIMES]


HALF_OF_IT = ("to half its", "to half what", "to half of", "half what it is", "half of what it is")
AS_LONG = ("as long", "as big", "as high", "as short", "as fast", "as slow", "as much")
# A multiple of a speed is the inverse multiple of the time it is the speed of.
SPEEDS = ("as fast", "as quick", "as quickly", "as often", "as frequently", "as frequent")


def multiple(tokens: list[str], unit: str, action: str | None) -> tuple[float, str] | None:
    """ "double the delay time": +100 % (increase); "make the echo half as long", "cut the
    reverb in half": -50 % (of the mix: 30 % to 15 %; the dialogue says it as a fraction,
    which the chain scales a percentage by). Not of a level in dB (``unit``): half a gain of
    -6 dB is no softer sound."""
    text = " " + " ".join(tokens) + " "
    # "cut the delay in half", "bring the reverb halfway back" (not "by half a k": 500 Hz)
    if unit != "db" and re.search(r" (?:(?:in|by) half(?! an? )|halfway (?:back|down) )", text):
        return 50.0, "decrease"  # a shorter delay, not none
    if unit == "db" or action == "remove":
        return None
    # "double the delay", "halve it"; not "double check the delay"
    factor = next((f for i, (w, f) in _said(tokens) if tokens[i + 1 : i + 2] in OBJECT_AFTER), None)
    if has_phrase(text, ("twice what", "to twice")):
        factor = 2.0  # "stretch the echo spacing to twice what it is"
    elif has_phrase(text, HALF_OF_IT):
        factor = 0.5  # "take the high pass down to half its frequency" (not "to half a second")
    elif "twice" in tokens and not has_phrase(text, ("twice as", "twice the")):
        factor = None  # "I can hear myself twice": not a multiple of anything
    if factor is None:
        factor = _times(tokens) or _share_of_now(tokens)
    if factor is None and has_phrase(text, AS_LONG):
        at = next(i for i, t in enumerate(tokens) if t == "as")
        before = [s for s in find_numbers(tokens) if s.end == at]
        factor = before[0].value if before and before[0].value > 0 else None
        if factor is None and tokens[at - 1 : at] == ["times"]:
            count = [s for s in find_numbers(tokens) if s.end == at - 1]
            factor = count[0].value if count else None
    if factor is None or factor == 1:
        return None
    if has_phrase(text, SPEEDS):
        factor = 1 / factor  # "make the echoes come twice as fast": half the time between them
    if factor > 1:
        return round(100.0 * (factor - 1), 3), "increase"
    return round(100.0 * (1 - factor), 3), "decrease"


# (session 47, tune26) A share of the setting as it is: "cut the drive down to fifty percent of
# what it is now" (not "set the mix to fifty percent").
OF_NOW = (
    "of what it is",
    "of what its",
    "of its current",
    "of the current",
    "of where it is",
    "of where its",
)


def _share_of_now(tokens: list[str]) -> float | None:
    for said in find_numbers(tokens):
        if tokens[said.end : said.end + 1] == ["percent"] and has_phrase(
            padded(tokens[said.end + 1 :]), OF_NOW
        ):
            return said.value / 100 if said.value > 0 else None
    return None


def _times(tokens: list[str]) -> float | None:
    """ "delay time times two": the multiple said last, after "times" ("two times as long"
    is read above)."""
    spans = [s for s in find_numbers(tokens) if s.start > 0 and tokens[s.start - 1] == "times"]
    # (a courtesy may end it: "delay time times two, please")
    return spans[-1].value if spans and _COURTEOUS.issuperset(tokens[spans[-1].end :]) else None


_COURTEOUS = frozenset("please thanks thank you now".split())
