"""Sentences said to someone else, or asking why, ask nothing of this sound."""

from __future__ import annotations

import pytest

from voicertc.assistant.addressee import addressed_elsewhere, not_for_us, purpose_asked, told_to_someone
from voicertc.assistant.words import tokens


@pytest.mark.parametrize(
    "said", ["Alexa, set a timer for ten minutes", "hey Siri, turn it up", "okay google add reverb",
             "honey, turn the TV down"],
)  # fmt: skip
def test_another_listener_called_first(said: str) -> None:
    assert addressed_elsewhere(tokens(said)) and not_for_us(tokens(said))


@pytest.mark.parametrize("said", ["okay, add reverb", "hey, turn it up", "the google doc is long"])
def test_said_to_us(said: str) -> None:
    assert not addressed_elsewhere(tokens(said))


def test_a_person_told_how_loud_to_be() -> None:
    assert told_to_someone(tokens("could you sing a bit quieter"))
    assert not told_to_someone(tokens("when I sing louder it distorts"))


def test_asking_why() -> None:
    assert purpose_asked(tokens("turn up for what"))
