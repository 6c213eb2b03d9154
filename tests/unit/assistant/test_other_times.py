"""Talk of another time, or of not knowing, asks nothing unless a verb asks."""

from __future__ import annotations

import pytest

from voicertc.assistant.other_times import another_time
from voicertc.assistant.words import tokens


@pytest.mark.parametrize(
    "said",
    ["back in the day we bounced tracks to tape", "last stream my audio was so quiet",
     "the sound guy had no idea what a high pass was", "I used to use a lot of delay"],
)  # fmt: skip
def test_another_time(said: str) -> None:
    assert another_time(tokens(said))


@pytest.mark.parametrize(
    "said", ["last time the reverb was too much, so less reverb please", "yesterday I was quiet, turn me up",
             "add some reverb"],
)  # fmt: skip
def test_asked_now(said: str) -> None:
    assert not another_time(tokens(said))
