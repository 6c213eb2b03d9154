"""Session 45's readings from the tune sides' leftovers: a speed after an amount of time is a
step of that amount ("one millisecond faster"); "N dB of gain" put on the caller is a gain
stage at N, where "add two dB of gain" alone stays a step and "add 3 dB to the gain" is onto
what is there; an effect that "is gone" is a state, not a removal, and a turn's reason ("it
feels empty without it") takes nothing away. Near misses keep their reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import asks_nothing, read


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (
            "could the attack be two milliseconds faster?",
            call("compressor", "decrease", 2, "ms", param="attack_ms"),
        ),
        ("make the release fifty ms slower", call("compressor", "increase", 50, "ms", param="release_ms")),
        ("add five dB of gain on my voice", call("gain", "add", 5, "db")),
        ("add three decibels of gain to me please", call("gain", "add", 3, "db")),
        ("add a gain of six dB to my mic", call("gain", "add", 6, "db")),
        ("the reverb's gone, can you put it back on?", call("reverb", "add")),
        ("can I have the delay back? I sound flat without it", call("delay", "add")),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("set the attack to 5 ms", call("compressor", "set", 5, "ms", param="attack_ms")),
        ("add two dB of gain", call("gain", "increase", 2, "db")),
        ("add 3 dB to the gain", call("gain", "increase", 3, "db")),
        ("add four decibels to my volume", call("gain", "increase", 4, "db")),
        ("give me another nine dB of gain", call("gain", "increase", 9, "db")),
        ("I want the echo gone", call("delay", "remove")),
        ("I'll manage without the reverb, take it off", call("reverb", "remove")),
    ],
)
def test_near_misses_keep_their_reading(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    "said",
    [
        "um, what was I about to ask, something about the reverb, it's gone, never mind",
        "what was I going to say, it was about the delay, it's gone now",
    ],
)
def test_a_thought_gone_asks_nothing(said: str) -> None:
    assert asks_nothing(said)


@pytest.mark.parametrize(
    "said",
    [
        # questions about effects in general, some after a filler
        "um, why would anyone want a slapback on a podcast?",
        "er, what happens to the tone if the cutoff is really high?",
        "is a compressor just an automatic fader, basically?",
        "is it possible for two filters to cancel each other out?",
        "would you say compression or gain suits a whisper better?",
        "is there a rule of thumb for how long a hall reverb should be?",
        # an order nearly given and thought better of
        "I almost said turn the echo up, but it's fine where it is",
    ],
)
def test_off_topic(said: str) -> None:
    assert asks_nothing(said)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("is it possible for the delay to be shorter?", call("delay", "decrease")),
        ("um, add some reverb", call("reverb", "add")),
        ("er, what's it called, the low cut, switch that on", call("highpass", "add")),
        ("would it hurt to dry the delay out a bit?", call("delay", "decrease")),
        (
            "delay feedback about forty percent, give or take",
            call("delay", "set", 40, "percent", param="feedback"),
        ),
        ("um, the reverb, could you put its settings back to factory", call("reverb", "reset")),
        ("turn on the volume boost", call("gain", "add")),
        ("make the reverb a whole second longer", call("reverb", "increase", 1, "s")),
        # an order after a sound pictured, opening with what the effect does
        (
            "the loud bits still jump out like a jack-in-the-box, squash them harder",
            call("compressor", "increase"),
        ),
        # an effect said to do too little: more of it (a low pass: its cutoff lower)
        ("the compressor isn't keeping me level enough", call("compressor", "increase")),
        ("the high cut isn't doing enough", call("lowpass", "decrease")),
        ("the delay isn't quiet enough", call("delay", "decrease", param="mix")),
    ],
)
def test_readings_of_repairs_and_values(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # (tune25) short: an effect "out", "push", "larger", a decay cut short, up a second
        ("fuzz out", call("distortion", "remove")),
        ("gain stage out please", call("gain", "remove")),
        ("push the reverb", call("reverb", "increase")),
        ("push the delay back", call("delay", "decrease")),
        ("larger room on me", call("reverb", "increase")),
        ("cut the reverb tail short", call("reverb", "decrease", param="decay_s")),
        ("tail down a second", call("reverb", "decrease", 1, "s")),
    ],
)
def test_short_readings(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    "said",
    [
        "delay? nah",
        "a compressor? no, skip it",
        "low cut? keep it",
        "hands off the reverb",
        "attack can stay",
        "hold the drive where it is",
        "maybe more reverb later",
    ],
)
def test_short_off_topic(said: str) -> None:
    assert asks_nothing(said)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("you could put some reverb on me, nah?", call("reverb", "add")),  # a tag, not a no
        ("could the repeats come later?", call("delay", "increase")),
        ("the reverb can stay, just shorten the tail", call("reverb", "decrease", param="decay_s")),
        ("bring the reverb out", call("reverb", "add")),
    ],
)
def test_short_near_misses(said: str, expected: object) -> None:
    assert read(said) == [expected]
