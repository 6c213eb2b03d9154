"""The fourth, blind corpus (tune4/ and test4/, split from corpus4.tsv, README in tune4/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus4(BlindCorpusChecks):
    NAME = "corpus4"
    SALT = "corpus4-2026-12-03"
    SIDES = ("tune4", "test4")
    PREFIX = "t4"
    MIN_OFF_TOPIC = 200
    EARLIER = earlier_than(4)
    EARLIER_TURNS = CONVERSATIONS[:1]
