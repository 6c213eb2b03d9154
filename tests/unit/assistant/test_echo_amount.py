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
