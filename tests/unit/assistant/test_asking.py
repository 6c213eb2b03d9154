"""asking: one vocabulary of the words that ask, in parts the readers take."""

from __future__ import annotations

from voicertc.assistant import asking, hedges, knowledge, remarks, theirs


def test_the_parts() -> None:
    assert asking.POLITE <= asking.REQUESTING <= asking.ASKING
    assert asking.AMOUNTS <= asking.WEIGHING <= asking.ASKING
    assert not asking.REQUESTING & asking.WEIGHING


def test_each_reader_takes_its_part() -> None:
    assert knowledge.ASKING == asking.POLITE
    assert theirs.ASKING == (asking.POLITE - {"will"}) | {"you"}
    assert remarks.ASKING == asking.ASKING
    assert remarks.UNPLEASED == (asking.ASKING - asking.AMOUNTS) | {"but", "if"} | hedges.NEGATIONS
    assert hedges.ORDERING == asking.REQUESTING
