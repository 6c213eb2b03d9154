"""The eighteenth, blind corpus (tune18/ and test18/, split from corpus18.tsv, README in tune18/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus18(BlindCorpusChecks):
    NAME = "corpus18"
    SALT = "corpus18-2026-12-06"
    SIDES = ("tune18", "test18")
    PREFIX = "t18"
    MIN_OFF_TOPIC = 250
    EARLIER = earlier_than(18)
    EARLIER_TURNS = CONVERSATIONS
