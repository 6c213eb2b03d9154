"""A held-out writer's errors sorted by kind, and what lower fills would do, on a fake fold."""

from __future__ import annotations

import numpy as np

from voicertc.assistant import dialogue
from voicertc.assistant.reader.head import Guess
from voicertc.bench.corpus import Case
from voicertc.bench.first_contact import error_kind, first_contact, summed
from voicertc.bench.reader_lowo import Fold, Reading

ADD = {"effect": "reverb", "action": "add"}
REMOVE = {"effect": "reverb", "action": "remove"}
NOTHING = (dialogue.Say(dialogue.FALLBACK_TEXT),)


def call(arguments: dict[str, object]) -> dialogue.ToolCall:
    return dialogue.ToolCall(dialogue.APPLY, arguments)


def test_each_kind_of_error_is_named() -> None:
    want = (ADD,)
    assert error_kind([call(ADD)], want) is None
    assert error_kind(list(NOTHING), want) == "nothing read"
    assert error_kind([dialogue.Say("Glad you like it.")], want) == "something else said"
    assert (
        error_kind([call(ADD), call({"effect": "delay", "action": "add"})], want)
        == "a call beside the right one"
    )
    assert error_kind([call({"effect": "delay", "action": "add"})], want) == "another effect"
    assert error_kind([call(REMOVE)], want) == "the other way"
    assert error_kind(
        [call({"effect": "reverb", "action": "set", "value": 40, "unit": "percent"})], want
    ) == ("another action")
    stepped = {"effect": "reverb", "action": "increase"}
    assert error_kind([call({**stepped, "param": "decay_s"})], (stepped,)) == "another value or parameter"


def test_unread_sentences_are_counted_by_how_sure_the_guess_is() -> None:
    cases = [
        Case("f", "some room please", (ADD,)),  # unread, guessed at 0.65: right if filled
        Case("f", "the church was lovely", ()),  # unread, guessed at 0.55: a call if filled
        Case("f", "add reverb", (ADD,)),  # read right
        Case("f", "the reverb at the gig was huge", ()),  # read as a call
    ]
    readings = [
        Reading(NOTHING, {"reverb add": ADD}),
        Reading(NOTHING, {"reverb add": ADD}),
        Reading((call(ADD),), {"reverb add": ADD}),
        Reading((call(ADD),), {"reverb add": ADD}),
    ]
    guesses = [
        Guess("reverb", 0.65, "add", 0.2),
        Guess("reverb", 0.55, "add", 0.3),
        Guess("reverb", 0.99, "add", 0.0),
        Guess("reverb", 0.6, "add", 0.3),
    ]
    probs = (np.zeros((4, 9)), np.zeros((4, 5)))
    report = first_contact(Fold(cases, readings, guesses, probs))
    assert report["commands_right"] == 1
    assert report["command_errors"] == {"nothing read": 1}
    assert report["off_topic_read_as_calls"] == 1
    bands = report["unread_commands_by_guess_likelihood"]
    assert bands["0.6-0.7"] == {"commands": 1, "right_if_filled": 1, "off_topic_filled": 0}
    assert bands["0.5-0.6"] == {"commands": 0, "right_if_filled": 0, "off_topic_filled": 1}
    total = summed({"a": report, "b": report})
    assert total["commands"] == 4 and total["off_topic_read_as_calls"] == 2
    assert total["command_errors"] == {"nothing read": 2}
