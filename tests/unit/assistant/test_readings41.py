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
