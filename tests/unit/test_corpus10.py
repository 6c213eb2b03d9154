"""The tenth, blind corpus (tune10/ and test10/, split from corpus10.tsv, README in tune10/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus10(BlindCorpusChecks):
    NAME = "corpus10"
    SALT = "corpus10-2026-12-05"
    SIDES = ("tune10", "test10")
    PREFIX = "t10"
    MIN_OFF_TOPIC = 250
    EARLIER = earlier_than(10)
    EARLIER_TURNS = CONVERSATIONS
