"""The fourth, blind corpus (tune4/ and test4/, split from corpus4.tsv, README in tune4/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import BlindCorpusChecks


class TestCorpus4(BlindCorpusChecks):
    NAME = "corpus4"
    SALT = "corpus4-2026-12-03"
    SIDES = ("tune4", "test4")
    PREFIX = "t4"
    MIN_OFF_TOPIC = 200
    EARLIER = (
        ("commands.tsv", "off_topic.txt"),
        ("tune2/commands.tsv", "tune2/off_topic.txt"),
        ("test2/commands.tsv", "test2/off_topic.txt"),
        ("corpus3.tsv", "corpus3_off_topic.txt"),
    )
    EARLIER_TURNS = ("conversations/conversations.tsv",)
