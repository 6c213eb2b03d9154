"""Who should hear a level, said after it: "turn me up, table six can't hear the numbers",
"turn me down slightly, the pub speakers are buzzing", "turn my mic up so the kids catch it".

After a level said of the speaker ("turn me up") and how much ("a bit"), the rest of the
sentence may be a clause of its own giving who should hear it or why: one with words of
hearing, or its own subject and verb. It asks for nothing more, so the level stands; a rest
that is no clause ("bring it up with my boss") still keeps the level from being read.
"""

from __future__ import annotations

import re
from collections.abc import Collection

HEARD = frozenset("hear hears heard hearing catch catching".split())
# A subject and its verb ("the pub speakers are buzzing", "half the rooms say ..."), or a
# subject alone that opens a clause ("so they ...", "they're struggling at the back").
_OWN_CLAUSE = re.compile(
    r"^(?:(?:the|my|our|your|their|his|this|that|these|those|some|all|half) (?:\w+ ){0,3}"
    r"(?:is|are|was|were|isnt|arent|cant|can|could|couldnt|keep|keeps|say|says|will|wont|get|gets)\b"
    r"|(?:so|they|he|she|we|everyone|everybody|people|theyre|hes|shes|theres)\b)"
)


def before(rest: list[str], degree: Collection[str]) -> list[str]:
    """``rest`` (the words after a level's particle) less a clause of who should hear the
    level or why, after the words of ``degree`` it opens with."""
    at = next((k for k, t in enumerate(rest) if t not in degree), len(rest))
    clause = rest[at:]
    if clause and (not HEARD.isdisjoint(clause) or _OWN_CLAUSE.match(" ".join(clause))):
        return rest[:at]
    return rest
