"""Session 32's readings, from kinds of sentence the lead wrote (no corpus's): a suggestion
in the past tense ("what if you turned me up"), "how do I ..." asked of the assistant that
does it, a loose step "or two", "there" closing an order, and a stretch of the session ("for
this next bit") said after a request. Each kind has near misses that must keep their reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant.dialogue import HELP_TEXT, Say, ToolCall, understand


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a suggestion in the past tense asks now
        ("what if you made me louder", call("gain", "increase")),
        ("what if you cut the lows", call("highpass", "add")),
        ("what if you boosted me a bit", call("gain", "increase")),
        ("what if you dropped the gain a little", call("gain", "decrease")),
        ("what if you just turned me up", call("gain", "increase")),
        ("what if we eased off the echo", call("delay", "decrease")),
        # asked of the assistant that does it
        ("how do I get rid of the echo", call("delay", "remove")),
        ("how can I make my voice louder", call("gain", "increase")),
        ("how could we turn the reverb off", call("reverb", "remove")),
        # a loose step "or two" is a step, not two of anything
        ("turn me up a notch or two", call("gain", "increase")),
        ("push the reverb up a touch or two", call("reverb", "increase")),
        # "there" closing an order
        ("turn me down there", call("gain", "decrease")),
        ("bring me up a bit there", call("gain", "increase")),
        # a stretch of the session after the request
        ("turn me up for this next bit", call("gain", "increase")),
        ("less reverb for the take", call("reverb", "decrease")),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    "said",
    [
        "what would happen if you turned the gain all the way up",
        "what if you played a song",
        "how do I know if I need compression",
        "how does a compressor work",
        "how do I get to the station",
        "I'm going down there later",
        "we finished the first take",
        "the best part",
    ],
)
def test_near_misses_ask_for_no_change(said: str) -> None:
    assert not isinstance(understand(said), ToolCall)


def test_how_do_i_use_this_is_still_a_request_for_help() -> None:
    assert understand("how do I use this") == Say(HELP_TEXT)
