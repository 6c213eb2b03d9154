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

from voicertc.assistant import addressee, occasions, passed_on, referents, scenes, tags, vocatives
from voicertc.assistant.dialogue import Intent, Say, ToolCall
from voicertc.assistant.lexicon import GREETING, WELCOME
from voicertc.assistant.numbers import number_across
from voicertc.assistant.words import tokens


@dataclass(frozen=True)
class Addressed:
    text: str | None  # the words to read; None: said to someone else
    by_name: bool  # the assistant was called by a name


def addressed(transcript: str) -> Addressed:
    transcript = tags.untagged(transcript)  # "reduce a bit, can?", "too loud already lah"
    to_us = vocatives.said_to_us(transcript)
    again = vocatives.restated(transcript) if to_us is None else None
    if to_us is None and again is None and vocatives.said_to_someone(transcript):
        after = vocatives.ordered_after(transcript)  # "class, this is an echo. turn on the echo"
        return Addressed(after, by_name=False)
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


def _whole_numbers(pairs: Sequence[tuple[str, str]]) -> list[str]:
    """The parts of a turn (joint, part), those a number runs across joined: "to a hundred | and |
    twenty hertz"."""
    parts: list[str] = []
    for joint, part in pairs:
        if parts and number_across(tokens(parts[-1]), tokens(joint), tokens(part)):
            parts[-1] += joint + part
        else:
            parts.append(part)
    return parts


# How a part of a long turn opens that orders: "..., so please take the reverb off", "halve the fuzz".
ORDERED = addressee.ORDERS | frozenset("halve double delete nudge restore shorten lengthen".split())


# ... and asked as "would you mind making me quieter".
_MINDED = frozenset(
    f"{w}{w[-1]}ing" if len(w) <= 4 and w[-1] in "tpgm" and w[-2] in "aeiou" else f"{w.removesuffix('e')}ing"
    for w in ORDERED
)


def _ordered(part: str, after_so: bool) -> str | None:
    """``part`` from where it orders, if it does: at its opening, or (``after_so``) after "so"
    ("but now I'm just chatting with them so please take the reverb off")."""
    words = tokens(part)
    for at in (0, *(i + 1 for i, w in enumerate(words) if w == "so" and after_so)):
        opened = addressee.after_opening(words[at:])
        if opened[:1] in ([w] for w in ORDERED) or (
            opened[:1] == ["mind"] and len(opened) > 1 and opened[1] in _MINDED
        ):
            return part if at == 0 else " ".join(words[at:])
    return None


def one_clause_asks(
    pairs: Sequence[tuple[str, str]],
    calls: list[Intent],
    read: Callable[[str], list[Intent]],
    by_name: bool = True,
) -> list[Intent]:
    """A turn said to the assistant by name that read as nothing ("ok voice, more repeats on my
    delay, the crowd loves it"): the calls of the one part of it that asks, if only one does. A long
    turn (not by name) is read so too where the one part that orders reads otherwise than the whole
    ("halve the distortion please, it's fun but the radio station likes it clearer"; "the delay is
    too loud in the mix, it's like a well, pull the delay mix down ten percent"), unless that part
    points back at the rest or says less of the same change."""
    # (a long turn may thank before it asks: "..., thank you, but now I'm just chatting, so please
    # take the reverb off"; or greet those who joined: "give me a bit more reverb now, and hello to
    # everyone who just joined")
    told = scenes.READ_AS_NOTHING if by_name else (*scenes.READ_AS_NOTHING, WELCOME, GREETING)
    nothing = all(isinstance(c, Say) and c.text in told for c in calls)
    changed = not by_name and bool(calls) and all(scenes.is_change(c) for c in calls)
    if not (nothing or changed):
        return calls  # (decided before the turn is cut into parts: this runs on every long turn)
    parts = _whole_numbers(pairs)
    if len(parts) < 2:
        return calls
    if not by_name:  # a long turn's part asks only as an order: not "... comes through the wall at night"
        named = referents.named_effects(tokens(" ".join(parts)))
        ordered = [o for o in (_ordered(p, after_so=nothing) for p in parts) if o is not None]
        # "a little bump at the edge of the high-pass, so set its Q to one point five"
        parts = [_of_the_named(p, *named) if len(named) == 1 else p for p in ordered]
        if not nothing and any(_points_back(o, carried=p != o) for o, p in zip(ordered, parts, strict=True)):
            return calls  # "..., so set the gain to that": its value is in the rest of the turn
    asked = [r for r in map(read, parts) if r and all(scenes.is_change(c) for c in r)]
    if len(asked) != 1 or (not nothing and _same_change(asked[0], calls)):
        return calls  # (the whole turn may say more of the same change: "put it at that, one point two")
    return asked[0]


# The effect an ordered part points back at: "it", "its", "them".
_IT = re.compile(r"\b(?:it|its|them)\b")


def _of_the_named(part: str, effect: str) -> str:
    """``part`` with the one effect its turn named said before it, where it points back and names none."""
    words = tokens(part)
    if referents.named_effects(words) or not _IT.search(" ".join(words)):
        return part
    return referents.said_before(effect, part)


# A value pointed back at: "put the reverb decay at that", "set the compressor threshold there".
# ... or said of the value: "could you make it that long?"
_VALUE_BACK = re.compile(
    r"\b(?:(?:at|to) (?:that|this)|there|that (?:long|short|high|low|much|loud|big|fast|slow))\b"
)


def _points_back(part: str, carried: bool) -> bool:
    """``part`` points back at the rest of its turn: at a value, or (unless the one effect the turn
    names was carried into it) at an effect: "could you turn it down a little"."""
    said = " ".join(tokens(part))
    return _VALUE_BACK.search(said) is not None or (not carried and _IT.search(said) is not None)


def _same_change(part: list[Intent], whole: list[Intent]) -> bool:
    """One change, to the same effect the same way, read in the part and the whole turn."""
    said = [
        (c.arguments.get("effect"), c.arguments.get("action"))
        for c in (*part, *whole)
        if isinstance(c, ToolCall)
    ]
    return len(part) == len(whole) == 1 and said[0] == said[1]
