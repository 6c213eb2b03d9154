"""The sixteenth, blind corpus (tune16/ and test16/, split from corpus16.tsv, README in tune16/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus16(BlindCorpusChecks):
    NAME = "corpus16"
    SALT = "corpus16-2026-12-06"
    SIDES = ("tune16", "test16")
    PREFIX = "t16"
    MIN_OFF_TOPIC = 250
    EARLIER = earlier_than(16)
    EARLIER_TURNS = CONVERSATIONS
