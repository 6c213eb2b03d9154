"""comparatives.plain: comparatives as learners of English say them, put the way the rules read them."""

from __future__ import annotations

import pytest

from voicertc.assistant.clauses import understand_all
from voicertc.assistant.comparatives import plain
from voicertc.assistant.dialogue import APPLY, ToolCall
from voicertc.assistant.words import tokens


@pytest.mark.parametrize(
    ("said", "put"),
    [
        ("make the voice more loud", "make the voice louder"),
        ("the echo is too much long", "the echo is too long"),
        ("I want more of bass", "I want more bass"),
        ("more of the reverb", "more of the reverb"),  # as English says it
        ("more reverb", "more reverb"),
        ("a touch more low cut", "a touch more low cut"),  # the low cut named
    ],
)
def test_plain(said: str, put: str) -> None:
    assert plain(tokens(said)) == tokens(put)


@pytest.mark.parametrize(
    ("said", "effect", "action"),
    [
        ("make the voice more loud", "gain", "increase"),
        ("the echo is too much long", "delay", "decrease"),
        ("I want more of bass in my voice", "highpass", "decrease"),
        ("augment the delay", "delay", "increase"),
        ("diminish the echo", "delay", "decrease"),
        ("close the echo", "delay", "remove"),
        ("close the low pass a bit", "lowpass", "decrease"),  # a filter closed moves its cutoff
    ],
)
def test_read_as_asked(said: str, effect: str, action: str) -> None:
    assert understand_all(said) == [ToolCall(APPLY, {"effect": effect, "action": action})]
