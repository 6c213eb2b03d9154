"""multiples.multiple: a time or a frequency scaled by a multiple said ("double", "half as long",
"times two", "fifty percent of what it is now"), as the step the chain makes; not a level in dB."""

from __future__ import annotations

import pytest

from voicertc.assistant.multiples import multiple
from voicertc.assistant.words import tokens


@pytest.mark.parametrize(
    ("said", "unit", "expected"),
    [
        ("double the delay time", "ms", (100.0, "increase")),
        ("make the echo half as long", "ms", (50.0, "decrease")),
        ("cut the reverb in half", "s", (50.0, "decrease")),
        ("delay time times two, please", "ms", (100.0, "increase")),
        ("make the echoes come twice as fast", "ms", (50.0, "decrease")),
        ("cut the drive down to fifty percent of what it is now", "percent", (50.0, "decrease")),
        ("bring the delay time to a hundred and fifty percent of its current", "ms", (50.0, "increase")),
    ],
)
def test_a_multiple_is_a_step(said: str, unit: str, expected: tuple[float, str]) -> None:
    assert multiple(tokens(said), unit, None) == expected


@pytest.mark.parametrize(
    ("said", "unit"),
    [
        ("double the gain", "db"),  # a level: ``colloquial.level_scaled`` reads it
        ("set the reverb mix to fifty percent", "percent"),  # a value, not a share of what is there
        ("I can hear myself twice", "ms"),
        ("double check the delay", "ms"),
    ],
)
def test_no_multiple(said: str, unit: str) -> None:
    assert multiple(tokens(said), unit, None) is None
