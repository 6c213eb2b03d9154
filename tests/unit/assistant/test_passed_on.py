"""A wish of someone in the room passed on as an order, or left an opinion. The sentences
are the lead's own."""

from __future__ import annotations

import pytest

from voicertc.assistant.passed_on import asked


@pytest.mark.parametrize(
    ("said", "wish"),
    [
        ("the producer says cut my lows", "cut my lows"),
        ("My co-host wants less echo on me, so do it", "less echo on me, so do it"),
        ("Maya asked for more delay on my vocal, put it on", "more delay on my vocal, put it on"),
        ("the teacher thinks my voice is too boomy, lower the bass", "my voice is too boomy, lower the bass"),
    ],
)
def test_a_wish_passed_on_and_ordered(said: str, wish: str) -> None:
    assert asked(said) == wish


@pytest.mark.parametrize(
    "said",
    [
        "my teacher says I should use less reverb",  # an opinion: no order
        "my vocal coach says I'm always too loud",
        'my coach always says "less reverb, more heart"',  # words quoted
        "the video said to put a low cut on everything, is that right?",  # asked about
        "add more reverb",
    ],
)
def test_no_wish_passed_on(said: str) -> None:
    assert asked(said) is None
