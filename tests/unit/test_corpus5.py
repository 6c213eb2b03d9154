"""The fifth, blind corpus (tune5/ and test5/, split from corpus5.tsv, README in tune5/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import BlindCorpusChecks


class TestCorpus5(BlindCorpusChecks):
    NAME = "corpus5"
    SALT = "corpus5-2026-12-04"
    SIDES = ("tune5", "test5")
    PREFIX = "t5"
    MIN_OFF_TOPIC = 200
    EARLIER = (
        ("commands.tsv", "off_topic.txt"),
        ("tune2/commands.tsv", "tune2/off_topic.txt"),
        ("test2/commands.tsv", "test2/off_topic.txt"),
        ("corpus3.tsv", "corpus3_off_topic.txt"),
        ("corpus4.tsv", "corpus4_off_topic.txt"),
    )
    EARLIER_TURNS = ("conversations/conversations.tsv", "conversations2/conversations.tsv")
