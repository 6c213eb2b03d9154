"""Requests wrapped in a question or courtesy are unwrapped to the request; some
wrappings say it another way ("do something about", "I don't want it this ...")."""

from __future__ import annotations

import pytest

from voicertc.assistant.clauses import understand_all
from voicertc.assistant.dialogue import ToolCall
from voicertc.assistant.words import tokens
from voicertc.assistant.wrappings import as_request


def _change(said: str) -> tuple[object, object]:
    (call,) = understand_all(said)
    assert isinstance(call, ToolCall)
    return call.arguments.get("effect"), call.arguments["action"]


@pytest.mark.parametrize(
    ("said", "change"),
    [
        ("can we do something about the echo", ("delay", "decrease")),
        ("can you do something about the hiss", ("lowpass", "add")),
        ("what can we do about the hum", ("highpass", "add")),
        ("I don't want it this loud", ("gain", "decrease")),
        ("I don't want to be this quiet", ("gain", "increase")),
        ("I don't want so much reverb", ("reverb", "decrease")),
    ],
)
def test_the_wrapped_request_is_read(said: str, change: tuple[str, str]) -> None:
    assert _change(said) == change


def test_a_long_thing_done_about_is_left_as_said() -> None:
    said = tokens("could you do something about how quiet I am")
    assert as_request(said) == said


@pytest.mark.parametrize(
    ("said", "action"),
    [
        ("more high cut", "decrease"),
        ("a bit more high cut please", "decrease"),
        ("less high cut", "increase"),
    ],
)
def test_more_of_the_high_cut_lowers_its_cutoff(said: str, action: str) -> None:
    assert _change(said) == ("lowpass", action)


def test_more_low_cut_raises_the_high_pass() -> None:
    assert _change("more low cut") == ("highpass", "increase")


def test_a_hurry_is_no_shorter_echo() -> None:
    assert _change("quick, mute the delay") == ("delay", "remove")


def test_quick_hurries_a_request_and_opens_a_question() -> None:
    assert as_request(tokens("my mum's calling, quick, mute the delay"))[-3:] == ["mute", "the", "delay"]
    assert "quick" not in as_request(tokens("my mums calling quick mute the delay"))
    assert as_request(tokens("quick question, how long is the delay"))[:2] == ["how", "long"]
    assert "quick" in as_request(tokens("make the delay quick"))


def test_a_hedge_of_how_it_is_is_dropped() -> None:
    assert as_request(tokens("the reverb is kind of a lot")) == tokens("the reverb is a lot")
    assert as_request(tokens("I sort of want more echo")) == tokens("I want more echo")
    assert "kind" in as_request(tokens("what kind of reverb is that"))
