"""Session 42's readings from tune20 (the sound described, and which way it should go), each a
kind the rules missed: a quality said to fall short ("nowhere near dry enough"); the voice's
dynamics described ("I'd like the natural ups and downs back", "my voice is a rollercoaster");
the last change undone ("you raised the low cut, I wanted the opposite"); an amount of a setting
("not enough repeats"); verbs of widening and sharpening; "tighten up the compression"; "cut
down"; "way too much crunch" said first. Near misses keep their reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import asks_nothing, read


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("it's nowhere near dry enough, I can still hear the hall", call("reverb", "decrease")),
        ("the top isn't bright enough yet", call("lowpass", "increase")),
        ("the room isn't big enough", call("reverb", "increase")),
        ("I'd like the natural ups and downs back in my voice", call("compressor", "decrease")),
        ("let the loud bits breathe again", call("compressor", "decrease")),
        ("let my voice go up and down naturally, no compressor in the way", call("compressor", "remove")),
        ("my voice is a rollercoaster tonight", call("compressor", "add")),
        ("everything sounds flattened to one level", call("compressor", "decrease")),
        ("you turned the echo up, I wanted the opposite", call("delay", "decrease")),
        ("you added the reverb, I meant the opposite", call("reverb", "remove")),
        ("not enough repeats on the echo", call("delay", "increase", param="feedback")),
        ("way too much feedback", call("delay", "decrease", param="feedback")),
        ("cut down the number of repeats", call("delay", "decrease", param="feedback")),
        ("widen the room a touch", call("reverb", "increase")),
        ("open the room out a little", call("reverb", "increase")),
        ("sharpen the resonance on the low pass", call("lowpass", "increase", param="q")),
        ("tighten up the compressor", call("compressor", "increase")),
        ("way too much fuzz on me", call("distortion", "decrease")),
        # the voice pictured loud or quiet
        ("I'm just a murmur under the backing track", call("gain", "increase")),
        ("make me less of a mumble please", call("gain", "increase")),
        ("could you make me less of a foghorn", call("gain", "decrease")),
        # the echo pictured as the voice coming back
        ("I'd like every line to come back once after me", call("delay", "add")),
        ("nothing coming back after my words, please", call("delay", "remove")),
        ("a longer pause before my voice comes back to me", call("delay", "increase")),
        ("the copies of my voice should be softer", call("delay", "decrease", param="mix")),
        ("give me that stadium announcer thing where every phrase comes back later", call("delay", "add")),
        # the voice as it was
        ("give me my untouched voice back", call(None, "reset")),
        ("go back to how I sounded before we touched anything", call(None, "reset")),
        ("I sound flimsy, like tissue paper", call("highpass", "decrease")),
        # the voice likened to a thing
        ("honestly I sound like a chainsaw", call("distortion", "decrease")),
        ("make me sound even more like a gravel truck", call("distortion", "increase")),
        ("the top of my voice is like broken glass", call("lowpass", "add")),
        ("it's like an old cassette, the sparkle's gone", call("lowpass", "increase")),
        ("could I sound like I'm behind a velvet curtain", call("lowpass", "add")),
        # words run together by the room
        ("every syllable blurs into the next", call("reverb", "decrease")),
        ("I want to be right by the listener's ear", call("reverb", "decrease")),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("make my voice bounce back like in a canyon", call("delay", "add")),  # an echo, not dynamics
        ("everything is squeezed to the same level, ditch the compression", call("compressor", "remove")),
        ("my voice sticks out of the choir, lower me a touch", call("gain", "decrease")),
        ("it's not loud enough", call("gain", "increase")),
        ("turn it up and add reverb", [call("gain", "increase"), call("reverb", "add")]),
        ("tighten up the echo", call("delay", "decrease")),  # a time, sooner
        ("my esses are really sharp", call("lowpass", "add")),
        ("even out my voice, I keep jumping between a whisper and a shout", call("compressor", "add")),
        ("more echo, scratch that, less echo", call("delay", "decrease", param="mix")),
        ("I sound like an old radio", call("highpass", "decrease")),
    ],
)
def test_near_misses_keep_their_reading(said: str, expected: object) -> None:
    assert read(said) == (expected if isinstance(expected, list) else [expected])


@pytest.mark.parametrize(
    "said",
    [
        "I want my life back after this project",
        "you raised the price, I wanted the opposite",
        "I walked up and down the platform for an hour",
        "this coffee isn't hot enough",
        "can you come back to me on that",
        "my neighbour is a foghorn",
        "it's too loud at the pub",
        "my neighbour's chainsaw is so loud",
        "I found an old cassette in the car",
        "an intimate dinner for two",
        "the smell of coffee hangs in the air",
        "I liked how I sounded before the holidays",
        "I'm a bit thin today, but that's my voice, not the effects",
        "I sound slightly squashed, which is the radio vibe I was after",
        "less echo, maybe? no, forget I said anything",
    ],
)
def test_asks_nothing(said: str) -> None:
    assert asks_nothing(said)
