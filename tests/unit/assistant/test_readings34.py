"""Session 34's readings, from kinds of sentence the lead wrote (no corpus's): "all" said as
"very", the top end cut short, a voice verb beside an effect asked for, a level said signed,
"half" written for "halve". Each kind has near misses that must keep their reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant.clauses import understand_all
from voicertc.assistant.scenes import is_change


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # "all" as "very" is how the sound is, not every effect
        ("I sound all boomy, cut the lows", call("highpass", "add")),
        ("it's gone all fizzy, roll off the highs", call("lowpass", "add")),
        # the top end, said short
        ("trim the top a little", call("lowpass", "add")),
        # a voice verb beside an effect asked for
        ("whisper for the intro but add some reverb", call("reverb", "add")),
        # a level said signed
        ("make it plus six dB", call("gain", "set", 6, "db")),
        ("minus three on my voice", call("gain", "add", -3)),
        # "half" as Whisper writes "halve"
        ("half the delay time please", call("delay", "decrease", 50, "percent")),
        # some of an effect taken off is less of it
        ("take some reverb off me", call("reverb", "decrease")),
        ("get rid of that low thump", call("highpass", "add")),
        # a number of a thing counted is no value
        ("reverb on, then we go again from verse two", call("reverb", "add")),
        ("echo on me, everyone in after eight bars", call("delay", "add")),
        ("take twenty off the drive", call("distortion", "decrease", 20)),
        # an order before the room is called
        (
            "drop the threshold four dB, everyone, one more time",
            call("compressor", "decrease", 4, "db", param="threshold_db"),
        ),
        # the assistant's name as Whisper writes it for some voices
        ("Competer, more reverb please", call("reverb", "increase")),
        # another thing's sound told beside an order of the speaker's own
        ("the piano drowns me out, make me louder", call("gain", "increase")),
        (
            "Okay voice my brother says I'm too quiet next to the drums, make me louder",
            call("gain", "increase"),
        ),
        # a reason told first, whatever it names, then the order
        ("since the hall already rings, set my reverb to ten percent", call("reverb", "set", 10, "percent")),
        # an effect said not to be there, twice negated
        ("I ain't got no reverb on me, fix that", call("reverb", "add")),
        # what an order is for, said after it, asks nothing
        ("ratio up to four, so it catches more", call("compressor", "set", 4, param="ratio")),
        (
            "threshold down three dB, so it grabs more",
            call("compressor", "decrease", 3, "db", param="threshold_db"),
        ),
        ("three hundred mils on the delay", call("delay", "add", 300, "ms")),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert understand_all(said) == [expected]


@pytest.mark.parametrize(
    "said",
    [
        "shout louder",
        "take it from the top",
        "it's two plus three",
        "the telly is so loud, turn it down",
        "Take five, everybody, the kettle's on.",
    ],
)
def test_near_misses_ask_for_no_change(said: str) -> None:
    assert not any(map(is_change, understand_all(said)))


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("it's all too much, take it all off", call(None, "reset")),
        ("remove everything", call(None, "reset")),
    ],
)
def test_readings_that_stay(said: str, expected: object) -> None:
    assert understand_all(said) == [expected]
