"""The nineteenth, blind corpus (tune19/ and test19/, split from corpus19.tsv, README in tune19/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus19(BlindCorpusChecks):
    NAME = "corpus19"
    SALT = "corpus19-2026-12-07"
    SIDES = ("tune19", "test19")
    PREFIX = "t19"
    MIN_OFF_TOPIC = 250
    EARLIER = earlier_than(19)
    EARLIER_TURNS = CONVERSATIONS
