"""How many echoes there are, said without "feedback": the delay's feedback, stepped the
way the sentence asks; a place's echo and other things' repeats are no request."""

from __future__ import annotations

import pytest

from voicertc.assistant.clauses import understand_all
from voicertc.assistant.dialogue import APPLY, Say, ToolCall
from voicertc.assistant.repeats import lasting, of_a_place
from voicertc.assistant.words import tokens


def feedback(action: str) -> list[ToolCall]:
    return [ToolCall(APPLY, {"effect": "delay", "action": action, "param": "feedback"})]


@pytest.mark.parametrize(
    "said",
    ["the echo goes on forever", "the delay never stops", "there are too many repeats", "too many bounces",
     "fewer bounces please", "just a couple of echoes please, not a whole bunch", "only two repeats",
     "make the echo die out quicker", "the echo should fade away sooner"],
)  # fmt: skip
def test_fewer_echoes(said: str) -> None:
    assert understand_all(said) == feedback("decrease")


@pytest.mark.parametrize(
    "said",
    ["more bounces on the echo", "I want the echo to keep bouncing", "let the echoes keep going",
     "I want the echo to go on and on", "let the echo fade out slower", "the echoes die away too quickly"],
)  # fmt: skip
def test_more_echoes(said: str) -> None:
    assert understand_all(said) == feedback("increase")


@pytest.mark.parametrize(
    "said",
    ["the echo in our stairwell never stops", "in the cathedral the echo goes on forever",
     "the echo in the canyon went on forever"],
)  # fmt: skip
def test_a_places_echo_is_told_not_asked(said: str) -> None:
    assert of_a_place(tokens(said))
    assert all(isinstance(i, Say) for i in understand_all(said))


@pytest.mark.parametrize(
    "said",
    ["my mum repeats herself too many times", "the train delays go on forever",
     "set the echo to three repeats", "the echo should be faster"],
)  # fmt: skip
def test_not_a_count_of_this_calls_echoes(said: str) -> None:
    assert lasting(tokens(said)) is None
