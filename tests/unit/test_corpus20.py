"""The twentieth, blind corpus (tune20/ and test20/, split from corpus20.tsv, README in tune20/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus20(BlindCorpusChecks):
    NAME = "corpus20"
    SALT = "corpus20-2026-12-07"
    SIDES = ("tune20", "test20")
    PREFIX = "t20"
    MIN_OFF_TOPIC = 250
    EARLIER = earlier_than(20)
    EARLIER_TURNS = CONVERSATIONS
