"""Things named with the chain's words that are not the caller's sound."""

from __future__ import annotations

import pytest

from voicertc.assistant import not_sound, phrasing
from voicertc.assistant.clauses import understand_all
from voicertc.assistant.scenes import is_change


def test_each_phrase_is_listed_once_in_lower_case() -> None:
    assert len(set(not_sound.PHRASES)) == len(not_sound.PHRASES)
    assert all(p == p.lower().strip() for p in not_sound.PHRASES)
    assert phrasing.NOT_SOUND == not_sound.PHRASES


@pytest.mark.parametrize(
    "said",
    ["compress this zip file", "start the session timer", "volume down on the telly", "compress your core"],
)
def test_a_turn_about_them_changes_nothing(said: str) -> None:
    assert not any(map(is_change, understand_all(said)))
