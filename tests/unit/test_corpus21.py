"""The twenty-first, blind corpus (tune21/ and test21/, split from corpus21.tsv, README in tune21/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus21(BlindCorpusChecks):
    NAME = "corpus21"
    SALT = "corpus21-2026-12-07"
    SIDES = ("tune21", "test21")
    PREFIX = "t21"
    MIN_OFF_TOPIC = 250
    EARLIER = earlier_than(21)
    EARLIER_TURNS = CONVERSATIONS
