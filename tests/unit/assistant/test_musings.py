"""musings.musing: talk about an effect that asks nothing, and the requests beside it."""

from __future__ import annotations

import pytest

from voicertc.assistant.clauses import understand_all
from voicertc.assistant.dialogue import ToolCall, tokens
from voicertc.assistant.musings import musing


@pytest.mark.parametrize(
    "said",
    [
        "haha the reverb made my cat run out of the room",
        "the delay on my voice just made my daughter giggle",
        "wow, the compression makes a huge difference to how I come across",
        "it's funny how a little reverb changes the whole mood of a song",
        "my voice sounds much warmer with the filter than I thought it would",
        "my teacher says I should use less reverb but I disagree",
        "my producer keeps telling me to drop the distortion",
        "that compression is doing exactly what I wanted, thanks",
    ],
)
def test_musings(said: str) -> None:
    assert musing(tokens(said))
    assert not any(isinstance(c, ToolCall) for c in understand_all(said))


@pytest.mark.parametrize(
    "said",
    [
        "the reverb makes a difference, add more",
        "the echo makes me laugh, give me more",
        "my producer says I need less reverb, can you do that",
        "the reverb makes me sound like I'm laughing in a cave",  # how I sound, described
        "the filter made me sound warmer than I expected, make it less",
    ],
)
def test_requests_stay(said: str) -> None:
    assert not musing(tokens(said))


@pytest.mark.parametrize(
    "said", ["I read that compression makes podcasts easier to listen to", "a friend told me to try reverb"]
)
def test_what_was_heard_or_read_somewhere_is_relayed(said: str) -> None:
    assert musing(tokens(said))
    assert not any(isinstance(i, ToolCall) for i in understand_all(said))
