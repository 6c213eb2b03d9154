"""A quality said to fall short: "my voice isn't soft enough", "nowhere near dry enough",
"not bright enough yet". It asks for the opposite of what the same quality said in excess
asks ("too soft" is more gain, "not soft enough" less; "too dry" more reverb, "not dry
enough" less)."""

from __future__ import annotations

import re

from voicertc.assistant.descriptions import QUALITIES
from voicertc.assistant.lexicon import padded

# The wanted change, undoing the fix of the quality in excess (a low pass "added" for too
# bright is opened up for not bright enough).
OPPOSITE = {"add": "decrease", "increase": "decrease", "decrease": "increase"}
_ONE_WORD = "|".join(sorted((q for q in QUALITIES if " " not in q), key=len, reverse=True))
_SHORT = re.compile(
    r" (?:not|isnt|arent|nowhere near|not nearly|still not|not quite)(?: quite| really| yet)?"
    rf"(?: (?:that|very|so))? (?P<quality>{_ONE_WORD}) enough "
)


def not_enough(tokens: list[str]) -> dict[str, object] | None:
    """The change a quality said to fall short asks for, if one is said."""
    m = _SHORT.search(padded(tokens))
    if m is None:
        return None
    effect, action, _ = QUALITIES[m["quality"]]
    wanted = "increase" if (effect, action) == ("lowpass", "add") else OPPOSITE[action]
    return {"effect": effect, "action": wanted}
