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
        # session 21: enough said, or one effect kept as it is
        ("no need for more reverb", declined.LEFT_AS_IS_TEXT),
        ("okay that's enough echo", declined.LEFT_AS_IS_TEXT),
        ("leave the delay alone", declined.LEFT_AS_IS_TEXT),
        ("keep the compressor the way it is", declined.LEFT_AS_IS_TEXT),
        ("that's not enough reverb", None),
        ("tell me about compressors", declined.TEACH_TEXT),
        ("is reverb the same as echo", declined.TEACH_TEXT),
        ("add some reverb", None),
        ("the weather is nice today", None),
        # session 21: the rules' veto said, so the reader's guess cannot fill it
        ("start with the eighty grit sandpaper", declined.NOT_FOR_SOUND_TEXT),
        ("the lyrics go echo, echo, echo", declined.NOT_FOR_SOUND_TEXT),
        ("can you turn the tv down", declined.NOT_FOR_SOUND_TEXT),
    ],
)
def test_reply(sentence: str, expected: str | None) -> None:
    assert _reply(sentence) == expected
