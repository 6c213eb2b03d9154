"""The action rewrites table: one table, shared through the lexicon, read before the action words."""

from __future__ import annotations

import pytest

from voicertc.assistant import lexicon, rewrites
from voicertc.assistant.dialogue import _action


def test_the_lexicon_shares_the_one_table() -> None:
    assert lexicon.REWRITES is rewrites.REWRITES


@pytest.mark.parametrize(
    ("text", "action"),
    [
        (" fire the _ ", "remove"),
        (" _ youre fired ", "remove"),
        (" send the _ on holiday ", "remove"),
        (" extend the _ time by one second ", "increase"),
        (" the _ decay be shortened by half a second ", "decrease"),
        (" lengthen the _ ", "increase"),
    ],
)
def test_a_phrase_is_read_as_its_action(text: str, action: str) -> None:
    assert _action(text) == action


def test_every_rewrite_is_lower_case_words() -> None:
    for phrase, word in rewrites.REWRITES:
        assert phrase == phrase.lower().strip() and word == word.lower().strip()
