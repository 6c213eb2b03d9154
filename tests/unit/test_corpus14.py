"""The fourteenth, blind corpus (tune14/ and test14/, split from corpus14.tsv, README in tune14/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus14(BlindCorpusChecks):
    NAME = "corpus14"
    SALT = "corpus14-2026-12-06"
    SIDES = ("tune14", "test14")
    PREFIX = "t14"
    MIN_OFF_TOPIC = 250
    EARLIER = earlier_than(14)
    EARLIER_TURNS = CONVERSATIONS
