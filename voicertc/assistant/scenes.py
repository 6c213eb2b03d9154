"""How things are around an order, told beside it: "make my delay fifty ms shorter, the
tempo's up", "with the window down, make me louder". The order is the request; the scene
says why, and its words ("up", "down", "the hall") ask for nothing of the sound.

``transcript`` is the turn as said, its commas kept: only a clause boundary sets a scene
apart from the order.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from voicertc.assistant import lexicon as lx
from voicertc.assistant.addressee import COURTESY, SHORT_NAMES, after_opening
from voicertc.assistant.declined import NOT_FOR_SOUND_TEXT, OTHER_SOUND_TEXT
from voicertc.assistant.dialogue import APPLY, FALLBACK_TEXT, Intent, Say, ToolCall, tokens
from voicertc.assistant.numbers import find_numbers
from voicertc.assistant.referents import named_effect
from voicertc.assistant.vocatives import ORDERS

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
    return match["order"] if _an_order(order) or find_numbers(order) or _named_first(order) else None


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


# What a reason told first opens with: "since the gym already echoes, put my reverb at 25%".
_BECAUSE = ("since", "because", "cause", "as", "seeing as", "given that", "now that", "while", "with")


def order_after_reason(transcript: str) -> str | None:
    """The order of "<since/because ...>, <order>": a reason told first, whatever it names,
    then an order that points back at nothing in it."""
    parts = re.split(r"\s*[,;]\s*", transcript.strip())
    said = " ".join(tokens(parts[0]))
    if len(parts) < 2 or not any(said.startswith(f"{b} ") for b in _BECAUSE):
        return None
    order = tokens(parts[-1])
    return parts[-1] if _an_order(order) and POINTERS.isdisjoint(order) else None


# (a clause joined on, "..., and maybe add some reverb", is a second request, not the order a
# scene was told for)
_OPENING = COURTESY - {"and", "then", "also", "but"}


def _an_order(words: list[str]) -> bool:
    rest = after_opening(words, _OPENING)
    return bool(rest) and rest[0] in ORDERS


# A change said short, the effect's name first: "low pass up an octave please, the sander's off".
_NAMED_FIRST = re.compile(
    rf"^(?:{'|'.join(sorted(SHORT_NAMES))}) "
    r"(?:up|down|on|off|in|out|back)\b"
)


def _named_first(words: list[str]) -> bool:
    return _NAMED_FIRST.match(" ".join(after_opening(words, _OPENING))) is not None


# Where people are, named with a place word the reverb is also called by: "from the back of
# the hall", "we're moving to the small room", "the band's in the big hall". Said after a word
# of place, the room is where they are, not the reverb asked for ("make me sound like I'm in
# the hall" is: said after "like").
_WHERE = re.compile(
    r"\b(?P<at>in|into|of|to|at|from|across|around|through|throughout|inside|outside)\s+"
    r"(?P<place>the\s+(?:[a-z]+\s+){0,2}?(?:room|hall|church)(?:'s|s)?)\b(?!\s+(?:sound|reverb|verb|tone|size|feel))",
    re.IGNORECASE,
)
# Where the caller is, said with a direction that asks nothing: "I'm down by the hedge with the
# phone in my pocket, louder please".
_WHERE_I_AM = re.compile(
    r"\b((?:i'm|im|i am|we're|we are) )(?:down|up|out|over|round) (?=(?:by|at|in|near|on) the\b)",
    re.IGNORECASE,
)
# A place's own things: "my voice is too loud on the room speaker".
_THINGS = re.compile(
    r"\b(?:room|hall)(?=\s+(?:speaker|speakers|mic|mics|lights|monitor|monitors|pa)\b)", re.I
)
_LIKE = re.compile(r"\b(?:like|if|though|sounds?)\b(?:\s+\S+){0,4}\s*$", re.IGNORECASE)


# What a room's own sound is called by, before it: "the echo in the church was huge".
_ITS_SOUND = lx.EFFECT_WORDS | frozenset("sound sounds acoustics acoustic".split())


def places_told(transcript: str) -> str:
    """``transcript`` with the rooms people are in said as "there": no reverb is asked by
    them."""

    def told(match: re.Match[str]) -> str:
        if _LIKE.search(transcript[: match.start()]):
            return match.group()  # "like I'm in the hall": the sound asked for
        if not _ITS_SOUND.isdisjoint(tokens(transcript[: match.start()])[-1:]):
            return match.group()  # "the echo in the church": the place's own
        return f"{match['at']} there"

    return _THINGS.sub("venue", _WHERE.sub(told, _WHERE_I_AM.sub(r"\1", transcript)))


# Replies of a turn read as no request: a scene told beside an order may be why.
READ_AS_NOTHING = (FALLBACK_TEXT, NOT_FOR_SOUND_TEXT)
_OWN = frozenset("me my us our myself".split())


def order_in_scene(transcript: str, calls: list[Intent], read: Callable[[str], list[Intent]]) -> list[Intent]:
    """The order of a turn that tells a scene beside it ("make the delay shorter, the tempo's
    up", "with the window down, make me louder"), where the whole turn (``calls``) read as
    changes or as nothing; a turn declined for another reason ("hey Google, set the room
    speaker to fifty percent") stays declined."""
    told = (*READ_AS_NOTHING, OTHER_SOUND_TEXT)
    if not all(is_change(c) or (isinstance(c, Say) and c.text in told) for c in calls):
        return calls
    # a turn read as of another thing's sound yields only an order of the speaker's own: "the
    # piano drowns me, make me louder" (not "the radio's too loud, turn the volume down")
    theirs = any(isinstance(c, Say) and c.text == OTHER_SOUND_TEXT for c in calls)
    for order in (
        order_before_state(transcript),
        order_after_scene(transcript),
        order_after_reason(transcript),
    ):
        if theirs and (order is None or _OWN.isdisjoint(tokens(order))):
            continue
        asked = read(order) if order is not None else []
        if asked and all(is_change(a) for a in asked):
            return asked
    return calls


def is_change(intent: Intent) -> bool:
    return isinstance(intent, ToolCall) and intent.name == APPLY
