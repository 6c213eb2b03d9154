"""Session 40's readings, from kinds of sentence the lead wrote (no corpus's) after reading the
rest of tune17's misses: a reason said after an order keeps the order ("vocal up four, the
band is singing along", "..., we're delivering to minus sixteen", "drive to ten, just a bit of
grit", "knee down six, I want it grabbing sooner"), an effect called "my echo" before an
amount ("raise my echo a notch"), and "can it be louder" after an effect described. Each kind
has near misses that must keep their reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import asks_nothing, read


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("vocal down three, the band is playing very softly tonight", call("gain", "decrease", 3, "db")),
        ("my mic up two, the whole choir is drowning me out", call("gain", "increase", 2, "db")),
        ("set the gain to minus two, we're mastering to minus sixteen", call("gain", "set", -2)),
        ("drive to ten, just a bit of grit on the chorus", call("distortion", "set", 10)),
        (
            "feedback to thirty percent, just a couple of repeats",
            call("delay", "set", 30, "percent", param="feedback"),
        ),
        (
            "knee down six dB, I want it grabbing sooner",
            call("compressor", "decrease", 6, "db", param="knee_db"),
        ),
        ("raise my echo a notch", call("delay", "increase")),
        ("turn the feedback on my echo up a bit", call("delay", "increase", param="feedback")),
        ("the reverb is too faint, can it be louder", call("reverb", "increase")),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a clause that gives the value, not a reason
        ("the low pass filter, I want two thousand hertz please", call("lowpass", "add", 2000, "hz")),
        ("make it louder, just a bit", call("gain", "increase")),
        ("turn the reverb down, just turn it down", call("reverb", "decrease")),
        ("the echo is too quiet, make it louder", call("delay", "increase", param="mix")),
        (
            "more regen on the delay, I want it to trail off longer",
            call("delay", "increase", param="feedback"),
        ),
    ],
)
def test_near_misses_keep_their_reading(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    "said",
    [
        "I echo the sentiment of the last speaker",
        "we will compress the schedule into two days",
        "the whole crowd is singing along with me",
        "we're delivering the final mix to minus twenty-three",
    ],
)
def test_near_misses_ask_for_no_change(said: str) -> None:
    assert asks_nothing(said)
