"""The twenty-sixth, blind corpus (tune26/ and test26/, split from corpus26.tsv, README in tune26/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus26(BlindCorpusChecks):
    NAME = "corpus26"
    SALT = "corpus26-2026-12-07"
    SIDES = ("tune26", "test26")
    PREFIX = "t26"
    MIN_OFF_TOPIC = 300
    EARLIER = earlier_than(26)
    EARLIER_TURNS = CONVERSATIONS
