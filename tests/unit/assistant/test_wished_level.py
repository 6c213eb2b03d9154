from __future__ import annotations

import pytest

from voicertc.assistant.wished_level import loud_wish


@pytest.mark.parametrize(
    ("said", "action"),
    [
        ("make me super duper loud", "increase"),
        ("make my voice go nice and quiet", "decrease"),
        ("id like my voice to come out a bit stronger", "increase"),
        ("i want my voice to sound weaker", "decrease"),
    ],
)
def test_the_level_wished_for(said: str, action: str) -> None:
    assert loud_wish(f" {said} ") == {"effect": "gain", "action": action}


@pytest.mark.parametrize(
    "said",
    [
        "you made me too loud",
        "id like a stronger reverb",
        "make the coffee stronger",
        "make me loud and then",
    ],
)
def test_no_level_wished(said: str) -> None:
    assert loud_wish(f" {said} ") is None
