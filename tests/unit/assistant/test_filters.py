"""The filter meant when none is named (filters.py), on sentences written for these tests."""

from __future__ import annotations

from typing import Any, cast

import pytest
from support.chained_followups import session
from support.tool_calls import call

from voicertc.assistant.brains import AssistantBrain
from voicertc.assistant.dialogue import Say, ToolCall, understand
from voicertc.assistant.filters import LastFilter


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("lower the cutoff", call("lowpass", "decrease")),
        ("bring the cutoff down to 800", call("lowpass", "set", 800)),
        ("push the cutoff up a bit", call("lowpass", "increase")),
        ("cutoff at three kilohertz", call("lowpass", "set", 3, "khz")),
        ("could you open the filter up a little", call("lowpass", "increase")),
        ("drop the filter frequency to 500 hertz", call("lowpass", "set", 500, "hz")),
    ],
)
def test_an_unnamed_cutoff_is_the_low_pass_when_no_filter_is_known(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("lower the cutoff", call("highpass", "decrease")),
        ("set the cutoff to 120 hertz", call("highpass", "set", 120, "hz")),
        ("the low pass down a bit", call("lowpass", "decrease")),  # named: the named one
    ],
)
def test_an_unnamed_cutoff_is_the_filter_the_session_last_set(said: str, expected: ToolCall) -> None:
    assert understand(said, last_filter="highpass") == expected


@pytest.mark.parametrize(
    "said",
    [
        "the cutoff date for applications is friday",
        "I need a new filter for the coffee machine",
        "change the filter on the fish tank",
        "filter the emails by sender",
    ],
)
def test_other_cutoffs_and_filters_ask_for_nothing(said: str) -> None:
    assert isinstance(understand(said), Say)


def test_the_last_filter_follows_the_commands_taken() -> None:
    memory = LastFilter()
    memory.heard({"effect": "highpass", "action": "add"})
    assert memory.current == "highpass"
    memory.heard({"effect": "reverb", "action": "add"})
    assert memory.current == "highpass"  # another effect leaves the filter known
    memory.heard({"effect": "lowpass", "action": "set", "value": 2000})
    assert memory.current == "lowpass"
    memory.heard({"effect": "highpass", "action": "remove"})
    assert memory.current == "lowpass"  # another filter removed: this one is still on
    memory.heard({"effect": "lowpass", "action": "remove"})
    assert memory.current is None
    memory.heard({"effect": "highpass", "action": "add"})
    memory.heard({"action": "reset"})
    assert memory.current is None


def test_a_session_reads_an_unnamed_cutoff_as_its_last_filter() -> None:
    brain = AssistantBrain(cast(Any, None))  # understanding needs no speech
    assert brain.understand("cut the lows", b"") == call("highpass", "add")
    assert brain.understand("raise the cutoff a touch", b"") == call("highpass", "increase")


def test_a_comparative_with_its_filter_on_moves_it_further() -> None:
    # session 26: "a little darker" with the low pass on put it on again at its defaults
    read, _ = session("add a low pass", "too dark", "a little darker again")
    assert read == [call("lowpass", "decrease")]
    read, _ = session("cut the lows", "thinner")
    assert read == [call("highpass", "increase")]
    read, _ = session("darker")  # none on: put on
    assert read == [call("lowpass", "add")]
