"""Sound pictures and problems that name no effect (pictures.py and the small readings
beside it), on sentences written for these tests; and near misses that share their words
and must keep their reading."""

from __future__ import annotations

import pytest

from voicertc.assistant.clauses import understand_all
from voicertc.assistant.dialogue import APPLY, Say, ToolCall, understand


def apply(effect: str, action: str) -> ToolCall:
    return ToolCall("apply_audio_effect", {"effect": effect, "action": action})


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a quality wished for
        ("make me sound all gravelly and raspy", apply("distortion", "add")),
        ("I want my voice super crunchy like a punk singer", apply("distortion", "add")),
        ("give it that grungy vocal sound", apply("distortion", "add")),
        ("can you make me sound like an electric guitar", apply("distortion", "add")),
        ("make my voice all muffled like a ghost", apply("lowpass", "add")),
        ("I wanna sound all echoey", apply("reverb", "add")),
        ("I want that raspy, gravelly rock vocal", apply("distortion", "add")),
        # a place wished for
        ("make me sound like I'm in a giant dungeon", apply("reverb", "add")),
        ("could I sound like I'm singing in a cathedral", apply("reverb", "add")),
        ("make it sound like I'm stuck in a wardrobe", apply("lowpass", "add")),
        ("I wanna sound like I'm yelling off a cliff", apply("delay", "add")),
        # heard through something
        ("make me sound like I'm talking through a scarf", apply("lowpass", "add")),
        # a word said over and over
        ("make me go yoo hoo hoo hoo", apply("delay", "add")),
        ("my voice should sound like it repeats after me", apply("delay", "add")),
        # a level that jumps
        ("my quiet bits and my loud bits are miles apart", apply("compressor", "add")),
        ("my yelling still sticks out too much", apply("compressor", "increase")),
        # an effect suggested
        ("maybe a limiter would help with my peaks", apply("compressor", "add")),
        ("I reckon some reverb would be nice here", apply("reverb", "add")),
        # a low noise under the voice
        ("I can hear the air conditioner droning in the background", apply("highpass", "add")),
        ("there's a thud on the mic every time I tap the table", apply("highpass", "add")),
        # a small speaker
        ("I sound like a cheap phone", apply("highpass", "decrease")),
        ("make me sound like a little radio", apply("highpass", "add")),
    ],
)
def test_pictures_and_problems(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    "said",
    ["make me normal again please", "no more silly voices", "I don't want any weird voices on me"],
)
def test_every_effect_gone(said: str) -> None:
    assert understand(said) == ToolCall("apply_audio_effect", {"action": "reset"})


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("it sounds muffled", apply("lowpass", "increase")),
        ("make it less muffled", apply("lowpass", "increase")),
        ("it sounds like I'm in a cave", apply("reverb", "decrease")),
        ("I sound like I'm in a closet", apply("reverb", "add")),
        ("make the echo quicker", apply("delay", "decrease")),
    ],
)
def test_near_misses_keep_their_reading(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    "said",
    [
        "I can hear thunder rumbling outside",
        "I can still hear the rumble of the trains at night",
        "my neighbours are loud and my street is quiet",
        "bring it up with my boss",
        "I want to fix my broken microphone stand",
        "he sounds like a radio presenter",
        "there's a towel on my chair",
        # a quality wished of a thing, not of the voice
        "make my coffee dark please",
        "I want my steak rough and crusty",
        "I want a thin crust pizza",
        "I want a dark chocolate",
    ],
)
def test_statements_that_share_the_words_ask_for_nothing(said: str) -> None:
    assert isinstance(understand(said), Say), said


@pytest.mark.parametrize(
    "said", ["keep my level steady", "keep my volume consistent", "can you tame the peaks"]
)
def test_a_steady_level_is_the_compressor(said: str) -> None:
    assert understand_all(said) == [ToolCall(APPLY, {"effect": "compressor", "action": "add"})]


@pytest.mark.parametrize(
    "said",
    ["there's a low noise in my sound", "there is noise very low in my voice, please remove",
     "there is a low noise like a motor", "I can hear a low sound in the background"],
)  # fmt: skip
def test_a_noise_said_to_be_low_is_the_high_pass(said: str) -> None:
    assert understand_all(said) == [ToolCall(APPLY, {"effect": "highpass", "action": "add"})]


@pytest.mark.parametrize("said", ["the noise is very low now, thanks", "the noise is too low to hear"])
def test_a_noise_that_is_quiet_is_no_low_noise(said: str) -> None:
    assert not any(isinstance(i, ToolCall) for i in understand_all(said))
