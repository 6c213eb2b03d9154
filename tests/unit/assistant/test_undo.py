"""An undo of a setting puts back what the chain held before it, as the tool's outputs
showed it (undo.py); a session that has seen no output cannot, and says so."""

from __future__ import annotations

from typing import Any, cast

from support.chained_followups import session
from support.tool_calls import call

from voicertc.assistant import small_talk
from voicertc.assistant.brains import AssistantBrain
from voicertc.assistant.dialogue import Say, ToolCall
from voicertc.assistant.undo import taking_back
from voicertc.effects.chain import EffectChain
from voicertc.effects.tools import handle_tool_call


def test_undo_of_a_setting_puts_the_old_value_back() -> None:
    read, chain = session("add a delay", "set the delay to 500 ms", "undo that")
    assert read == [call("delay", "set", 300)]
    assert chain.to_list()[0]["params"]["time_ms"] == 300


def test_a_named_or_implied_parameter_is_the_one_put_back() -> None:
    read, chain = session("add reverb", "set the reverb mix to 60 percent", "scratch that")
    assert read == [call("reverb", "set", 30)]  # the mix is the main parameter
    assert chain.to_list()[0]["params"]["mix"] == 30
    read, chain = session("add reverb", "make the reverb 3 seconds long", "go back")
    assert read == [call("reverb", "set", 2, param="decay_s")]
    assert chain.to_list()[0]["params"]["decay_s"] == 2


def test_a_setting_that_put_the_effect_on_is_undone_by_taking_it_off() -> None:
    read, chain = session("add reverb", "set the delay to 400 ms", "undo")
    assert read == [call("delay", "remove")]
    assert chain.effects == ["reverb"]


def test_an_undo_of_the_undo_sets_it_again() -> None:
    read, _ = session("add a delay", "set the delay to 500 ms", "undo that", "undo that")
    assert read == [call("delay", "set", 500)]


def test_with_no_chain_seen_the_setting_is_not_undone() -> None:
    [read], _ = session("set the delay to 250 ms", "undo that")
    assert isinstance(read, Say)
    assert taking_back(None, {"effect": "delay", "action": "set", "value": 250}) is None


def test_steps_and_removals_are_undone_as_before() -> None:
    assert session("add a delay", "more feedback on the echo", "undo")[0] == [
        call("delay", "decrease", param="feedback")
    ]
    assert session("add a delay", "take the delay off", "undo")[0] == [call("delay", "add")]


def test_the_brain_shows_the_follow_ups_each_tool_output() -> None:
    brain = AssistantBrain(cast(Any, None))  # understanding needs no speech
    chain = EffectChain()
    for said in ("add a delay", "set the delay to 450 ms"):
        intent = brain.understand(said, b"")
        assert isinstance(intent, ToolCall)
        brain.reply_after_tool(intent.name, handle_tool_call(chain, intent.name, intent.arguments))
    assert brain.understand("undo that", b"") == call("delay", "set", 300)


def test_an_add_with_a_value_on_an_effect_already_on_is_undone_as_a_setting() -> None:
    read, _ = session("add a compressor", "compressor release 400", "undo that")
    assert read == [call("compressor", "set", 250, param="release_ms")]
    read, _ = session("put an echo on", "echo feedback 60 percent", "too many repeats, go back")
    assert [r.arguments.get("action") for r in read if isinstance(r, ToolCall)] == ["set"]


def test_an_add_with_a_value_on_an_effect_that_was_off_is_still_undone_by_removal() -> None:
    read, _ = session("add some reverb", "compressor release 400", "undo that")
    assert read == [call("compressor", "remove")]


def test_an_undo_after_a_reset_puts_back_every_effect_as_it_was() -> None:
    turns = ("add a low pass at 1000 hertz", "add a compressor", "set the ratio to 8", "add a delay",
             "make the delay 500 ms", "add some gain", "turn the gain up by 3 dB")  # fmt: skip
    before = session(*turns)[1].to_list()
    read, chain = session(*turns, "reset everything", "undo that")
    assert [(i.arguments["effect"], i.arguments["action"]) for i in read if isinstance(i, ToolCall)] == [
        ("lowpass", "add"),
        ("lowpass", "set"),
        ("compressor", "add"),
        ("compressor", "set"),
        ("delay", "add"),
        ("delay", "set"),
        ("gain", "add"),
        ("gain", "set"),
    ]
    assert chain.to_list() == before


def test_putting_back_is_for_the_turn_after_the_reset_only() -> None:
    read, chain = session("add some reverb", "reset everything", "bring it back", "undo")
    assert [e["effect"] for e in chain.to_list()] == ["reverb"]  # put back once, not twice
    assert read == [Say(small_talk.NOTHING_TO_UNDO)]
    read, chain = session("add some reverb", "reset everything", "add a delay", "undo")
    assert [e["effect"] for e in chain.to_list()] == []  # the undo is the delay's
