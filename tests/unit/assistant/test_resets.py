"""resets: one effect's defaults, the whole chain off, an effect named earlier put back."""

from __future__ import annotations

import pytest

from voicertc.assistant.lexicon import padded
from voicertc.assistant.resets import its_defaults, one_reset, whole_reset
from voicertc.assistant.words import tokens


def _text(said: str) -> str:
    return padded(tokens(said))


@pytest.mark.parametrize(
    "said", ["put the low cut back to default", "restore the default delay settings", "reset the reverb"]
)
def test_one_reset(said: str) -> None:
    assert one_reset(_text(said))


@pytest.mark.parametrize("said", ["no effects please", "back to the dry signal", "give me my voice back"])
def test_whole_reset(said: str) -> None:
    assert whole_reset(_text(said))


def test_its_defaults() -> None:
    assert its_defaults(_text("the echo went strange, restore its factory settings"))
    assert not its_defaults(_text("restore the factory settings of my phone"))
    assert not one_reset(_text("restore the delay"))  # brought back, not reset


def test_the_level_as_it_normally_is() -> None:
    from voicertc.assistant.dialogue import APPLY, ToolCall, understand

    assert understand("normal volume please") == ToolCall(APPLY, {"effect": "gain", "action": "reset"})
    louder = ToolCall(APPLY, {"effect": "gain", "action": "increase"})
    assert understand("my normal volume is too quiet") == louder
