"""The eleventh, blind corpus (tune11/ and test11/, split from corpus11.tsv, README in tune11/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus11(BlindCorpusChecks):
    NAME = "corpus11"
    SALT = "corpus11-2026-12-05"
    SIDES = ("tune11", "test11")
    PREFIX = "t11"
    MIN_OFF_TOPIC = 250
    EARLIER = earlier_than(10)
    EARLIER_TURNS = CONVERSATIONS
