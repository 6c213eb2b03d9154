"""Tags and particles closing a clause are dropped, and a degree after an adjective an
order makes is its comparative; the words they look like are kept where they mean something."""

from __future__ import annotations

import pytest

from voicertc.assistant.tags import untagged


@pytest.mark.parametrize(
    ("said", "kept"),
    [
        ("turn the echo down a little, can?", "turn the echo down a little?"),
        ("can put some delay or not? I'd like it", "can put some delay? I'd like it"),
        ("my voice up and down, can fix or not.", "my voice up and down, can fix."),
        ("high pass back to normal setting can.", "high pass back to normal setting."),
        ("the reverb is plenty, cut it small lah.", "the reverb is plenty, cut it small."),
        ("make the echo shorter o", "make the echo shorter"),
        ("louder po, please", "louder, please"),
        ("more bass cut, no?", "more bass cut?"),
        ("add the drive, isn't it?", "add the drive?"),
        ("make my mic loud small", "make my mic louder a bit"),
        ("please make the echo soft a little", "please make the echo softer a bit"),
    ],
)
def test_tags_dropped(said: str, kept: str) -> None:
    assert untagged(said) == kept


@pytest.mark.parametrize(
    "said",
    [
        "I don't mind whether you add the echo or not.",
        "check if the compressor is on or not, then tell me",
        "turn me up as far as you can.",
        "I sound like I'm talking into a tin can",
        "no, leave it",
        "the polo match is on",
        "what band is it?",
        "my voice is soft a bit",
        "the crowd is loud a bit tonight",
    ],
)
def test_words_kept(said: str) -> None:
    assert untagged(said) == said
