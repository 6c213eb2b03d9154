"""Session 37's readings, from kinds of sentence the lead wrote (no corpus's) after reading
tune15 (the Englishes of the world): tags and particles closing a clause, a value kept beside a
short reason, a level uneven at times, a number with a part before its scale, a learner's
"quit" and Nigerian "comot", the crackle as the drive, enough of an effect said as a reason;
and talk of a catalogue, a meaning, another's voice, a phone's screen, room made for
people, a reset told of, a tripped fuse and the workshop's and garden's things. Each kind
has near misses that must keep their reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import asks_nothing, read

from voicertc.assistant.dialogue import Say, ToolCall


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a tag or particle closing the clause changes nothing it asks
        ("the echo too much, cut it down small, can?", call("delay", "decrease", param="mix")),
        ("can put the fuzz or not? I like to hear it", call("distortion", "add")),
        ("reverb is heavy already lah, less please", call("reverb", "decrease")),
        # a value said, then a short reason: the value kept
        ("bring my level down three decibels, too loud", call("gain", "decrease", 3, "db")),
        ("drop the volume by two dB lah, very loud", call("gain", "decrease", 2, "db")),
        # loud and soft said of the times the caller speaks; a level made one
        ("sometimes I'm shouting and sometimes whispering, can you fix that", call("compressor", "add")),
        ("my level keeps going up and down, sort it out", call("compressor", "add")),
        ("put me all on one level please", call("compressor", "add")),
        ("keep my volume steady throughout the talk", call("compressor", "add")),
        # a number with a part, then its scale
        ("set the high cut to one and a half thousand hertz", call("lowpass", "set", 1500, "hz")),
        ("low pass at three point five thousand hertz", call("lowpass", "set", 3500, "hz")),
        # a learner's "quit", Nigerian "comot"
        ("quit me the echo please", call("delay", "remove")),
        ("comot the reverb, abeg", call("reverb", "remove")),
        # the crackle named as the effect
        ("turn the crackle effect down a bit", call("distortion", "decrease")),
        # an order, then enough of an effect said as its reason
        ("reverb off please, this hall echoes enough on its own", call("reverb", "remove")),
        ("there's not enough echo on me", call("delay", "increase")),
        ("give me enough reverb to fill the church", call("reverb", "add")),
        # a spring reverb is no workshop's spring
        ("put a spring reverb on me", call("reverb", "add")),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    "said",
    [
        "what effects do you offer?",
        "which kinds of effects can you do",
        "what's the meaning of compression, explain it please",
        "the pastor's voice is very soft today",
        "turn down the brightness on your screen",
        "make room for your uncle on the sofa",
        "I quit my job last week",
        "the fire is crackling nicely",
        "sometimes the kids are loud and sometimes quiet",
        "I've got enough delay on already, thanks",
        "the reset after each round is two minutes",
        "the compressor in the garage has tripped the fuse",
        "oil the hinges and slide the plank in",
        "cut the low branches back before they hit the van",
    ],
)
def test_near_misses_ask_for_no_change(said: str) -> None:
    assert asks_nothing(said)


def test_catalogue_is_the_help_not_the_chain() -> None:
    (reply,) = read("what effects do you have?")
    assert isinstance(reply, Say) and "seven effects" in reply.text
    assert read("what effects do you have on me right now") == [ToolCall("get_effects", {})]


@pytest.mark.parametrize(
    "said",
    ["the", "the the", "his", "the s", "can", "or not", "lah", "small", "enough", "reset", "?", "the reset"],
)
def test_short_and_broken_turns_are_read_without_failing(said: str) -> None:
    # A one-word turn once ran a reading past the end of its words (an IndexError in theirs.py
    # on "the", found by the blind measurement): every reading must hold on the shortest turns.
    assert all(isinstance(i, Say | ToolCall) for i in read(said))
