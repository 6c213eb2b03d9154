"""How things are around an order, told beside it: "make my delay fifty ms shorter, the
tempo's up", "with the window down, make me louder". The order is the request; the scene
says why, and its words ("up", "down", "the hall") ask for nothing of the sound.

``transcript`` is the turn as said, its commas kept: only a clause boundary sets a scene
apart from the order.
"""

from __future__ import annotations

import re

from voicertc.assistant import lexicon as lx
from voicertc.assistant.addressee import after_opening
from voicertc.assistant.dialogue import tokens
from voicertc.assistant.numbers import find_numbers
from voicertc.assistant.referents import named_effect

# A state told after the order, of a named thing: "..., the tempo's up", "..., the hall's boomy".
_STATE_AFTER = re.compile(
    r"^(?P<order>.+?)[,;]\s*(?:the|my|our|this|that)\s+(?P<subject>\w+)(?:'s|’s|\s+is|\s+are|\s+was)\s+\S.*$",
    re.IGNORECASE,
)
# Places a reverb is named after: told as where the user is ("the hall's boomy"), they are
# the scene, not the effect.
PLACES = frozenset({"room", "hall", "church", "space", "studio"})
# What points back at something the scene told of.
POINTERS = frozenset("it that this them those these".split())
# What an order opens with, past courtesy: "make ...", "can you make ...".
_POLITE = frozenset("can could would will you please just now so ok okay".split())


def order_before_state(transcript: str) -> str | None:
    """The order of "<order>, the <thing> is <state>" when the thing is no effect of the
    sound (or a place), and the order opens with a verb or says a value; else None."""
    match = _STATE_AFTER.match(transcript.strip())
    if match is None:
        return None
    subject = match["subject"].lower()
    if subject in lx.EFFECT_WORDS - PLACES:
        return None  # "..., the delay is too long": a second complaint, the rules' to read
    order = tokens(match["order"])
    return match["order"] if _an_order(order) or find_numbers(order) else None


def order_after_scene(transcript: str) -> str | None:
    """The order of "<scene>, <order>": the last clause when it opens with a verb and
    nothing before it names an effect ("with the window down, make me louder")."""
    parts = re.split(r"\s*[,;]\s*", transcript.strip())
    if len(parts) < 2:
        return None
    scene, order = tokens(" ".join(parts[:-1])), tokens(parts[-1])
    if not scene or not _an_order(order) or named_effect(scene) is not None or not POINTERS.isdisjoint(order):
        return None  # ("that growly effect is too strong, make it softer": "it" is what was told)
    return parts[-1]


def _an_order(words: list[str]) -> bool:
    rest = after_opening(words, _POLITE)
    return bool(rest) and rest[0] in lx.IMPERATIVES
