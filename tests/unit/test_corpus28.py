"""The twenty-eighth, blind corpus (tune28/ and test28/, split from corpus28.tsv, README in tune28/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import CONVERSATIONS, BlindCorpusChecks, earlier_than


class TestCorpus28(BlindCorpusChecks):
    NAME = "corpus28"
    SALT = "corpus28-2026-12-07"
    SIDES = ("tune28", "test28")
    PREFIX = "t28"
    MIN_OFF_TOPIC = 300
    EARLIER = earlier_than(28)
    EARLIER_TURNS = CONVERSATIONS
