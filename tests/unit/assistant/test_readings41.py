"""Session 41's readings, kinds the lead wrote (no corpus's) after reading the leftovers of every
tune side, each said by more than one writer: the chain's reset said as where the voice goes
back to, before a reason ("back to my ordinary voice, we're starting the test"); what the result
must be, said after an order as its reason ("no reverb on me, it needs to be dead clear"); a
reverb made longer or shorter is its tail; an effect pulled with nothing after it is taken out
("pull the HPF"). Each kind has near misses that must keep their reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import asks_nothing, read

RESET = call(None, "reset")


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("back to my normal voice, we're starting the quiz", RESET),
        ("Back to my plain voice please, the interview is about to begin.", RESET),
        ("no echo on my voice, it has to be crisp for the announcement", call("delay", "remove")),
        ("take the compressor off, they should hear how loud the crowd gets", call("compressor", "remove")),
        ("could you make the reverb a little longer", call("reverb", "increase", param="decay_s")),
        ("make the reverb shorter, the words are smearing", call("reverb", "decrease", param="decay_s")),
        ("lengthen the reverb a touch", call("reverb", "increase", param="decay_s")),
        ("pull the low cut, I want the full bass back", call("highpass", "remove")),
        ("pull my compressor please", call("compressor", "remove")),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a pulled effect that moves keeps its direction
        ("pull the reverb down a bit", call("reverb", "decrease")),
        ("pull the gain up", call("gain", "increase")),
        ("pull the reverb back a little", call("reverb", "decrease")),
        ("pull the delay a bit lower", call("delay", "decrease")),
        # a delay made longer is its time, as before
        ("make the delay longer", call("delay", "increase")),
        # "more reverb" is more of it, not a longer tail
        ("more reverb please", call("reverb", "increase")),
        # what the result must be that is itself a change stays one
        ("add reverb, it needs to be louder", call("reverb", "add")),
    ],
)
def test_near_misses_keep_their_reading(said: str, expected: object) -> None:
    assert read(said)[0] == expected


@pytest.mark.parametrize(
    "said",
    [
        "I went back to my normal voice after the cold, it was fine",
        "the squeal is the fan belt, it needs tightening",
        "pull the door shut behind you, it needs a shove",
    ],
)
def test_remarks_ask_nothing(said: str) -> None:
    assert asks_nothing(said)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("what did the delay start at? put it back to that", call("delay", "reset")),
        ("what was the reverb like originally? go back to that please", call("reverb", "reset")),
        ("the low cut's too high, bring it down", call("highpass", "decrease")),
        ("what was the high cut's default? reset it to that", call("lowpass", "reset")),
        ("I'd rather not have the echo on, to be honest", call("delay", "remove")),
        ("what if the release was longer", call("compressor", "increase", param="release_ms")),
        ("what if I was a bit louder", call("gain", "increase")),
        ("what if we halved the delay time", call("delay", "decrease", 50, "percent")),
        ("let's try doubling the high cut frequency", call("lowpass", "increase", 100, "percent")),
        ("what would happen if you turned the reverb down? let's try it", call("reverb", "decrease")),
        ("the echo's a bit strong", call("delay", "decrease")),
        ("the compression is a little heavy for this song", call("compressor", "decrease")),
        ("I'm a bit quiet on here", call("gain", "increase")),
        ("the gain is a bit hot", call("gain", "decrease")),
        ("reset the, um, delay settings please", call("delay", "reset")),
        ("set the reverb mix to, er, forty percent", call("reverb", "set", 40, "percent")),
    ],
)
def test_tune19_kinds(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a preference between two effects is still one
        ("I'd rather have delay than reverb", call("delay", "add")),
        # a hesitation before a correction leaves the correction to be read
        ("set the delay to, um, no, the reverb to forty percent", call("reverb", "set", 40, "percent")),
    ],
)
def test_tune19_near_misses_keep_their_reading(said: str, expected: object) -> None:
    assert read(said)[-1] == expected


@pytest.mark.parametrize(
    "said",
    [
        "what would happen if I turned the gain all the way up",
        "what if the band was louder",
        "what if I was taller",
        "what did the film start at? go back to that channel",
        "the traffic is a bit loud today",
        "I'm a bit tired this morning",
    ],
)
def test_tune19_remarks_ask_nothing(said: str) -> None:
    assert asks_nothing(said)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("it's not crunchy enough yet", call("distortion", "increase")),
        ("the fuzz isn't dirty enough for this song", call("distortion", "increase")),
        ("could you go a bit easier with the reverb", call("reverb", "decrease")),
        ("go easier on the delay please", call("delay", "decrease")),
        ("down a bit", call("gain", "decrease")),
        ("up a touch please", call("gain", "increase")),
        ("down, down a little, down", call("gain", "decrease")),
    ],
)
def test_tune19_more_kinds(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    "said",
    [
        "the delay sounds a bit busy, but you know what, that's the vibe",
        "I sound a little thin, but I think that's the phone sound we wanted",
        "the reverb is huge, but it's a cathedral scene, so it should be",
        "no idea what the compressor does, but whatever it's doing, it's fine",
        "it's a bit fuzzy, but in a good way",
        "it's easier with the reverb on",
        "down the road there's a studio",
    ],
)
def test_tune19_more_remarks_ask_nothing(said: str) -> None:
    assert asks_nothing(said)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a wish after "but" still asks
        ("the reverb is nice, but I want more of it", call("reverb", "increase")),
        # a purpose after an order is still dropped
        (
            "threshold down six dB, so it catches more",
            call("compressor", "decrease", 6, "db", param="threshold_db"),
        ),
        ("I'm not loud enough", call("gain", "increase")),
    ],
)
def test_tune19_more_near_misses(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a story of what was tried, then the order after "so"
        (
            "we tried three and it was too quiet and eight was too loud so set the gain to five dB",
            call("gain", "set", 5, "db"),
        ),
        ("the echo was long and boomy so set it to 200 ms", call("delay", "set", 200, "ms")),
        # an effect left, said alone, is kept; left off is taken off
        ("leave the echo off", call("delay", "remove")),
    ],
)
def test_tune19_stories_and_leaving(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize("said", ["nah, leave the reverb, it's doing its thing", "just leave the delay"])
def test_an_effect_left_alone_asks_nothing(said: str) -> None:
    assert asks_nothing(said)
