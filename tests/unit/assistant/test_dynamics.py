"""The voice's dynamics described: read whole as one compressor change, unless the turn also
orders the compressor out, when the description is only the removal's reason."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import read

from voicertc.assistant.dynamics import ordered_out, whole
from voicertc.assistant.words import tokens


@pytest.mark.parametrize(
    "said",
    [
        "turn off the compression, I want my dynamics back",
        "ditch the compression, I want my dynamics back",
        "take the comp off, I want the ups and downs back",
        "kill the limiter, everything is flattened to one level",
    ],
)
def test_the_compressor_ordered_out_is_removed_not_lessened(said: str) -> None:
    assert ordered_out(tokens(said)) and not whole(tokens(said))
    assert read(said) == [call("compressor", "remove")]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("I want my dynamics back, no compressor in the way", call("compressor", "remove")),
        ("less compression, I want the ups and downs back in my voice", call("compressor", "decrease")),
        ("I'd like the natural ups and downs back in my voice", call("compressor", "decrease")),
        ("my voice went up and down naturally, without compression", call("compressor", "remove")),
    ],
)
def test_a_description_without_a_removal_is_read_whole(said: str, expected: object) -> None:
    assert not ordered_out(tokens(said))
    assert read(said) == [expected]
