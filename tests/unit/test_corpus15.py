"""The fifteenth, blind corpus (tune15/ and test15/, split from corpus15.tsv, README in tune15/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus15(BlindCorpusChecks):
    NAME = "corpus15"
    SALT = "corpus15-2026-12-06"
    SIDES = ("tune15", "test15")
    PREFIX = "t15"
    MIN_OFF_TOPIC = 250
    EARLIER = earlier_than(15)
    EARLIER_TURNS = CONVERSATIONS
