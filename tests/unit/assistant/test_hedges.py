"""A wish hedged ("maybe an echo would work") and a reason given after a request ("...
because I shout"): sentences written for these tests, with near misses."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant.dialogue import ToolCall, understand
from voicertc.assistant.hedges import reason_at, wished


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("I reckon a high pass might clean up the rumble", call("highpass", "add")),
        ("maybe some distortion would make it grittier", call("distortion", "add")),
        ("honestly a compressor could stop my voice from jumping around", call("compressor", "add")),
        ("I was wondering if an echo would work for this part", call("delay", "add")),
        # a reason given after the request does not change it
        ("turn the echo down because the donations are hard to hear", call("delay", "decrease")),
        ("could you cut the lows cause the fan is rumbling", call("highpass", "add")),
    ],
)
def test_hedged_and_reasoned_requests(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    "words",
    [
        "a compressor would be overkill here",
        "a limiter would have saved that take",
        "the reverb would sound better shorter",  # the effect that is on: not a wish for one
        "a delay pedal is on my wishlist",
    ],
)
def test_no_wish_for_an_effect(words: str) -> None:
    assert wished(words.split()) is None


def test_a_reason_said_first_is_no_cut() -> None:
    assert reason_at("because i shout turn me down".split()) is None
    assert understand("because I shout, turn me down") == call("gain", "decrease")
