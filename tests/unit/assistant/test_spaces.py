"""Spaces and distances (spaces.py), asked of the functions directly."""

from __future__ import annotations

import pytest

from voicertc.assistant import spaces
from voicertc.assistant.dialogue import tokens


@pytest.mark.parametrize(
    ("said", "action"),
    [
        ("make it sound like a church", "add"),
        ("like a giant stone cathedral please", "add"),
        ("a cathedral please", "add"),
        ("it sounds like a bathroom", "decrease"),
        ("I sound like I'm in a closet", "add"),
        ("push my voice back in the mix", "increase"),
        ("bring me forward a bit", "decrease"),
    ],
)
def test_space(said: str, action: str) -> None:
    assert spaces.space(tokens(said)) == {"effect": "reverb", "action": action}


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("like a giant stone cathedral please", True),
        ("make it sound like a big hall", True),
        ("it sounds like a bathroom", False),  # complained of
        ("push my voice back in the mix", False),  # a distance, not a space
        ("I went to a cathedral", False),
    ],
)
def test_asks_space(said: str, asked: bool) -> None:
    assert spaces.asks_space(tokens(said)) is asked
