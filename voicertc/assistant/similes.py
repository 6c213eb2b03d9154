"""A change said with a picture of the sound it should make: "roll off the top like an old
telephone", "softer knee on the compressor, like a gentle tube leveler", "shave the highs off so it
sounds like it's coming through a phone". The order already says which control to turn; the
picture ("like a phone", read alone, is the high pass) only says why. Where the turn read without
its pictures still asks a change, that is what it asks (``clauses.understand_all``); where it asks
nothing without them ("make it sound like a cathedral"), the picture is the request and the turn
is read whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from voicertc.assistant.descriptions import QUALITIES
from voicertc.assistant.dialogue import APPLY, Intent, ToolCall

# "like a phone", "more like an old radio", "like I'm underwater", up to the end of its clause (not
# "like that", which points back: "..., could you make it a bit less like that?").
_SIMILE = re.compile(
    r"\b(?:(?:a (?:bit|little|lot) |much |)more )?like (?:a|an|the|some|one of|those|that|this|in|on|through|"
    r"i'm|im|i am|it's|its|it is|we're|were|we are|you're|youre) \w[^,.;!?]*",
    re.IGNORECASE,
)
# A wish or a taste, not a picture: "I'd like the reverb", "we'd like a delay", "if you like".
_LIKING = frozenset(
    "i i'd id we we'd wed you you'd youd they would really dont don't do does not just".split()
)
# A picture of how it sounds now, which the order after it points back at ("I sound like I'm in a
# bathroom, tone it down", "my level goes like a yo-yo"), or of a quality ("thin and tinny like an
# old phone, bring back some of the bass"): the picture says which control the order means.
_DESCRIBING = frozenset(
    "sound sounds sounded sounding is it's its i'm im are was were goes go went look looks feel feels seem "
    "seems".split()
) | frozenset(q for q in QUALITIES if " " not in q)
_NOT_PICTURED = _LIKING | _DESCRIBING


def without(transcript: str) -> str | None:
    """``transcript`` less its pictures of the sound, or None where it draws none."""
    kept, at = [], 0
    for match in _SIMILE.finditer(transcript):
        before = transcript[: match.start()].split()
        if before and before[-1].lower().strip(",") in _NOT_PICTURED and not _purpose(before):
            continue
        kept.append(transcript[at : match.start()])
        at = match.end()
    if not kept:
        return None
    rest = "".join([*kept, transcript[at:]])
    rest = re.sub(r"\s+([,.;!?])", r"\1", re.sub(r"\s{2,}", " ", rest))
    return re.sub(r",(?:\s*,)+", ",", rest).strip(" ,")


def _purpose(before: list[str]) -> bool:
    """The sound an order is for: "shave the highs off so it sounds like it's coming through a phone"."""
    said = [w.lower().strip(",") for w in before[-3:-1]]
    return len(said) == 2 and said[0] in ("so", "that") and said[1] in ("it", "i", "we", "my", "everything")


# A picture drawn nearer: "make it sound more like a church", "more like a cave please".
_MORE_LIKE = re.compile(r"\b(?:(?:a (?:bit|little|lot) |much )more|more) like\b", re.IGNORECASE)


def more_alike(transcript: str, whole: list[Intent], read_all: Callable[[str], list[Intent]]) -> list[Intent]:
    """ "make it sound more like a church": the change the picture asks for, stepped up (as "like a
    church" puts the reverb on, "more like" turns it up, which puts it on where it is off); else
    ``whole``. Read without its "more" (``read_all``) where as said it asks nothing."""
    if not _MORE_LIKE.search(transcript):
        return whole
    calls = (
        whole if any(isinstance(i, ToolCall) for i in whole) else read_all(_MORE_LIKE.sub("like", transcript))
    )
    adds = calls and all(
        isinstance(c, ToolCall)
        and c.name == APPLY
        and c.arguments.get("action") == "add"
        and len(c.arguments) == 2
        for c in calls
    )
    return [ToolCall(APPLY, {**c.arguments, "action": "increase"}) for c in calls] if adds else whole


def unpictured(transcript: str, whole: list[Intent], read_all: Callable[[str], list[Intent]]) -> list[Intent]:
    """The requests of ``transcript`` read without its pictures (``read_all``), where both it and
    they ask changes; else ``whole``, its requests read as said (a picture drawn nearer,
    ``more_alike``)."""
    whole = more_alike(transcript, whole, read_all)
    plain = without(transcript)
    if plain is None or not any(isinstance(intent, ToolCall) for intent in whole):
        return whole
    calls = read_all(plain)
    return calls if calls and all(isinstance(call, ToolCall) for call in calls) else whole
