from __future__ import annotations

import pytest

from voicertc.assistant.wished_level import loud_wish, verbless


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


DEGREE = {"a", "bit", "touch", "please"}


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("vocal up four", {"effect": "gain", "action": "increase", "value": 4, "unit": "db"}),
        ("my mic down a touch", {"effect": "gain", "action": "decrease"}),
        ("voice up please", {"effect": "gain", "action": "increase"}),
    ],
)
def test_the_level_said_without_a_verb(said: str, expected: dict[str, object]) -> None:
    assert verbless(said.split(), DEGREE) == expected


@pytest.mark.parametrize("said", ["the sound up there is great", "voice up in the attic", "mic"])
def test_no_level_said(said: str) -> None:
    assert verbless(said.split(), DEGREE) is None
