"""The twenty-third, blind corpus (tune23/ and test23/, split from corpus23.tsv, README in tune23/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus23(BlindCorpusChecks):
    NAME = "corpus23"
    SALT = "corpus23-2026-12-07"
    SIDES = ("tune23", "test23")
    PREFIX = "t23"
    MIN_OFF_TOPIC = 250
    EARLIER = earlier_than(23)
    EARLIER_TURNS = CONVERSATIONS
