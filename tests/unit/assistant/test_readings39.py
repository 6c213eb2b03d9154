"""Session 39's readings, from kinds of sentence the lead wrote (no corpus's) after reading tune17
(beginners with no audio words, engineers in full jargon): an engineer's "out with the" and
"init", a setting's stock values, an effect's own level pointed back to ("bring its level
down"), a low noise stopped, a reverb's pre-delay that is no delay effect, an effect kept by the
speaker's own choice, what would do it asked for ("is there a setting that ..."), an echo off a
cliff that takes nothing off, every plug taken off, cotton wool, a picture asked of less, an
effect put back the way it came, a space as an amount ("more cave"), a reverb that lingers
longer, a gain stage put in at plus a value, a default said to do, a song's half-time, a
likeness ("like the telly"), every one of the effects, a time pulled in, a level said as to a
desk ("vocal up four"); off-topic, a habit told, a truth about an effect of a kind, a relative's
habit, what the speaker will do themselves, a level in others' monitors, a thing's reset button
and a British encyclopaedia's volume. Each kind has near misses that must keep their reading
(pictured names: test_nicknames.py)."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import asks_nothing, read

from voicertc.assistant.words import tokens


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("out with the delay for the next song", call("delay", "remove")),
        ("init the reverb please", call("reverb", "reset")),
        ("put my compressor back to its stock setting", call("compressor", "reset")),
        ("the low pass back to the stock values", call("lowpass", "reset")),
        ("the echo is in the way, bring its level down", call("delay", "decrease", param="mix")),
        ("the echo is lovely, bring its volume up a bit", call("delay", "increase", param="mix")),
        ("could you stop that rumble", call("highpass", "add")),
        ("stop those thuds please", call("highpass", "add")),
        ("no pre-delay needed, just set the decay to two seconds", call("reverb", "set", 2, "s")),
        ("turn off the repeating voice", call("delay", "remove")),
        ("make the copy of my voice louder", call("delay", "increase", param="mix")),
        ("give my voice some weight back", call("highpass", "decrease")),
        ("is there a setting that keeps my level steady", call("compressor", "add")),
        ("can my voice come back a second later, like an echo off the mountains", call("delay", "add")),
        ("it's like talking through cotton wool, can you fix it", call("lowpass", "increase")),
        ("take every plug off my voice", call(None, "reset")),
        ("I sound like I'm in a big cave, could you make it less like that", call("reverb", "decrease")),
        ("the volume's gone mad, put it back the way it came", call("gain", "reset")),
        ("more cathedral please", call("reverb", "increase")),
        ("take every one of the effects off please", call(None, "reset")),
        ("bring the echo time in by fifty ms", call("delay", "decrease", 50, "ms")),
        ("vocal down two", call("gain", "decrease", 2, "db")),
        ("I'm way too loud, like the telly, can you fix it", call("gain", "decrease")),
        ("put a gain plug on me at plus three dB", call("gain", "set", 3, "db")),
        ("add a limiter, its default is fine", call("compressor", "add")),
        ("double the delay time, we're in half-time now", call("delay", "increase", 100.0, "percent")),
        ("pull the limiter out, I'll ride the volume myself", call("compressor", "remove")),
        ("could the reverb linger a bit longer", call("reverb", "increase", param="decay_s")),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("bring the level down", call("gain", "decrease")),
        ("add some delay", call("delay", "add")),
        ("hit the reset button on my effects", call(None, "reset")),
        ("reset the delay", call("delay", "reset")),
        ("pull in some reverb", call("reverb", "add")),
        ("I always sound too quiet, turn me up", call("gain", "increase")),
        ("a delay on my voice please", call("delay", "add")),
        ("take the echo off", call("delay", "remove")),
        ("make me sound like I'm in a big cave", call("reverb", "add")),
        ("turn the reverb down in their headphones", call("reverb", "decrease")),
        ("my son loves the echo, add more echo please", call("delay", "increase", param="mix")),
    ],
)
def test_near_misses_keep_their_reading(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    "said",
    [
        "I'll leave the reverb on for the last song, it's just right",
        "I pressed the reset button on my phone and lost my photos",
        "the reset button on the router is tiny",
        "volume two of the encyclopaedia is on the shelf",
        "we went out with the band after the show",
        "I always cut below eighty on a podcast, old habit",
        "a delay with lots of feedback will run away with itself",
        "the knee on a vintage compressor is quite soft",
        "every plug in the kitchen is loose",
        "the match went less well than we hoped",
        "my cousin plays his guitar through a fuzzy old amp",
        "bring the drummer up a few dB in his monitors",
        "I'd like the telly down a bit",
    ],
)
def test_near_misses_ask_for_no_change(said: str) -> None:
    assert asks_nothing(said)


def test_pre_delay_is_one_word() -> None:
    assert tokens("the pre-delay on the reverb") == ["the", "predelay", "on", "the", "reverb"]
    assert tokens("the pre delay")[-1] == "predelay"
