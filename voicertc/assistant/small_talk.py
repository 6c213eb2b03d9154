"""What to say to a turn that asks for no change: thanks, greetings, approval.

"that's much better" or "leave it like that" after a change is the user's answer to it;
the help text ("Sorry, I can only help with audio effects...") would be a wrong reply to
someone who just got what they asked for. Approval is only recognised when every word is
one of praise's own (plus the subject and intensifiers around it), so "that's better but
still too much" or "that's not good" stay for the readings that change something.
"""

from __future__ import annotations

from voicertc.assistant import lexicon as lx

LIKED = "Glad you like it."
KEPT = "Okay, I'll leave it as it is."

PRAISE = frozenset("perfect great better good nice awesome lovely exactly fantastic amazing excellent "
                   "beautiful brilliant wonderful love superb spot".split())  # fmt: skip
KEEP = frozenset({"leave", "keep"})
# The words around praise or keeping: "wow that's so much better now", "keep it just like that".
AROUND = frozenset("that thats it its this is sounds sound much way so really very now oh wow yes "
                   "yeah yep ok okay a lot lots just i me like there on as same one better than "
                   "before the right".split())  # fmt: skip


def reply(text: str, words: list[str]) -> str | None:
    """The reply to small talk, or None. ``text``: the turn's words padded with spaces."""
    bare = lx.blank(text, lx.FILLER).replace(" _ ", " ").strip()
    for phrases, said, whole in lx.CHAT:
        if (bare in phrases) if whole else lx.find_phrase(text, phrases) >= 0:
            return said
    rest = [w for w in words if w not in lx.FILLER]
    if not rest or any(w not in PRAISE | KEEP | AROUND for w in rest):
        return None
    if KEEP & set(rest):
        return KEPT
    return LIKED if PRAISE & set(rest) else None
