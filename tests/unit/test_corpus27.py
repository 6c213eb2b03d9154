"""The twenty-seventh, blind corpus (tune27/ and test27/, split from corpus27.tsv, README in tune27/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus27(BlindCorpusChecks):
    NAME = "corpus27"
    SALT = "corpus27-2026-12-07b"
    SIDES = ("tune27", "test27")
    PREFIX = "t27"
    MIN_OFF_TOPIC = 300
    EARLIER = earlier_than(27)
    EARLIER_TURNS = CONVERSATIONS
