"""instruments: a filter named as the tool a band is cut with says which control, not what to
take off."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import read

from voicertc.assistant.instruments import tool


def test_the_tool_is_found_and_taken_out() -> None:
    assert tool("cut more highs with the low pass, please") == ("cut more highs, please", "lowpass")
    assert tool("take the rumble out using the high-pass filter") == ("take the rumble out", "highpass")
    assert tool("sing along with the band") is None


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("the S sounds hiss, cut more highs with the low pass", call("lowpass", "decrease")),
        ("still boomy, cut more of the bass with the low cut", call("highpass", "increase")),
        # the rest asks another effect's change: the turn is read as said
        ("add some reverb with the delay", call("reverb", "add")),
        ("cut the low pass", call("lowpass", "remove")),
    ],
)
def test_read_without_the_tool(said: str, expected: object) -> None:
    assert read(said) == [expected]
