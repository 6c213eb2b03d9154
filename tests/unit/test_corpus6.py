"""The sixth, blind corpus (tune6/ and test6/, split from corpus6.tsv, README in tune6/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus6(BlindCorpusChecks):
    NAME = "corpus6"
    SALT = "corpus6-2026-12-04"
    SIDES = ("tune6", "test6")
    PREFIX = "t6"
    MIN_OFF_TOPIC = 250
    EARLIER = earlier_than(6)
    EARLIER_TURNS = CONVERSATIONS
