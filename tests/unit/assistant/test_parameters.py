"""Parameters said in everyday words (session 15, from tune4's misses): a delay's time as
the spacing of its echoes, a compressor's attack and release as how soon it grabs and lets
go. Sentences written for these tests, with near misses that must read as before."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant.dialogue import ToolCall, understand


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # the delay's time as the spacing of its echoes
        ("spread the repeats out a little", call("delay", "increase")),
        ("put more time between the echoes", call("delay", "increase")),
        ("can you space out the echoes", call("delay", "increase")),
        ("pull the repeats closer together", call("delay", "decrease")),
        ("the echoes are too far apart", call("delay", "decrease")),
        ("the repeats sit too close together", call("delay", "increase")),
        # a speed of the echoes is their time, whatever else is named
        ("let the repeats arrive later", call("delay", "increase")),
        ("slow the delay down so each repeat lands later", call("delay", "increase")),
        ("can the echoes come back sooner", call("delay", "decrease")),
        # near misses: space as room, and numbers or named parameters as before
        ("add some space", call("reverb", "add")),
        ("more feedback on the echo", call("delay", "increase", param="feedback")),
        ("more space on my voice", call("reverb", "increase")),
    ],
)
def test_echo_spacing_is_the_delay_time(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("have the compressor clamp down quicker", call("compressor", "decrease", param="attack_ms")),
        ("make the compressor kick in slower", call("compressor", "increase", param="attack_ms")),
        ("I want the compression to react faster", call("compressor", "decrease", param="attack_ms")),
        ("the compressor should let go sooner", call("compressor", "decrease", param="release_ms")),
        ("make the limiter bounce back slower", call("compressor", "increase", param="release_ms")),
        ("could the compressor recover quicker", call("compressor", "decrease", param="release_ms")),
        # near misses: a named time, or no time at all
        ("faster attack on the compressor", call("compressor", "decrease", param="attack_ms")),
        ("speed up the compressor release", call("compressor", "decrease", param="release_ms")),
        ("make the compressor faster", call("compressor", "decrease")),
    ],
)
def test_a_compressor_grabbing_and_letting_go(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected
