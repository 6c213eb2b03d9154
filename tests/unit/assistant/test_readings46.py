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
