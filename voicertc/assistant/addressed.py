"""What of a turn is asked of the assistant: the words after its name where it is called
("the kids can't hear me, computer, louder please"), a wish passed on and ordered ("the
engineer wants my low-pass at six k, set it"), the rooms people are in told as where they
are ("she can't hear me at the back of the hall, turn me up"), an order before the room is
called ("lower the threshold six dB, folks, one more run through"); or nothing, where it is said
to someone else in the room ("Nina, you're clipping, turn your gain down").

``transcript`` is the turn as said, its commas and capitals kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from voicertc.assistant import occasions, passed_on, scenes, tags, vocatives
from voicertc.assistant.dialogue import Intent, Say


@dataclass(frozen=True)
class Addressed:
    text: str | None  # the words to read; None: said to someone else
    by_name: bool  # the assistant was called by a name


def addressed(transcript: str) -> Addressed:
    transcript = tags.untagged(transcript)  # "reduce a bit, can?", "too loud already lah"
    to_us = vocatives.said_to_us(transcript)
    again = vocatives.restated(transcript) if to_us is None else None
    if to_us is None and again is None and vocatives.said_to_someone(transcript):
        return Addressed(None, by_name=False)
    text = to_us if to_us is not None else again or transcript
    text = passed_on.asked(text) or vocatives.before_an_aside(text) or text
    unpurposed = _HURRY.sub("", _PURPOSE.sub("", text))
    text = unpurposed if unpurposed.strip() else text
    text = occasions.unoccasioned(text)
    return Addressed(scenes.places_told(text), by_name=to_us is not None)


# What an order is for, said after it: "threshold down six dB, so it catches more" (its "more"
# asks nothing); not a sound accepted as it is ("the echo is a lot, but it's a dub track, so it
# should be").
_PURPOSE = re.compile(
    r",\s*so (?:that )?(?:it|it's|its|i|i'm|we|we're|they|they're|people|everyone|everybody) "
    r"(?!(?:should|must) be\s*[.!?]?\s*$)[^,;.!?]*[.!?]?\s*$",
    re.IGNORECASE,
)


# Haste said as a clause of its own (corpus14's busy callers): "reverb on the mic for this
# build, quick" (no shorter decay is asked).
_HURRY = re.compile(
    r"[,;]\s*(?:quick|quickly|quick quick|asap|hurry|hurry up)\s*(?=[,;.!?]|$)", re.IGNORECASE
)


def one_clause_asks(
    parts: Sequence[str], calls: list[Intent], read: Callable[[str], list[Intent]]
) -> list[Intent]:
    """A turn said to the assistant by name that read as nothing ("ok voice, more repeats on
    my delay, the crowd loves it"): the calls of the one part of it that asks, if only one
    does."""
    if len(parts) < 2 or not all(isinstance(c, Say) and c.text in scenes.READ_AS_NOTHING for c in calls):
        return calls
    asked = [r for r in map(read, parts) if all(scenes.is_change(c) for c in r)]
    return asked[0] if len(asked) == 1 else calls
