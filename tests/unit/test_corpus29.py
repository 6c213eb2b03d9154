"""The twenty-ninth, blind corpus (tune29/ and test29/, split from corpus29.tsv, README in tune29/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus29(BlindCorpusChecks):
    NAME = "corpus29"
    SALT = "corpus29-2026-12-08"
    SIDES = ("tune29", "test29")
    PREFIX = "t29"
    MIN_OFF_TOPIC = 300
    EARLIER = earlier_than(29)
    EARLIER_TURNS = CONVERSATIONS
