"""later: a wish for later, not now (``maybe_later``: if or when something happens; ``put_off``:
to a time said); a trial ordered now and a return from a break are neither."""

from __future__ import annotations

import pytest

from voicertc.assistant.later import maybe_later, put_off
from voicertc.assistant.words import tokens


@pytest.mark.parametrize(
    "said",
    [
        "if the neighbours start drilling, I might ask you to cut the rumble",
        "I might want more reverb later",
    ],
)
def test_maybe_later(said: str) -> None:
    assert maybe_later(tokens(said))


@pytest.mark.parametrize(
    "said",
    [
        "I might regret this, but maybe set the echo feedback to sixty percent, and we'll see if it's loud",
        "I might need to be a bit louder, if that's alright",
    ],
)
def test_asked_now(said: str) -> None:
    assert not maybe_later(tokens(said))


@pytest.mark.parametrize(
    "said",
    [
        "don't add the echo until I start singing",
        "let's talk about the delay after this song",
        "I wonder about a little room on it, let's talk about it later",
        "I'll probably want more reverb later",
        "when the drummer comes in, we'll probably need more gain",
    ],
)
def test_put_off(said: str) -> None:
    assert put_off(tokens(said))


@pytest.mark.parametrize(
    "said",
    [
        "turn off all the effects please, and then let's talk about the plans for next weekend",
        "ok we're back after the break, give me a bit more reverb now",
        "add reverb later",
    ],
)
def test_not_put_off(said: str) -> None:
    assert not put_off(tokens(said))
