"""Talk of another time, or of not knowing: "back in the day we bounced tracks to tape",
"last stream my audio was so quiet", "he had no idea what a high pass was". Nothing is asked
of the sound now unless a verb asks."""

from __future__ import annotations

from voicertc.assistant.lexicon import has_phrase, padded

OTHER_TIMES = ("back in the day", "last stream", "last time", "last week", "last night", "yesterday",
               "years ago", "used to", "in the old days", "when i was young", "when i was a kid",
               "had no idea", "have no idea", "no idea what")  # fmt: skip
ASKING_VERBS = frozenset("add bring set turn take make put cut lower raise drop boost remove give pull push "
                         "reduce increase decrease can could please".split())  # fmt: skip


def another_time(tokens: list[str]) -> bool:
    """Said of another time (or of not knowing), with no verb asking for anything."""
    return has_phrase(padded(tokens), OTHER_TIMES) and not asks(tokens)


def asks(tokens: list[str]) -> bool:
    """A verb (or "can you", "please") that asks for something."""
    return not ASKING_VERBS.isdisjoint(tokens)
