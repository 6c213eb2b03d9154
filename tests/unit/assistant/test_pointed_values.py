"""A value said before the order that points at it (``pointed_values.brought``): the one value with
a unit said before "set ... to that" / "... there" is put where the order points; with no unit, two
values, or a value in the order itself, the turn is left as it is."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import read

from voicertc.assistant.pointed_values import brought


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (
            "my old desk sat at six decibels and it always sounded right, so please set the gain to that",
            call("gain", "set", 6, "db"),
        ),
        (
            "every forum says minus twenty decibels is a good threshold, "
            "so set the compressor threshold there",
            call("compressor", "set", -20, "db", param="threshold_db"),
        ),
        (
            "a teacher told me two hundred milliseconds, so put the delay time at that",
            call("delay", "set", 200, "ms"),
        ),
        # (session 47) a number later in the turn is of something else
        (
            "I run the level a little hot, seven point five decibels, so set the gain to that before I start "
            "chapter twelve",
            call("gain", "set", 7.5, "db"),
        ),
    ],
)
def test_value_put_where_the_order_points(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    "said",
    [
        "I live at number twelve, so put the reverb there",  # no unit: a house, not a value
        "it was six dB or nine dB, so set the gain to that",  # two values: which is not said
        "four decibels is plenty, set the gain to three decibels",  # the order says its own
        "set the reverb to that lovely hall sound",  # the pointer does not end the order
    ],
)
def test_left_as_it_is(said: str) -> None:
    assert brought(said) == said
