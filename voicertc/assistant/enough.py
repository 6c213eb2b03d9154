"""A quality said to fall short: "my voice isn't soft enough", "nowhere near dry enough",
"not bright enough yet". It asks for the opposite of what the same quality said in excess
asks ("too soft" is more gain, "not soft enough" less; "too dry" more reverb, "not dry
enough" less)."""

from __future__ import annotations

import re

from voicertc.assistant.degrees import more_of
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


# An effect said to do too little, no quality named: "the compression isn't holding me steady
# enough", "the reverb's not doing enough" (not "the delay isn't quiet enough": a quality of less).
_DOING_TOO_LITTLE = re.compile(
    r" (?:isnt|is not|arent|are not|doesnt|does not|not) (?P<how>(?:\w+ ){0,4})enough "
)
_OF_LESS = frozenset("quiet soft short small low gentle subtle light dry dark thin tight fast quick".split())


def not_enough(tokens: list[str], effect: str | None = None) -> dict[str, object] | None:
    """The change a quality said to fall short asks for, if one is said; more of ``effect``
    where it is said to do too little."""
    said = padded(tokens)
    m = _SHORT.search(said)
    if m is None:
        short = _DOING_TOO_LITTLE.search(said) if effect is not None else None
        if short is None or _OF_LESS.intersection(short["how"].split()):
            return None
        return {"effect": effect, "action": more_of(effect)}
    effect, action, _ = QUALITIES[m["quality"]]
    wanted = "increase" if (effect, action) == ("lowpass", "add") else OPPOSITE[action]
    return {"effect": effect, "action": wanted}
