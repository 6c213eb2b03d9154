"""The thirtieth, blind corpus (tune30/ and test30/, split from corpus30.tsv, README in tune30/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus30(BlindCorpusChecks):
    NAME = "corpus30"
    SALT = "corpus30-2026-12-08"
    SIDES = ("tune30", "test30")
    PREFIX = "t30"
    MIN_OFF_TOPIC = 300
    EARLIER = earlier_than(30)
    EARLIER_TURNS = CONVERSATIONS
