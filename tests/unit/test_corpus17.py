"""The seventeenth, blind corpus (tune17/ and test17/, split from corpus17.tsv, README in tune17/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus17(BlindCorpusChecks):
    NAME = "corpus17"
    SALT = "corpus17-2026-12-06"
    SIDES = ("tune17", "test17")
    PREFIX = "t17"
    MIN_OFF_TOPIC = 250
    EARLIER = earlier_than(17)
    EARLIER_TURNS = CONVERSATIONS
