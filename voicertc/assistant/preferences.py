"""One effect asked for in place of another: "replace the reverb with a delay", "switch from
reverb to delay", "change the echo into reverb", "a compressor instead of the gain boost",
"I'd rather have delay than reverb", "rather than more gain, use a compressor".

The effect given up is removed (when it is named bare: "rather than more gain" asks no gain
off) and the one preferred is put on as its own words ask ("a delay at 300 ms instead of the
reverb" sets it).

Tokens are ``words.tokens`` output.
"""

from __future__ import annotations

import re

from voicertc.assistant import lexicon as lx
from voicertc.assistant.dialogue import APPLY, ToolCall, understand
from voicertc.assistant.referents import named_effect

# Words around an effect's name that ask for nothing of their own: "and a bit of delay too".
BARE = frozenset("a an the some bit of little touch tad please too also as well now just maybe its".split())
# Only politeness may come before the verb: "why did you replace the reverb with a delay" asks nothing.
_POLITE = r"(?:(?:please|could|can|would|you|just|now|so|lets|ok|okay|oh|actually|maybe|i|we) )*"
# (given up, preferred): "replace the reverb with a delay", "switch from reverb to delay".
SWAPS = tuple(
    re.compile(_POLITE + pattern)
    for pattern in (
        r"(?:replace|swap|switch|exchange|trade|change) (?P<out>.+) (?:with|for|to) (?P<in>.+)",
        r"(?:switch|go|move|change|swap) from (?P<out>.+) to (?P<in>.+)",
        r"(?:change|turn|make) (?P<out>.+) into (?P<in>.+)",
    )
)
# (preferred, given up), the preferred side a request of its own: "give me a compressor
# instead of the gain boost", "I'd rather have delay than reverb", "I'd prefer a high pass to a low pass".
_VERB = "(?:" + "|".join((*lx.IMPERATIVES, "use")) + ") "
INSTEAD = tuple(
    re.compile(pattern)
    for pattern in (
        r"(?P<in>.+) (?:instead of|rather than) (?P<out>.+)",
        r"(?:instead of|rather than) (?P<out>.+?) (?P<in>" + _VERB + ".+)",
        # (asked now: "I'd rather", not "I prefer plate reverb to spring reverb" in general; and
        # not "I'd rather not have the bass cut on, to be honest": nothing preferred)
        r"(?:id|wed|i would|we would) (?:rather|prefer) (?!not )(?:have |use |get )?(?P<in>.+)"
        r" (?:than|to|over) (?P<out>.+)",
    )
)


def bare(words: list[str], effect: str | None) -> bool:
    """Only ``effect``'s name and words that ask for nothing: "the distortion", "some delay"."""
    if effect is None:
        return False
    names = {w for name in lx.EFFECT_NAMES[effect] for w in name.split()}
    return all(w in BARE or w in names for w in words)


def swapped(words: list[str]) -> list[ToolCall] | None:
    """The calls of one effect asked for in place of another, or None."""
    said = " ".join(words)
    for pattern in SWAPS:
        match = pattern.fullmatch(said)
        if match is not None:
            out, put = match["out"].split(), match["in"].split()
            given_up, effect = named_effect(out), named_effect(put)
            if bare(out, given_up) and bare(put, effect):
                return _calls(given_up, put, effect)
    for pattern in INSTEAD:
        match = pattern.fullmatch(said)
        if match is not None:
            out, put = match["out"].split(), match["in"].split()
            given_up = named_effect(out)
            return _calls(given_up if bare(out, given_up) else None, put, named_effect(put))
    return None


def _calls(given_up: str | None, put: list[str], effect: str | None) -> list[ToolCall] | None:
    """``given_up`` removed (None: nothing) and ``effect``, the one ``put`` names, as its words ask."""
    if effect is None or effect == given_up:
        return None
    asked = understand(" ".join(put))
    if isinstance(asked, ToolCall) and asked.name == APPLY and asked.arguments.get("effect") == effect:
        if asked.arguments["action"] == "remove":
            return None  # (no preference for it: "turn off the delay instead of the reverb" is unclear)
        wanted = dict(asked.arguments)
    elif bare(put, effect):
        wanted = {"effect": effect, "action": "add"}
    else:
        return None
    removed = [] if given_up is None else [ToolCall(APPLY, {"effect": given_up, "action": "remove"})]
    return [*removed, ToolCall(APPLY, wanted)]
