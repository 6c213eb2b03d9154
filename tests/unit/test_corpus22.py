"""The twenty-second, blind corpus (tune22/ and test22/, split from corpus22.tsv, README in tune22/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus22(BlindCorpusChecks):
    NAME = "corpus22"
    SALT = "corpus22-2026-12-07"
    SIDES = ("tune22", "test22")
    PREFIX = "t22"
    MIN_OFF_TOPIC = 250
    EARLIER = earlier_than(22)
    EARLIER_TURNS = CONVERSATIONS
