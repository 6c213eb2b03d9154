"""The twenty-fifth, blind corpus (tune25/ and test25/, split from corpus25.tsv, README in tune25/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus25(BlindCorpusChecks):
    NAME = "corpus25"
    SALT = "corpus25-2026-12-07"
    SIDES = ("tune25", "test25")
    PREFIX = "t25"
    MIN_OFF_TOPIC = 250
    EARLIER = earlier_than(25)
    EARLIER_TURNS = CONVERSATIONS
