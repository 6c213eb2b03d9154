from __future__ import annotations

import pytest

from voicertc.assistant.listeners import before

DEGREE = {"a", "bit", "please"}


@pytest.mark.parametrize(
    ("rest", "kept"),
    [
        ("a bit so they hear", "a bit"),
        ("table six cant hear the numbers", ""),
        ("the pub speakers are buzzing", ""),
        ("theyre struggling at the back", ""),
        ("please", "please"),
        ("with my boss", "with my boss"),
        ("at the station", "at the station"),
    ],
)
def test_before_drops_only_a_clause_of_its_own(rest: str, kept: str) -> None:
    assert before(rest.split(), DEGREE) == kept.split()
