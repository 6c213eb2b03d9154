"""Session 46's readings from the tune sides' leftovers: a setting of the compressor doubled or
halved names the compressor ("double the attack"); a kilohertz or a millisecond said "a" after
a direction is one ("high cut up a k"); the distortion's drive sent "to default" is reset; a
question that names an effect or a setting bare, as a kind of thing, asks about effects in
general ("is overdrive just gain?"). Near misses keep their reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import asks_nothing, read


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("double the release", call("compressor", "increase", 100.0, "percent", param="release_ms")),
        ("halve the attack time please", call("compressor", "decrease", 50.0, "percent", param="attack_ms")),
        ("low pass down a k", call("lowpass", "decrease", 1, "khz")),
        ("take the high pass up a kilohertz", call("highpass", "increase", 1, "khz")),
        ("the delay up a millisecond", call("delay", "increase", 1, "ms")),
        ("put the drive to default", call("distortion", "reset")),
    ],
)
def test_short_readings(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    "said",
    [
        "why's reverb so popular with singers?",
        "is distortion just clipping?",
        "does compression squash my dynamics?",
        "are spring reverbs real springs?",
        "what's slapback delay?",
        "double the release date, they said",
        "we went up a k in the lift",
    ],
)
def test_asks_nothing(said: str) -> None:
    assert asks_nothing(said)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("is reverb on now?", None),  # the chain asked about: a status question, not knowledge
        ("can reverb go on me?", call("reverb", "add")),
    ],
)
def test_near_misses(said: str, expected: object) -> None:
    got = read(said)
    if expected is None:
        assert got and got[0].name == "get_effects"
    else:
        assert got == [expected]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # (tune26) long turns: one part orders, the rest is backstory, a reason or chatter
        (
            "halve the amount of reverb please, it's lovely but the podcast goes out to a radio station "
            "and they like it drier",
            call("reverb", "decrease", 0.5, "fraction"),
        ),
        ("so squash me a bit harder with the compressor please", call("compressor", "increase")),
        (
            "the delay's too loud in the mix right now, it sounds like I'm shouting down a well, "
            "pull the delay mix down by ten percent please",
            call("delay", "decrease", 10, "percent", param="mix"),
        ),
        (
            "could you put some reverb on my voice for the next hymn, my granddaughter says it'll sound like "
            "a cathedral and I'm eighty one, so why not",
            call("reverb", "add"),
        ),
        (
            "the echo sounded great in the song, everyone in the chat loved it, thank you, "
            "but now I'm just talking to them so please take the echo off",
            call("delay", "remove"),
        ),
        ("add one more second to the reverb decay please", call("reverb", "increase", 1, "s")),
        ("set the delay time to one full second", call("delay", "set", 1, "s")),
    ],
)
def test_long_turns(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # the whole turn says more of the same change than its ordered part: the whole is read
        (
            "a friend who mixes for a living said two hundred milliseconds of delay works for slapback, "
            "so let's put the delay time at that, two hundred",
            call("delay", "set", 200, "ms"),
        ),
        # a part that points back at the effect is not read alone
        (
            "sorry, the reverb is a bit much and it's blurring my words, could you turn it down a little?",
            call("reverb", "decrease"),
        ),
    ],
)
def test_long_turns_read_whole(said: str, expected: object) -> None:
    assert read(said) == [expected]
