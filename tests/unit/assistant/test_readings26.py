"""Session 26's readings, from kinds of sentence tune8 missed: each on sentences written for
these tests (other wordings than tune8's, and near misses that must keep their reading)."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant.dialogue import understand


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # "the last one" is a thing, "last one and a quarter seconds" a time
        ("make the reverb last one and a half seconds", call("reverb", "set", 1.5, "s")),
        # the bottom is the low end; more of a cut moves the cutoff into the band
        ("roll off the bottom", call("highpass", "add")),
        ("less bottom please", call("highpass", "add")),
        ("cut the bottom even more", call("highpass", "increase")),
        ("take out more of the highs", call("lowpass", "decrease")),
        # a band's sparkle missed, a band that is too much
        ("where did the sparkle go", call("lowpass", "increase")),
        ("there's way too much boom", call("highpass", "add")),
        # thinned out, evened out further
        ("thin my voice out", call("highpass", "add")),
        ("even me out", call("compressor", "add")),
        ("even my voice out a bit more", call("compressor", "increase")),
        # a ratio written with a colon, either way round
        ("set the ratio to 6:1", call("compressor", "set", 6, param="ratio")),
        ("ratio 1:3 please", call("compressor", "set", 3, param="ratio")),
        (
            "Set the ratio to one colon for.",
            call("compressor", "set", 4, param="ratio"),
        ),  # as Whisper hears "1:4"
        # echoey places complained of
        ("it sounds like I'm in a parking garage", call("reverb", "decrease")),
        ("I sound like I'm at the bottom of a well", call("reverb", "decrease")),
        # none of an effect had, the compressor loosened, an echo left to trail off
        ("let's have no delay on my voice", call("delay", "remove")),
        ("loosen the compressor a bit", call("compressor", "decrease")),
        ("let the repeats trail off longer", call("delay", "increase", param="feedback")),
        # the compressor's gain reduction is the compressor's
        ("a bit less gain reduction", call("compressor", "decrease")),
        # all of a band taken out, not every effect; esses that stab
        ("remove all the low end", call("highpass", "add")),
        ("take out all the effects", call(None, "reset")),
        ("the esses are stabbing my ears", call("lowpass", "add")),
        # a time said with a word for the repeats is the delay's time; further still
        ("have the echo repeat every half second", call("delay", "set", 0.5, "s")),
        ("darker still", call("lowpass", "decrease")),
        ("brighter still", call("lowpass", "increase")),
        # the level tucked down, or running hot
        ("tuck my voice down a bit", call("gain", "decrease")),
        ("I think I am coming in too hot", call("gain", "decrease")),
        # a bare number said as an engineer says it: a share of a percentage, the larger unit
        ("set the delay feedback to 0.4", call("delay", "set", 0.4, "fraction", param="feedback")),
        ("low pass at 8", call("lowpass", "set", 8, "khz")),
        ("set the delay to 0.4", call("delay", "set", 0.4, "s")),
        ("high pass at 100", call("highpass", "set", 100)),  # in range: as said
        ("delay at 300", call("delay", "set", 300)),
        # written this session as an engineer in the room, or a caller who only hears it
        ("I sound so far away, bring me closer", call("reverb", "decrease")),
        ("push my voice back in the mix", call("reverb", "increase")),
        ("whenever I say a P it pops", call("highpass", "add")),
        ("I sound like I'm on an old telephone", call("highpass", "decrease")),
        ("ease the compression a little", call("compressor", "decrease")),
        ("ease the reverb in", call("reverb", "add")),
        ("squeeze my voice harder", call("compressor", "increase")),
        ("down a dB", call("gain", "decrease", 1, "db")),
        ("half the volume please", call("gain", "decrease", 6, "db")),
        # a mood pictured, a length or level said as "not so ..."
        ("make my voice sound spooky", call("reverb", "add")),
        ("could the reverb be not so long", call("reverb", "decrease")),
        ("make the echo not so loud", call("delay", "decrease", param="mix")),
    ],
)
def test_tune8_kinds(said: str, expected: object) -> None:
    assert understand(said) == expected
