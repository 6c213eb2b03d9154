"""Talk of another time, or of not knowing: "back in the day we bounced tracks to tape",
"last stream my audio was so quiet", "he had no idea what a high pass was". Nothing is asked
of the sound now unless a verb asks."""

from __future__ import annotations

from voicertc.assistant.lexicon import IMPERATIVES, has_phrase, padded

OTHER_TIMES = ("back in the day", "last stream", "last time", "last week", "last night", "yesterday",
               "years ago", "used to", "in the old days", "when i was young", "when i was a kid",
               "had no idea", "have no idea", "no idea what", "earlier today", "this morning",
               "the other day", "last month", "last year", "a while ago", "days ago",
               "weeks ago")  # fmt: skip
ASKING_VERBS = IMPERATIVES | {"can", "could", "please"}


def another_time(tokens: list[str]) -> bool:
    """Said of another time (or of not knowing), with no verb asking for anything."""
    return has_phrase(padded(tokens), OTHER_TIMES) and not asks(tokens)


# Who a verb is told of: "I set the compressor in OBS this morning" asks nothing.
TELLERS = frozenset("i we he she they".split())


def asks(tokens: list[str]) -> bool:
    """A verb (or "can you", "please") that asks for something, not one told of someone."""
    return any(t in ASKING_VERBS and (i == 0 or tokens[i - 1] not in TELLERS) for i, t in enumerate(tokens))
