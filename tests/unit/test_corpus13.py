"""The thirteenth, blind corpus (tune13/ and test13/, split from corpus13.tsv, README in
tune13/): every line is a call the judge can run, every family has company, the counts cover
every effect and action, no sentence repeats an earlier corpus or a conversation's turn, and
the split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus13(BlindCorpusChecks):
    NAME = "corpus13"
    SALT = "corpus13-2026-12-06"
    SIDES = ("tune13", "test13")
    PREFIX = "t13"
    MIN_OFF_TOPIC = 250
    EARLIER = earlier_than(13)
    EARLIER_TURNS = CONVERSATIONS
