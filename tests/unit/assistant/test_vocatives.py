"""Who a turn is said to: the assistant called by a name, or a person in the room. The
sentences are the lead's own."""

from __future__ import annotations

import pytest

from voicertc.assistant.vocatives import said_to_someone, said_to_us


@pytest.mark.parametrize(
    ("said", "to_us"),
    [
        ("Computer, more reverb on me", "more reverb on me"),
        ("hey mixer, cut the lows", "cut the lows"),
        ("the kids at the back can't hear, assistant, louder please", "louder please"),
        ("hang on Sara, and computer, echo off", "echo off"),
        ("turn my delay down a bit, ok voice", "turn my delay down a bit"),
        # an order before the name, a state after it
        ("put a compressor on me, assistant, we're live in a minute", "put a compressor on me"),
        # no comma after the name, an order after it
        ("wait a sec computer bring me up", "bring me up"),
        # as Whisper writes the turn: the comma before "and" dropped, "computer" misspelt
        ("Thanks Sara, you can sit down now and assistant, get rid of my reverb", "get rid of my reverb"),
        ("OK all, let's begin and computer, my voice is too loud", "my voice is too loud"),
        ("Competer, less echo", "less echo"),
    ],
)
def test_the_words_after_the_assistants_name(said: str, to_us: str) -> None:
    assert said_to_us(said) == to_us


@pytest.mark.parametrize(
    "said",
    [
        "my computer fan is so loud",
        "the voice on the radio is too quiet",
        "add some reverb",
        "I need a new mixer for the band",
        "I love the piano and voice, it's lovely",
        "compute the total, please",
    ],
)
def test_no_name_called(said: str) -> None:
    assert said_to_us(said) is None


@pytest.mark.parametrize(
    "said",
    [
        "Omar, your bass is too loud, turn it down",
        "Turn the lights down a bit, please, Carlos.",
        "Is the reverb too much from back there, Priya?",
        "kids, you're too noisy, less shouting",
    ],
)
def test_said_to_someone_in_the_room(said: str) -> None:
    assert said_to_someone(said)


@pytest.mark.parametrize(
    "said",
    [
        "Tom, hang on, more reverb on me please",  # a person named, the speaker's own sound asked
        "Double my echo, guys, just for this chorus",  # a group told as an aside
        "Ugh, Mondays.",  # a capital that names no one
        "Oh, it's the distortion, good.",
        "Computer, Tom says my reverb is too much, turn it down",  # the assistant called too
    ],
)
def test_not_said_to_someone(said: str) -> None:
    assert not said_to_someone(said)
