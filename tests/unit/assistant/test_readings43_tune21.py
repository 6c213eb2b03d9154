"""Session 43's readings from tune21 (before and after: time, memory and amounts relative to now),
each a kind the rules missed: a story of what changed, then an order of "it" or of a parameter
("the echo has crept up all evening, lower it"); a faint sound as where a change should end
("down until it's barely there"); a setting pushed to an end of its range ("max out the
volume"); a step of "drive"; a filter tightened; a need ahead ("I'll need more ..."); a default
"as it shipped"; an order with what it will make of it after ("..., and it'll be perfect").
Off-topic: what one asked before, asked about; a change left for later; a verb
told after "once"; a fit approved. Near misses keep their reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import asks_nothing, read


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a story of the change, then the order of "it", a parameter, or an amount
        ("the echo has been creeping up all evening, lower it please", call("delay", "decrease")),
        ("that feedback you pushed up is a mess, lower it", call("delay", "decrease", param="feedback")),
        ("the limiter has been squeezing harder every song, back it off", call("compressor", "decrease")),
        (
            "the release still hangs on too long, make it quicker",
            call("compressor", "decrease", param="release_ms"),
        ),
        ("the grit you just put on is nasty, less of it", call("distortion", "decrease")),
        ("the squash you added just now flattens me, less compression", call("compressor", "decrease")),
        ("the reverb is drowning me now, halve the mix", call("reverb", "decrease", 0.5, "fraction")),
        ("the crunch has crept up since the break, less drive", call("distortion", "decrease")),
        (
            "the low pass has been dulling me since the break, bring its cutoff up",
            call("lowpass", "increase"),
        ),
        # a faint sound as where the change should end
        ("pull the delay down until it's barely audible", call("delay", "decrease")),
        ("turn the reverb down till it's barely there", call("reverb", "decrease")),
        # an end of the range
        ("push my volume to the very top of its range", call("gain", "set", 24, "db")),
        ("put the low cut as low as it goes", call("highpass", "set", 20, "hz")),
        ("turn the echo feedback all the way up", call("delay", "set", 95, "percent", param="feedback")),
        # a step of "drive", a filter tightened, a share taken off, a need ahead, a default
        ("drive down a touch", call("distortion", "decrease")),
        ("tighten the high pass a little", call("highpass", "increase")),
        ("shave a tiny bit off the delay", call("delay", "decrease")),
        ("the next song is a quiet one, I'll need less volume then", call("gain", "decrease")),
        ("put the delay back the way it shipped", call("delay", "reset")),
        # what the change will make of it, said after the order (tune18's leftovers)
        (
            "lovely, now bring the echo down a touch and it'll be perfect",
            call("delay", "decrease", param="mix"),
        ),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("that reverb is way too much, take it off", call("reverb", "remove")),
        ("my words are getting lost in the reverb, dial it back", call("reverb", "decrease")),
        ("the compression has me boxed in, loosen it up", call("compressor", "decrease")),
        ("the reverb should be there, set it to two seconds", call("reverb", "set", 2, "s")),
        ("turn the fuzz down a bit", call("distortion", "decrease")),
        ("the reverb is barely there", call("reverb", "increase")),
        ("nearly all the way down on the echo", call("delay", "decrease")),
        ("did you add the reverb", call("reverb", "add")),  # of this call's chain
        ("tidy up my bottom end", call("highpass", "add")),
        ("add the distortion, it suits the track", call("distortion", "add")),
    ],
)
def test_near_misses_keep_their_reading(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    "said",
    [
        "did I ask for more reverb before, or was that my brother?",
        "later on I may ask you to turn the echo up, I'll let you know",
        "I might want a bigger room for the last song, we'll see",
        "I once set my amp's gain all the way up and the neighbours complained",
        "more reverb? hmm, no, it suits the song",
        "the high pass could go up a bit, but I'd rather not fiddle with it now",
        "we drive up a hill every morning",
    ],
)
def test_off_topic(said: str) -> None:
    assert asks_nothing(said)
