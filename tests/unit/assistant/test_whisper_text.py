"""What the decoder wrote, cleaned up and sized (``whisper_text``)."""

from __future__ import annotations

import pytest

from voicertc.assistant.whisper_text import several_sentences


@pytest.mark.parametrize(
    "text",
    ["Set the delay to 300 ms.", "Is that 2.5 dB?", "  More reverb!  ", "Cut at 1.5 kHz. "],
)
def test_one_sentence(text: str) -> None:
    assert not several_sentences(text)


@pytest.mark.parametrize(
    "text",
    ["That's all I remember. Set the delay.", "Hello? Add reverb", "Stop! Now."],
)
def test_several_sentences(text: str) -> None:
    assert several_sentences(text)
