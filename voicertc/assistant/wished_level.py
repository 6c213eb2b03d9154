"""The speaker's level wished for or said without a verb of the level: "make me super duper loud",
"make my voice go big and loud", "I'd like my voice to come out a bit stronger", "vocal up four".
Text is tokens joined with a space at each end."""

from __future__ import annotations

import re
from collections.abc import Set

from voicertc.assistant import listeners, values

# The wish said last ("... loud like a rock star" too); "stronger" and "weaker" only of the voice
# wished to come out so ("a stronger reverb" names the reverb).
LOUD_WISH = re.compile(
    r" (?:make|get) (?:me|us|it|my voice|my mic)(?: \S+){0,4} (loud|quiet) (?:like .*)?$"
    r"| (?:like|want|need) (?:my voice|my mic|me) to (?:come out|sound|be)(?: \S+){0,2} (stronger|weaker) "
)


def loud_wish(text: str) -> dict[str, object] | None:
    said = LOUD_WISH.search(text)
    if said is None or " too " in text:  # "you made me too loud": a complaint, read elsewhere
        return None
    return {
        "effect": "gain",
        "action": "increase" if (said[1] or said[2]) in ("loud", "stronger") else "decrease",
    }


# What the speaker's own level is called, said to a desk: "vocal up four", "my mic down a touch".
DESK_NAMES = frozenset("me mic mike microphone voice vocal vocals".split())
DESK_STEPS = {"up": "increase", "down": "decrease"}


def verbless(tokens: list[str], degree: Set[str]) -> dict[str, object] | None:
    """The level said without a verb: "vocal up four", "my mic down a touch" (``degree``: the
    words of how much that may follow, "a touch", "please")."""
    at = 1 if tokens[:1] in (["my"], ["the"]) else 0
    name, step = [*tokens[at : at + 2], "", ""][:2]
    action = DESK_STEPS.get(step)
    if name not in DESK_NAMES or action is None:
        return None
    return level_step(action, listeners.before(tokens[at + 2 :], degree), degree)


def level_step(action: str, rest: list[str], degree: Set[str]) -> dict[str, object] | None:
    """The gain stepped by ``action``, by the decibels ``rest`` says if it says any; None where
    ``rest`` says more than how much ("turn it up, the next song is quiet" is read elsewhere)."""
    if all(t in degree for t in rest):
        return {"effect": "gain", "action": action}
    amount = values.decibels_alone(rest, degree)
    return None if amount is None else {"effect": "gain", "action": action, "value": amount, "unit": "db"}
