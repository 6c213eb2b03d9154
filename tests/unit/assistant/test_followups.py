"""FollowUps: "more", "too much", "take it off" after a command, about the effect it changed."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant.dialogue import GET, ToolCall, understand
from voicertc.assistant.followups import FollowUps


def after(command: str) -> FollowUps:
    follow = FollowUps()
    intent = understand(command)
    assert isinstance(intent, ToolCall), intent
    follow.heard(intent)
    return follow


@pytest.mark.parametrize(
    ("said", "action"),
    [
        ("more", "increase"),
        ("a little more please", "increase"),
        ("still not enough", "increase"),
        ("less", "decrease"),
        ("that's way too much", "decrease"),
        ("not so much", "decrease"),
        ("take it off", "remove"),
        ("just lose it", "remove"),
    ],
)
def test_a_follow_up_is_about_the_last_effect_changed(said: str, action: str) -> None:
    assert after("put some distortion on").read(said) == call("distortion", action)


def test_a_stepped_parameter_is_stepped_again() -> None:
    follow = after("more feedback on the echo")
    assert follow.read("even more") == call("delay", "increase", param="feedback")
    assert follow.read("get rid of it") == call("delay", "remove")


@pytest.mark.parametrize("said", ["tell me a joke", "more money", "I want more friends", "", "what"])
def test_anything_else_is_not_a_follow_up(said: str) -> None:
    assert after("add some reverb").read(said) is None


def test_nothing_to_follow_before_a_command_after_a_removal_or_a_reset() -> None:
    assert FollowUps().read("more") is None
    assert after("remove the reverb").read("more") is None
    assert after("clear everything").read("more") is None
    follow = after("add some reverb")
    follow.heard(ToolCall(GET, {}))  # a question about the chain leaves the last change as it was
    assert follow.read("more") == call("reverb", "increase")


def test_understand_reads_alone_first_then_as_a_follow_up_and_remembers_what_it_took() -> None:
    session = FollowUps()
    assert not isinstance(session.understand("a bit more"), ToolCall)  # nothing changed yet
    assert session.understand("put a delay on") == call("delay", "add")
    assert session.understand("a bit more") == call("delay", "increase")
    assert session.understand("more reverb") == call("reverb", "increase")  # named: read alone
    assert session.understand("too much") == call("reverb", "decrease")
