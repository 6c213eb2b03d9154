"""The twelfth, blind corpus (tune12/ and test12/, split from corpus12.tsv, README in tune12/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus12(BlindCorpusChecks):
    NAME = "corpus12"
    SALT = "corpus12-2026-12-06"
    SIDES = ("tune12", "test12")
    PREFIX = "t12"
    MIN_OFF_TOPIC = 250
    EARLIER = earlier_than(12)
    EARLIER_TURNS = CONVERSATIONS
