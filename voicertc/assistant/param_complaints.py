"""A setting said to be too much or too little: "the release is too long", "the threshold's
too low", "the feedback is way too high", "the attack isn't fast enough". The fix is a step
of that one parameter the other way; without this the effect's own step was taken (a
compressor "increase" lowers its threshold: "the threshold is too low" squeezed harder).

Only parameters whose word names one effect are read when no effect is named ("the release"
is the compressor's, "the tail" the reverb's); "the mix" and "the time" need the effect said
("the echo time is too short"). A filter's cutoff and a knee's hardness are read elsewhere
(``descriptions.amount``, ``colloquial.knee_feel``).
"""

from __future__ import annotations

import re

from voicertc.assistant import named_params
from voicertc.assistant.lexicon import PARAM_SYNONYMS, padded
from voicertc.assistant.named_params import OWNERS

# Parameter words that need their effect said ("the echo time is too short").
SHARED = frozenset({"mix", "wet", "time"})
# Durations: "too slow" is too long.
TIMES = frozenset({"attack_ms", "release_ms", "decay_s", "time_ms"})
MUCH = frozenset("high much big strong heavy many loud intense aggressive extreme wet".split())
LITTLE = frozenset("low little small weak light few quiet gentle subtle dry".split())
# A duration is only too long or short, high or low ("the attack is too strong" is a game's).
LONG = frozenset("long slow lazy sluggish high much big".split())
SHORT = frozenset("short fast quick snappy abrupt sudden low little small".split())

_WORDS = "|".join(
    sorted({*OWNERS, *SHARED, *(w for w, p in PARAM_SYNONYMS.items() if p in {*OWNERS, *SHARED})})
)
# "the release is too long", "the attack's a bit slow", "the threshold isn't low enough": the
# parameter (possessive or plural as transcribed), a verb, a degree, then the quality.
_SAID = re.compile(
    rf" (?P<word>{_WORDS})s?(?: time)?(?: is| are| seems| feels| sounds| looks)?"
    r"(?P<not> isnt| not| arent| is not)?"
    r"(?: way| far| much| really| just| still| kind of| sort of| a bit| a little| a touch| slightly| rather)*"
    r"(?P<too> too| so| overly)? (?P<quality>\w+)(?P<enough> enough)? "
)


# "not enough repeats", "way too much feedback", "too few repeats": the amount before its name.
_AMOUNT = re.compile(
    r" (?:(?P<much>too much|too many|so much|so many)|(?P<little>not enough|too little|too few))"
    rf"(?: of)?(?: the| my| that)? (?P<word>{_WORDS}) "
)


def complaint(tokens: list[str], effect: str | None) -> dict[str, object] | None:
    """The step that undoes a parameter said to be too much or too little, if one is."""
    text = padded(tokens)
    for m in _AMOUNT.finditer(text):
        named = named_params.of_word(m["word"], effect)
        if named is not None:
            action = "decrease" if m["much"] else "increase"
            return {"effect": named[0], "action": action} | named_params.stepped(tokens, *named)
    for m in _SAID.finditer(text):
        named = named_params.of_word(m["word"], effect)
        action = _fix(m, named[1] in TIMES) if named is not None else None
        if action is not None:
            return {"effect": named[0], "action": action} | named_params.stepped(tokens, *named)
    return None


def _fix(m: re.Match[str], timed: bool) -> str | None:
    """ "too high" -> decrease, "not high enough" -> increase; a time "too slow" is too long."""
    quality = m["quality"]
    if m["not"] is not None:
        if m["enough"] is None:
            return None  # "the release is not the problem"
        excess, lack = (quality in SHORT, quality in LONG) if timed else (quality in LITTLE, quality in MUCH)
    elif m["too"] is not None or m["enough"] is None:
        if m["too"] is None and m["enough"] is None and not _understated(m):
            return None  # "the release is long": what it is, not a complaint
        excess, lack = (quality in LONG, quality in SHORT) if timed else (quality in MUCH, quality in LITTLE)
    else:
        return None
    if excess == lack:
        return None
    return "decrease" if excess else "increase"


def _understated(m: re.Match[str]) -> bool:
    """ "the release is a bit long": a complaint said mildly."""
    return any(
        f" {degree} " in m.group(0) for degree in ("a bit", "a little", "a touch", "slightly", "rather")
    )
