"""What callers do themselves, with their own gear or at the mic, asks nothing; the mic and
anything asked of the assistant still do."""

from __future__ import annotations

import pytest

from voicertc.assistant.clauses import understand_all
from voicertc.assistant.dialogue import ToolCall
from voicertc.assistant.own_gear import done_myself
from voicertc.assistant.words import tokens


@pytest.mark.parametrize(
    "said",
    ["I'm turning my headphones down a bit", "I just turned the gain knob on my interface up",
     "I've got the gain on my interface at about halfway", "hold on, I need to turn my speakers down",
     "I'll move closer to the mic", "let me try a high note"],
)  # fmt: skip
def test_done_by_the_caller_changes_nothing(said: str) -> None:
    assert done_myself(tokens(said))
    assert not any(isinstance(i, ToolCall) for i in understand_all(said))


@pytest.mark.parametrize(
    "said",
    ["turn my mic up", "I need to turn my mic up a bit", "can you turn my headphones down",
     "I'm going to sing the chorus now, add some reverb", "I'm too quiet in my headphones"],
)  # fmt: skip
def test_asked_of_the_assistant_or_of_the_mic(said: str) -> None:
    assert not done_myself(tokens(said))


def test_a_move_said_as_it_is_done_asks_nothing() -> None:
    assert done_myself(tokens("moving closer to the mic now"))
    assert not done_myself(tokens("move the reverb back a bit"))
