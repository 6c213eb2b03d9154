"""Session 47's readings from the leftovers of tune26 (long turns) and tune27 (the settings and
their numbers): an effect put "on the chain"; a purpose said with "so" after the change; a long
turn's one order asked as "would you mind ...", or pointing with "its" at the one effect the turn
names; a share "of what it is now"; "N below zero"; a compressor's "let go" and "recover" as its
release; praise followed by what the setting brought ("no more hiss"). Near misses keep their
reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import asks_nothing, read


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("put a limiter on the chain", call("compressor", "add")),
        ("put a compressor in the chain", call("compressor", "add")),
        ("turn down the reverb so it's more natural", call("reverb", "decrease")),
        ("ease off the volume a bit so I'm more comfortable to listen to", call("gain", "decrease")),
        (
            "cut the drive down to fifty percent of what it is now",
            call("distortion", "decrease", 0.5, "fraction"),
        ),
        ("threshold twenty five below zero", call("compressor", "set", -25, param="threshold_db")),
        ("put the threshold ten dB under zero", call("compressor", "set", -10, "db", param="threshold_db")),
        (
            "let go of the squash after two hundred milliseconds",
            call("compressor", "set", 200, "ms", param="release_ms"),
        ),
        (
            "the compressor should recover within eighty milliseconds",
            call("compressor", "set", 80, "ms", param="release_ms"),
        ),
        ("let the compressor let go more slowly", call("compressor", "increase", param="release_ms")),
        ("the verb, give it another seven hundred milliseconds", call("reverb", "increase", 700, "ms")),
        ("delay time times two, please", call("delay", "increase", 100.0, "percent")),
        ("knock one single decibel off my volume", call("gain", "decrease", 1, "db")),
        ("drive back to its default", call("distortion", "reset")),
        ("put the overdrive back where it was from the start", call("distortion", "reset")),
        ("reset the entire chain, nothing on at all", call(None, "reset")),
        ("take the compressor off, I sound squashed flat", call("compressor", "remove")),
        ("turn off the compression, I want my dynamics back", call("compressor", "remove")),
        ("add a gain stage at about four dB", call("gain", "add", 4, "db")),
        (
            "let each echo feed back ten percent into the next",
            call("delay", "set", 10, "percent", param="feedback"),
        ),
        ("ease the trim down, the peaks are clipping", call("gain", "decrease")),
        ("let some more of the bass back in", call("highpass", "decrease")),
        ("the gap between echoes, make it one and a half seconds", call("delay", "set", 1.5, "s")),
        ("too much church sound on me now, less please", call("reverb", "decrease")),
        (
            "lower the threshold by six decibels so the quiet bits get caught too",
            call("compressor", "decrease", 6, "db", param="threshold_db"),
        ),
        ("I sound like I'm far away and really quiet compared to everyone else", call("gain", "increase")),
    ],
)
def test_short_readings(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    "said",
    [
        "the high cut at that frequency is perfect, no more hiss",
        "that release time is just lovely, no pumping at all",
        "the reverb mix is beautiful, not too wet, not too dry",
        "the gain's probably fine at where it is, no change",
        "I keep wanting to move the high cut to five k, but I'll resist",
        "the attack could be slower, but honestly I don't want to touch it now",
        "Ivy, your high-pass on the overhead should be around two hundred",
        "it's five below zero outside",
        "I need to let go of my anger",
        "give my beard a trim",
        "more reverb after the break",
        "how much church music do you listen to",
        "The echo is a lot, but it's a dub track, so it should be.",
        "I wondered about a delay of six hundred ms, but the song's too fast for it",
        "the delay mix is sitting nicely under my voice",
    ],
)
def test_asks_nothing(said: str) -> None:
    assert asks_nothing(said)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a purpose that says which change keeps the change it names
        ("please balance my volume so that it stays the same throughout", call("compressor", "add")),
        # praise, then an effect taken off: not what the praised one brought
        ("the reverb is great, no delay", call("delay", "remove")),
        ("set the reverb mix to fifty percent", call("reverb", "set", 50, "percent")),
        ("add some reverb and we'll see how it sounds", call("reverb", "add")),
        # an order after the removal is no reason for it
        ("I don't need to sound like the great hall, ease off the reverb", call("reverb", "decrease")),
        (
            "you made the crunch harsher and I don't like it, ease the distortion back",
            call("distortion", "decrease"),
        ),
        # a long turn's order that points at a value said before is read whole
        (
            "My music teacher said the hall sound should last about two seconds, "
            "could you make it that long?",
            call("reverb", "set", 2, "s"),
        ),
        ("It might be nice to hear my normal voice again, no effects.", call(None, "reset")),
        (
            "I feel like I'm slightly too loud compared to the music, "
            "so maybe drop the gain by two dB, just two",
            call("gain", "decrease", 2, "db"),
        ),
    ],
)
def test_near_misses(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (
            "for the podcast intro I want just a short room feel, so set the reverb's decay to one point two "
            "seconds, and then I'll record the first line.",
            call("reverb", "set", 1.2, "s"),
        ),
        (
            "apologies for being fussy, it's my first time doing this, but I think I'm too loud, "
            "so would you mind making me quieter, just a little?",
            call("gain", "decrease"),
        ),
        (
            "I'd like a little bump right at the edge of the high-pass, so set its Q to one point five, my "
            "music production teacher calls it the resonant trick.",
            call("highpass", "set", 1.5, param="q"),
        ),
        (
            "right, okay, the kids have gone to bed, um, turn off all the effects please, and then "
            "let's talk about the plans for next weekend.",
            call(None, "reset"),
        ),
        (
            "for the audiobook chapters I always run the level a little hot, seven point five decibels, so "
            "please set the gain to that before I start chapter twelve.",
            call("gain", "set", 7.5, "db"),
        ),
        (
            "I'm an engineer by trade so forgive the precision, but the compressor and the filters are all "
            "where I want them, the only thing to change is the gain, to plus two dB.",
            call("gain", "set", 2, "db"),
        ),
        (
            "ok we're back after the break, um, give me a bit more reverb now, and hello to everyone "
            "who just joined, the link to the songbook is in the description.",
            call("reverb", "increase"),
        ),
        (
            "I might regret this, but I want lots of repeats for the trippy section, maybe set the echo "
            "feedback to sixty percent, and we'll see if it gets out of hand.",
            call("delay", "set", 60, "percent", param="feedback"),
        ),
        (
            "I don't want to lose the other effects, I worked hard on them, just restore the delay alone to "
            "the way it was when it was first added.",
            call("delay", "reset"),
        ),
    ],
)
def test_long_turns(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    "said",
    [
        "I wonder if the podcast would sound better with a little room on it, let's talk about it later.",
        "I might want more reverb later",
    ],
)
def test_long_turns_put_off(said: str) -> None:
    assert asks_nothing(said)
