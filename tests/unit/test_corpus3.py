"""The third, blind corpus (tune3/ and test3/, split from corpus3.tsv): every line is a call
the judge can run, every family has company, the counts cover every effect and action, no
sentence repeats an earlier corpus, and the split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import BlindCorpusChecks, earlier_than


class TestCorpus3(BlindCorpusChecks):
    NAME = "corpus3"
    SALT = "corpus3-2026-12-03"
    SIDES = ("tune3", "test3")
    PREFIX = "t3"
    MIN_OFF_TOPIC = 230
    EARLIER = earlier_than(3)
