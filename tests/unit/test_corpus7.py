"""The seventh, blind corpus (tune7/ and test7/, split from corpus7.tsv, README in tune7/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus7(BlindCorpusChecks):
    NAME = "corpus7"
    SALT = "corpus7-2026-12-04"
    SIDES = ("tune7", "test7")
    PREFIX = "t7"
    MIN_OFF_TOPIC = 250
    EARLIER = earlier_than(7)
    EARLIER_TURNS = CONVERSATIONS
