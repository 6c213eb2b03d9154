"""Talk of another time, of not knowing, or of what one read or heard said: "back in the day
we bounced tracks to tape", "last stream my audio was so quiet", "he had no idea what a high
pass was", "I read that compression is overused in pop". Nothing is asked of the sound now
unless a verb asks."""

from __future__ import annotations

from voicertc.assistant.lexicon import IMPERATIVES, has_phrase, padded

OTHER_TIMES = ("back in the day", "last stream", "last time", "last week", "last night", "yesterday",
               "years ago", "used to", "in the old days", "when i was young", "when i was a kid",
               "had no idea", "have no idea", "no idea what", "earlier today", "this morning",
               "the other day", "last month", "last year", "a while ago", "days ago",
               "weeks ago", "back in college", "back in school", "back in high school", "in college",
               "in high school", "back when", "my old", "our old", "my first album", "our first album",
               "my first record", "our first record", "my last album", "our last album", "my last record",
               "our last record")  # fmt: skip
ASKING_VERBS = IMPERATIVES | {"can", "could", "please"}


def another_time(tokens: list[str]) -> bool:
    """Said of another time (or of not knowing, or heard said), with no verb asking for
    anything."""
    return (has_phrase(padded(tokens), OTHER_TIMES) or hearsay(tokens)) and not asks(tokens)


# What one read or was told of effects in general: "I read that ...", "people say ...".
HEARSAY = ("i read that", "i read somewhere", "ive read that", "i heard that", "ive heard that",
           "people say", "they say", "everyone says", "everybody says", "some people say",
           "people always say", "they always say")  # fmt: skip
# ... but "people say I sound muffled" passes on a complaint about this call's sound.
FIRST_PERSON = frozenset("i im ive me my mine we our us you your".split())


def hearsay(tokens: list[str]) -> bool:
    """Starts with what was read or said of effects in general, of no one on this call."""
    start = padded(tokens[:4])
    for phrase in HEARSAY:
        if start.startswith(f" {phrase} "):
            return not FIRST_PERSON.intersection(tokens[len(phrase.split()) :])
    return False


# Who a verb is told of: "I set the compressor in OBS this morning" asks nothing.
TELLERS = frozenset("i we he she they".split())
# How often someone does it: "podcasters usually cut the low end" tells (but "always add
# reverb" at the start asks).
HABITUAL = frozenset("always usually often typically generally normally".split())


def asks(tokens: list[str]) -> bool:
    """A verb (or "can you", "please") that asks for something, not one told of someone."""
    return any(t in ASKING_VERBS and not _told(tokens[:i]) for i, t in enumerate(tokens))


def _told(before: list[str]) -> bool:
    """The words before a verb tell of someone: "he", "they", "podcasters usually"."""
    if len(before) > 1 and before[-1] in HABITUAL:
        return before[-2] not in ("please", "just", "lets")
    return bool(before) and before[-1] in TELLERS
