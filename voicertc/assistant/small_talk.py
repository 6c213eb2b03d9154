"""What to say to a turn that asks for no change: thanks, greetings, approval.

"that's much better" or "leave it like that" with no change of the assistant's to follow
(a session's first turn, a change made on the page) is still approval: the help text
("Sorry, I can only help with audio effects...") would be a wrong reply to someone who has
what they want. Approval is ``followup_phrases``' own, the one follow-ups answer after a
change, so "that's better but still too much" stays for the readings that change something.
An undo with no change of the assistant's to take back is said to be one: the sentence
reader would otherwise guess "undo" a reset of every effect. "Say that again" is the
brain's to answer (``asks_again``): it knows what was last said.
"""

from __future__ import annotations

from voicertc.assistant import lexicon as lx
from voicertc.assistant.followup_phrases import APPROVED, approves, kind_of
from voicertc.assistant.words import blank

NOTHING_TO_UNDO = "There's nothing of mine to undo yet."


def reply(transcript: str, text: str) -> str | None:
    """The reply to small talk, or None. ``text``: the turn's words padded with spaces."""
    bare = _bare(text)
    for phrases, said, whole in lx.CHAT:
        if (bare in phrases) if whole else lx.find_phrase(text, phrases) >= 0:
            return said
    if kind_of(transcript) == "undo":
        return NOTHING_TO_UNDO  # (after a change, follow-ups read it before this is asked)
    return APPROVED if approves(transcript) else None


# Asking to hear the last answer again: the whole turn is one of these.
AGAIN = ("say that again", "say again", "repeat that", "repeat that please", "can you repeat that",
         "could you repeat that", "what did you say", "sorry what did you say", "come again", "pardon",
         "pardon me", "sorry", "what", "huh", "say it again", "one more time", "i didnt catch that",
         "i didnt get that", "can you say that again", "could you say that again")  # fmt: skip


def asks_again(words: list[str]) -> bool:
    """ "Sorry, what did you say?": the last answer, again."""
    return _bare(lx.padded(words)) in AGAIN


def _bare(text: str) -> str:
    """``text`` (padded) without its filler words: "oh um sorry" is "sorry"."""
    return " ".join(w for w in blank(text, lx.FILLER).split() if w != "_")
