"""The speaker's level wished for without a verb of the level: "make me super duper loud", "make
my voice go big and loud", "I'd like my voice to come out a bit stronger". Text is tokens joined
with a space at each end."""

from __future__ import annotations

import re

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
