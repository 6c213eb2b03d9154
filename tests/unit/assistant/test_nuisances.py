"""An effect complained of with no degree word is turned down, whatever particle the
complaint's verb takes ("cluttering up", "stepping on")."""

from __future__ import annotations

import pytest

from voicertc.assistant.clauses import understand_all
from voicertc.assistant.dialogue import ToolCall
from voicertc.assistant.nuisances import without_nuisance


@pytest.mark.parametrize(
    ("said", "effect"),
    [
        ("the echo is stepping on my words", "delay"),
        ("the reverb is muddying everything up", "reverb"),
        ("the echo is cluttering up my words", "delay"),
        ("the delay clashes with the beat", "delay"),
        ("the reverb is washing out my voice", "reverb"),
        ("the compression is squashing the life out of me", "compressor"),
    ],
)
def test_an_effect_in_the_way_is_turned_down(said: str, effect: str) -> None:
    (call,) = understand_all(said)
    assert isinstance(call, ToolCall)
    assert (call.arguments["effect"], call.arguments["action"]) == (effect, "decrease")


def test_a_verb_that_says_what_to_do_still_does() -> None:
    (call,) = understand_all("that delay is distracting, take it away")
    assert isinstance(call, ToolCall) and call.arguments["action"] == "remove"


def test_the_particles_of_the_complaint_go_with_it() -> None:
    assert without_nuisance(" the echo is cluttering up my words ") == " the echo is my words "
    assert without_nuisance(" turn it up ") == " turn it up "
