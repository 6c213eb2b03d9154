"""The twenty-fourth, blind corpus (tune24/ and test24/, split from corpus24.tsv, README in tune24/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus24(BlindCorpusChecks):
    NAME = "corpus24"
    SALT = "corpus24-2026-12-07"
    SIDES = ("tune24", "test24")
    PREFIX = "t24"
    MIN_OFF_TOPIC = 250
    EARLIER = earlier_than(24)
    EARLIER_TURNS = CONVERSATIONS
