"""The fifth, blind corpus (tune5/ and test5/, split from corpus5.tsv, README in tune5/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus5(BlindCorpusChecks):
    NAME = "corpus5"
    SALT = "corpus5-2026-12-04"
    SIDES = ("tune5", "test5")
    PREFIX = "t5"
    MIN_OFF_TOPIC = 200
    EARLIER = earlier_than(5)
    EARLIER_TURNS = CONVERSATIONS
