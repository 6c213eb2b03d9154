"""An amount of echo asked for ("more echo", "a bit less echo", "the echo is a bit much") is
its mix (colloquial.ECHO_AMOUNT), on sentences written for these tests; and the steps of
the delay that name no amount, which keep their reading (its time, or the parameter named)."""

from __future__ import annotations

import pytest

from voicertc.assistant.dialogue import ToolCall, understand


@pytest.mark.parametrize(
    ("said", "action"),
    [
        ("more echo please", "increase"),
        ("a little more echo", "increase"),
        ("could we have a bit less echo", "decrease"),
        ("the echo is a bit much, turn it down", "decrease"),
        ("the echo has to be way more", "increase"),
    ],
)
def test_an_amount_of_echo_is_its_mix(said: str, action: str) -> None:
    assert understand(said) == ToolCall(
        "apply_audio_effect", {"effect": "delay", "action": action, "param": "mix"}
    )


@pytest.mark.parametrize(
    ("said", "args"),
    [
        ("turn down the delay", {"effect": "delay", "action": "decrease"}),
        ("increase the echo", {"effect": "delay", "action": "increase"}),
        ("more delay time", {"effect": "delay", "action": "increase"}),
        ("more delay", {"effect": "delay", "action": "increase"}),
        ("less feedback on the delay", {"effect": "delay", "action": "decrease", "param": "feedback"}),
        ("no more echo", {"effect": "delay", "action": "remove"}),
    ],
)
def test_echo_steps_that_name_no_amount_keep_their_reading(said: str, args: dict[str, object]) -> None:
    assert understand(said) == ToolCall("apply_audio_effect", args)


@pytest.mark.parametrize(
    ("said", "action"),
    [
        ("the echo's a bit quiet, turn it up", "increase"),
        ("turn the echo down a little", "decrease"),
        ("could you bring the echoes up", "increase"),
        ("the echo is too faint", "increase"),
        ("I can barely hear the echo, push it up", "increase"),
        ("knock the echo down please", "decrease"),
    ],
)
def test_the_echo_turned_like_a_fader_or_heard_too_faintly_is_its_mix(said: str, action: str) -> None:
    assert understand(said) == ToolCall(
        "apply_audio_effect", {"effect": "delay", "action": action, "param": "mix"}
    )


@pytest.mark.parametrize(
    ("said", "args"),
    [
        ("turn the delay up", {"effect": "delay", "action": "increase"}),  # the effect named: its time
        ("turn up the echo time", {"effect": "delay", "action": "increase"}),
        ("slow the echo down", {"effect": "delay", "action": "increase"}),
    ],
)
def test_the_delay_turned_or_the_echo_timed_keeps_its_time(said: str, args: dict[str, object]) -> None:
    assert understand(said) == ToolCall("apply_audio_effect", args)
