"""A filter named as the tool a band is cut with: "cut more highs with the low pass", "still
rumbly, take more of the bass out using the low cut". Read as said, the filter is the object of
"cut" and is taken off: the opposite of what was asked. The band says what to do; the filter only
says which control does it. Where the turn read without the tool asks a change of that same filter,
that is what it asks (``clauses.understand_all``); else the turn is read as said.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from voicertc.assistant.dialogue import APPLY, Intent, ToolCall
from voicertc.assistant.lexicon import EFFECT_NAMES

# "with the low pass", "using the high-pass filter", at the end of its clause.
_TOOL = re.compile(
    r"\s*\b(?:with|using|via) (?:the |my |your |a |an |that )?(?P<name>[\w' -]{2,30}?)\s*(?=$|[,.;!?])",
    re.IGNORECASE,
)


def tool(transcript: str) -> tuple[str, str] | None:
    """``transcript`` less the effect named as a tool, and that effect, or None where none is."""
    for match in _TOOL.finditer(transcript):
        name = match["name"].lower().replace("-", " ").removesuffix(" filter")
        effect = next((e for e, names in EFFECT_NAMES.items() if name in names), None)
        if effect is not None:  # (the name alone: not "with the drive at thirty percent")
            rest = transcript[: match.start()] + transcript[match.end() :]
            return re.sub(r"\s+([,.;!?])", r"\1", rest).strip(" ,"), effect
    return None


def untooled(transcript: str, whole: list[Intent], read_all: Callable[[str], list[Intent]]) -> list[Intent]:
    """The requests of ``transcript`` read without the filter it names as a tool (``read_all``),
    where read as said (``whole``) it takes that filter off and without it asks only changes of
    that filter; else ``whole``."""
    found = tool(transcript)
    if found is None:
        return whole
    rest, effect = found
    if whole != [ToolCall(APPLY, {"effect": effect, "action": "remove"})]:
        return whole  # (read right as said: "cut the low end out with a high-pass")
    calls = read_all(rest) if rest else []
    mine = calls and all(isinstance(c, ToolCall) and c.arguments.get("effect") == effect for c in calls)
    return calls if mine else whole
