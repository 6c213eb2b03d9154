"""The ninth, blind corpus (tune9/ and test9/, split from corpus9.tsv, README in tune9/):
every line is a call the judge can run, every family has company, the counts cover every
effect and action, no sentence repeats an earlier corpus or a conversation's turn, and the
split is the one the salted-hash rule gives."""

from __future__ import annotations

from support.blind_corpus import BlindCorpusChecks


class TestCorpus9(BlindCorpusChecks):
    NAME = "corpus9"
    SALT = "corpus9-2026-12-05"
    SIDES = ("tune9", "test9")
    PREFIX = "t9"
    MIN_OFF_TOPIC = 300
    EARLIER = (
        ("commands.tsv", "off_topic.txt"),
        ("tune2/commands.tsv", "tune2/off_topic.txt"),
        ("test2/commands.tsv", "test2/off_topic.txt"),
        ("corpus3.tsv", "corpus3_off_topic.txt"),
        ("corpus4.tsv", "corpus4_off_topic.txt"),
        ("corpus5.tsv", "corpus5_off_topic.txt"),
        ("corpus6.tsv", "corpus6_off_topic.txt"),
        ("corpus7.tsv", "corpus7_off_topic.txt"),
        ("corpus8.tsv", "corpus8_off_topic.txt"),
    )
    EARLIER_TURNS = ("conversations/conversations.tsv", "conversations2/conversations.tsv")
