"""The eighth, blind corpus (tune8/ and test8/, split from corpus8.tsv, README in tune8/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus8(BlindCorpusChecks):
    NAME = "corpus8"
    SALT = "corpus8-2026-12-05"
    SIDES = ("tune8", "test8")
    PREFIX = "t8"
    MIN_OFF_TOPIC = 300
    EARLIER = earlier_than(8)
    EARLIER_TURNS = CONVERSATIONS
