"""Sounds that are not this call's (theirs.py), asked of the functions directly."""

from __future__ import annotations

import pytest

from voicertc.assistant import theirs
from voicertc.assistant.dialogue import tokens


@pytest.mark.parametrize(
    "said",
    [
        "my phone sounds like a tin can on speaker",
        "the airport announcements echo so much you can't hear your gate",
        "my neighbor's bass is so loud",
        "he uses a lot of delay",
        "put reverb on the guitar",
        "the drums need more compression",
        "her voice on that record is drenched in echo",
        "the subway announcements are always muffled",
        # others' habit (session 26)
        "podcasters usually cut the low end under eighty hertz",
        "engineers often add a touch of compression on vocals",
    ],
)
def test_others(said: str) -> None:
    assert theirs.others(tokens(said))


@pytest.mark.parametrize(
    "said",
    [
        "my voice sounds muddy",
        "the vocals sound muddy",
        "my viewers say I'm too quiet",
        "my cat keeps walking on the desk, can you put a high pass on",
        "the drums are louder than me",
        "make my voice sound like an old electric guitar",
        "my guitar amp is humming",
        "my voice is always muffled",
        "it's always too quiet",
        "the reverb is usually too long",
        "the highs are always harsh",
        "people always say I'm too quiet",  # said of this sound, passed on
        "streamers usually use a high pass filter, can you add one",
    ],
)
def test_not_others(said: str) -> None:
    assert not theirs.others(tokens(said))


@pytest.mark.parametrize(
    "said",
    [
        "some singers put delay on every line, it's a bit much",
        "a lot of podcasters use way too much compression",
    ],
)
def test_people_in_general(said: str) -> None:
    assert theirs.someone_elses(tokens(said))
