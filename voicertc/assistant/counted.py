"""Whether a clause read alone is a request of its own, or the reason for one beside it
("I sound like I'm talking into a pillow, give it some room": the reason, then the one
request). ``clauses`` asks it of each part of a turn; ``words`` are a part's tokens.
"""

from __future__ import annotations

import re

from voicertc.assistant import lexicon as lx
from voicertc.assistant.addressee import COURTESY
from voicertc.assistant.colloquial import DEGREE
from voicertc.assistant.dialogue import Intent, Say, ToolCall
from voicertc.assistant.referents import named_effect
from voicertc.assistant.scenes import is_change
from voicertc.assistant.wished_level import verbless

# Words a request opens with ("cut the lows", "could you boost the bass"), which a reason
# given ("it sounds like a tin can") does not.
VERBS = frozenset(
    {words[0] for _, phrases in lx.ACTION_WORDS for words in (p.split() for p in phrases)}
    | {p.split()[0] for p, _ in lx.REWRITES}
    | {v for v, _, _ in lx.PARTICLE_VERBS}
    | {p.split()[0] for p in lx.IDIOMS}
    | set("turn switch pump bring push pull roll tame warm brighten darken".split())
) - {"on", "off", "up", "down", "like", "want", "need", "gone", "without", "some", "back"}
_NAME_WORDS = {w for names in lx.EFFECT_NAMES.values() for name in names for w in name.split()}
# Parameter words that name no effect alone ("the mix", "the attack"): whose, the request before says.
PARAMS = frozenset((lx.PARAM_WORDS | set(lx.PARAM_SYNONYMS)) - _NAME_WORDS)
# What opens a clause of reason.
BECAUSE = frozenset("since because cause cos coz seeing".split())
# A part that only thanks: no request, and no amount for the one before ("..., thanks so much").
THANKS = frozenset("thanks thank you so much very a lot cheers ta in advance".split())
SENTENCE_END = re.compile(r"[.!?]")


def counted(words: list[str], reading: Intent) -> Intent:
    """``reading``, unless it is a call read from a part that neither names an effect nor
    opens with a verb: "I sound like I'm talking into a pillow, give it some room" gives
    the reason for the one request after it, and is no request of its own."""
    if words[:1] and words[0] in BECAUSE:
        return Say("")  # "since the new room is quieter, ...": a reason, whatever it names
    if not is_change(reading) or named_effect(words) is not None:
        return reading
    # ("the echo is cool, but turn me up a bit": "but" opens the request after a remark)
    opening = next((w for w in words if w not in COURTESY), "")
    # ("knee at six dB please, I want it to kick in harder": a parameter set short is a request)
    # (and "drive to fifteen, ...": an effect's word that names it only with a value)
    valued = (
        opening in PARAMS | _NAME_WORDS and isinstance(reading, ToolCall) and "value" in reading.arguments
    )
    desk = verbless(words, DEGREE) is not None  # "vocal up four, the crowd sings"
    # ("back to my ordinary voice, we're starting the test": the chain's reset said as where it goes)
    home = (
        words[:2] == ["back", "to"]
        and isinstance(reading, ToolCall)
        and reading.arguments.get("action") == "reset"
    )
    # (session 50, tune30) "..., a quieter voice please" (not "don't clear the whole chain please")
    pleased = words[-1:] == ["please"] and words[0] not in ("dont", "never", "not", "no")
    return reading if opening in VERBS or stepped(words) or valued or desk or home or pleased else Say("")


def stepped(words: list[str]) -> bool:
    """A parameter stepped, a request alone: "slower release" (not "too many repeats, go back")."""
    opening = next((w for w in words if w not in COURTESY), "")
    return (opening in ("more", "less", "fewer") or opening.endswith("er")) and not PARAMS.isdisjoint(words)


def thanks_only(words: list[str]) -> bool:
    return set(words) <= THANKS


def told_apart(joint: str, words: list[str]) -> bool:
    """A sentence of its own that does not open with a verb: "could I have a little echo? The
    producer said it might help" (but "why is there an echo? get rid of it" asks)."""
    return SENTENCE_END.search(joint) is not None and words[0] not in VERBS
