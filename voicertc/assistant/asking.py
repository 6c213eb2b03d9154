"""The words that ask: said with an effect, they make a sentence a request and not a remark.

One vocabulary for the modules that tell a remark, a story or praise from a request
(``remarks``, ``hedges``, ``knowledge``, ``theirs``), each taking the part it needs and
saying why where it differs.
"""

from __future__ import annotations

from voicertc.assistant import lexicon as lx

# Asking politely: "can you ...", "could we ...", "please ...", "let's ...".
POLITE = frozenset("can could would will please lets".split())
# Asking, wishing or refusing: "I need reverb", "I'd like an echo", "I can't hear the delay".
REQUESTING = (
    lx.IMPERATIVES
    | POLITE
    | frozenset(
        "should let want wanna need needs wish try get give gimme more less lacking lacks missing miss "
        "use not no dont cant cannot isnt doesnt id wed ill any maybe".split()
    )
)
# Weighing an amount: "a bit of echo", "still too loud", "a lot of reverb", "just enough".
WEIGHING = frozenset(
    "some bit little touch too still lot lots much plenty enough hint tad smidge dash splash pinch".split()
)
AMOUNTS = frozenset("lot lots much plenty enough".split())
# Any of them and a sentence that names an effect may want a change.
ASKING = REQUESTING | WEIGHING
