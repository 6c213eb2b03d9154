"""Sentences declined on purpose get their own replies, not the fallback the reader fills."""

from __future__ import annotations

import pytest

from voicertc.assistant import declined
from voicertc.assistant.words import tokens


def _reply(sentence: str) -> str | None:
    words = tokens(sentence)
    return declined.reply(words, " " + " ".join(words) + " ")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I might want more reverb later, but not now", declined.LEFT_AS_IS_TEXT),
        ("please leave it alone", declined.LEFT_AS_IS_TEXT),
        ("tell me about compressors", declined.TEACH_TEXT),
        ("is reverb the same as echo", declined.TEACH_TEXT),
        ("add some reverb", None),
        ("the weather is nice today", None),
    ],
)
def test_reply(sentence: str, expected: str | None) -> None:
    assert _reply(sentence) == expected
