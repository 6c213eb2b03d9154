"""A change asked for and then taken back whole in the same breath: "turn the reverb up,
actually, no, it can stay where it is", "more bass cut, no, sorry, I was reading my script",
"take off the low-pass, no, cancel that, no changes".

``corrections`` reads a correction whose fix is a phrase of its own ("..., no wait, never
mind"); here the taking back may run on in its own words and reasons, as long as nothing
after the break asks for a change ("make the compressor gentler, actually never mind, just
take it out" takes it out).
"""

from __future__ import annotations

import re

from voicertc.assistant.dialogue import understand
from voicertc.assistant.scenes import is_change

# A break, then words that turn away from what was just said.
_TURNING = (
    r"(?:oh|um|uh|er|hmm|ah|actually|wait|no+|nah|nope|sorry|hang on|hold on|you know what|on second thought)"
)
# ... or, at a long turn's end, decide against it: "..., so forget it", "..., so I'll behave".
_DECIDED = r"i'?ll (?:behave|stop fiddling|leave it|keep it|live with it)"
BREAK = re.compile(
    rf"[,;.!?-]\s*(?=(?:{_TURNING}|never ?mind|forget|cancel|scratch|(?:keep|skip|leave) it)\b"
    rf"|(?:so|but|then) (?:{_DECIDED}|forget it|never ?mind)\b)",
    re.IGNORECASE,
)
# What takes the change back: the wish dropped, the sound kept, or the words not meant for us.
TAKEN_BACK = re.compile(
    r"\b(?:never ?mind|forget (?:it|that|about it)|cancel(?: that| it)?|scratch that|leave (?:it|them|that)\b"
    r"|leave (?:the|my) [a-z-]+(?: [a-z]+)? (?:alone|be|as (?:it|they) (?:is|are))"
    r"|(?:it|that)(?:'s| is|s) (?:fine|ok|okay|good|perfect)|(?:it|they) can stay|no need|don'?t\b|do not\b"
    r"|\bit works\b"  # (session 50, tune30) "a longer echo for the valley scene, hmm, no, it works"
    r"|changed my mind|no changes?|keep it\b|skip it|suits|misheard|i was reading"
    r"|(?:not|wasn'?t) talking to you|ignore (?:that|me)|" + _DECIDED + ")",
    re.IGNORECASE,
)
_PARTS = re.compile(r"[,;.!?]+")
# A proposal answered no: "kill the echo? nah", "compressor? no".
_REFUSED = re.compile(r"\W*(?:nah|no+|nope)\W*", re.IGNORECASE)


def taken_back(text: str) -> bool:
    """Whether ``text`` asks for a change and then, after a break, takes it back with nothing
    else asked."""
    for found in BREAK.finditer(text):
        rest = text[found.end() :]
        # (a proposal asked and answered no: "kill the echo? nah"; "..., nah?" is a tag: "you could
        # put some echo on me, nah?")
        answered = found.group(0).startswith("?") and _REFUSED.fullmatch(rest) is not None
        refused = TAKEN_BACK.search(rest) is not None or answered
        if not refused or not _asks(text[: found.start()]):
            continue
        return not any(_asks(part) or _points_and_asks(part) for part in _PARTS.split(rest))
    return False


# "it" after the break may stand for the change's effect.
_POINTING = re.compile(r"\b(?:it|them)\b", re.IGNORECASE)


def _points_and_asks(part: str) -> bool:
    """ "..., just switch it off" asks, whatever "it" is ("forget it" does not)."""
    return TAKEN_BACK.search(part) is None and _asks(_POINTING.sub("the reverb", part))


def _asks(said: str) -> bool:
    return bool(said.strip()) and is_change(understand(said))
