"""The ninth, blind corpus (tune9/ and test9/, split from corpus9.tsv, README in tune9/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus9(BlindCorpusChecks):
    NAME = "corpus9"
    SALT = "corpus9-2026-12-05"
    SIDES = ("tune9", "test9")
    PREFIX = "t9"
    MIN_OFF_TOPIC = 300
    EARLIER = earlier_than(9)
    EARLIER_TURNS = CONVERSATIONS
