"""A wish of someone in the room passed on to the assistant: "our producer says set my
reverb tail to one point five seconds", "the engineer wants my low-pass at six kilohertz,
set it", "Mum asked for the echo on my voice, put it on please". What they want is the
request once the speaker orders it (or it is said as an order); what someone says with no
order ("my teacher says I should use less reverb") stays an opinion (``musings``).

``transcript`` is the turn as said: the order stands after a comma.
"""

from __future__ import annotations

import re

from voicertc.assistant import lexicon as lx
from voicertc.assistant.words import tokens

# "<someone> says / wants / asked for ...": the one who wants it, and how they said it.
_REPORTER = re.compile(
    r"^\s*(?:(?:so|and|ok|okay|now)\s+)?"
    r"(?:(?:my|our|the|his|her|their)\s+(?:[\w'-]+\s+){0,2}?[\w'-]+|[A-Z][\w'-]*|she|he|they|everyone|everybody)\s+"
    r"(?:says|said|wants|wanted|asked for|asked|reckons|thinks|would like)"
    r"(?:\s+(?:that|to|for))?\s+",
    re.IGNORECASE,
)
# An order said after the wish: "put it on", "so do that", "lower it", "less distortion on me".
_ORDERING = (
    lx.IMPERATIVES
    | {"more", "less", "do"}
    | frozenset("louder quieter softer brighter darker wetter drier".split())
)
_LEADING = frozenset("so then and just please now".split())


def asked(transcript: str) -> str | None:
    """The words of a wish passed on to read as the request, or None where none is passed on
    or the speaker does not order it."""
    match = _REPORTER.match(transcript)
    if match is None or transcript.rstrip().endswith("?"):
        return None  # ("the tutorial said to put a high-pass at eighty on everything, is that true?")
    wish = transcript[match.end() :]
    if wish[:1] in "\"'“‘":
        return None  # words quoted: "my teacher always says "less reverb, more honesty""
    said = tokens(wish)
    if said and (said[0] in lx.IMPERATIVES or said[0] in ("more", "less")):
        return wish  # "says set my reverb tail to ...", "says to put my high cut at ..."
    last = tokens(re.split(r"[,;]", wish)[-1]) if re.search(r"[,;]", wish) else []
    last = [w for w in last if w not in _LEADING] or last
    return wish if last and last[0] in _ORDERING else None
