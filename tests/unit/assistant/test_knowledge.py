"""Questions about effects in general are neither a change nor a question about the chain."""

from __future__ import annotations

import pytest

from voicertc.assistant.knowledge import knowledge, to_be_taught
from voicertc.assistant.words import tokens


def _asked(said: str) -> tuple[list[str], str]:
    words = tokens(said)
    return words, " " + " ".join(words) + " "


@pytest.mark.parametrize(
    "said",
    ["what does a compressor do", "what is reverb", "whats compression", "what is reverb exactly",
     "is a limiter just a strong compressor", "how long does reverb last in a cathedral",
     "what makes a room sound dead"],
)  # fmt: skip
def test_about_effects_in_general(said: str) -> None:
    assert knowledge(*_asked(said))


@pytest.mark.parametrize("said", ["what is the reverb set to", "whats the delay at", "is the reverb on"])
def test_about_this_chain(said: str) -> None:
    assert not knowledge(*_asked(said))


def test_asked_to_be_taught() -> None:
    assert to_be_taught(*_asked("explain what attack and release do"))
    assert not to_be_taught(*_asked("add some reverb"))
