"""FollowUps: "more", "too much", "take it off" after a command, about the effect it changed."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant.dialogue import GET, Say, ToolCall, understand
from voicertc.assistant.followups import FollowUps


def after(command: str) -> FollowUps:
    follow = FollowUps()
    intent = understand(command)
    assert isinstance(intent, ToolCall), intent
    follow.heard(intent)
    return follow


@pytest.mark.parametrize(
    ("said", "action"),
    [
        ("more", "increase"),
        ("a little more please", "increase"),
        ("still not enough", "increase"),
        ("less", "decrease"),
        ("that's way too much", "decrease"),
        ("not so much", "decrease"),
        ("take it off", "remove"),
        ("just lose it", "remove"),
    ],
)
def test_a_follow_up_is_about_the_last_effect_changed(said: str, action: str) -> None:
    assert after("put some distortion on").read(said) == call("distortion", action)


def test_a_stepped_parameter_is_stepped_again() -> None:
    follow = after("more feedback on the echo")
    assert follow.read("even more") == call("delay", "increase", param="feedback")
    assert follow.read("get rid of it") == call("delay", "remove")


@pytest.mark.parametrize("said", ["tell me a joke", "more money", "I want more friends", "", "what"])
def test_anything_else_is_not_a_follow_up(said: str) -> None:
    assert after("add some reverb").read(said) is None


def test_nothing_to_follow_before_a_command_after_a_removal_or_a_reset() -> None:
    assert FollowUps().read("more") is None
    assert after("remove the reverb").read("more") is None
    assert after("clear everything").read("more") is None
    follow = after("add some reverb")
    follow.heard(ToolCall(GET, {}))  # a question about the chain leaves the last change as it was
    assert follow.read("more") == call("reverb", "increase")


def test_understand_reads_alone_first_then_as_a_follow_up_and_remembers_what_it_took() -> None:
    session = FollowUps()
    assert not isinstance(session.understand("a bit more"), ToolCall)  # nothing changed yet
    assert session.understand("put a delay on") == call("delay", "add")
    assert session.understand("a bit more") == call("delay", "increase", param="mix")  # more echo heard
    assert session.understand("more reverb") == call("reverb", "increase")  # named: read alone
    assert session.understand("too much") == call("reverb", "decrease")


def conversation(*turns: str) -> list[object]:
    session = FollowUps()
    return [session.understand(turn) for turn in turns]


def test_more_keeps_the_way_the_last_change_went_and_too_far_goes_back() -> None:
    assert conversation("lower the volume by 3 dB", "further", "that's too far")[1:] == [
        call("gain", "decrease"),
        call("gain", "increase"),
    ]
    assert conversation("turn the reverb up", "hmm, a notch more")[1] == call("reverb", "increase")


def test_undo_takes_back_the_last_change_and_a_removed_effect_can_come_back() -> None:
    assert conversation("more feedback on the echo", "scratch that")[1] == call(
        "delay", "decrease", param="feedback"
    )
    assert conversation("put a flanger... no, put a delay on", "undo")[1] == call("delay", "remove")
    assert conversation("take the reverb off", "bring it back")[1] == call("reverb", "add")
    assert conversation("take the reverb off", "undo that")[1] == call("reverb", "add")
    assert not isinstance(
        conversation("set the delay to 250 ms", "undo that")[1], ToolCall
    )  # old value unknown: no tool output has shown the chain (``test_undo.py``)


def test_the_last_clause_says_it() -> None:
    assert conversation("add some fuzz", "oh no, way too much, lose it")[1] == call("distortion", "remove")
    assert conversation("add some fuzz", "too much. A little less.")[1] == call("distortion", "decrease")


def test_a_turn_naming_only_an_effect_does_the_last_thing_to_it() -> None:
    assert conversation("turn the delay up", "now the reverb")[1] == call("reverb", "increase")
    assert conversation("take the compressor off", "and the low pass too")[1] == call("lowpass", "remove")
    assert conversation("add a compressor", "No, the distortion.")[1] == call("distortion", "add")
    assert conversation("add a compressor", "sorry, I meant the echo")[1] == call("delay", "add")
    assert conversation("No, reverb.")[0] == call("reverb", "remove")  # nothing to correct yet


def test_a_value_a_parameter_or_it_without_an_effect_is_about_the_last_one() -> None:
    last = "set the low pass to 2 kilohertz"
    assert conversation(last, "make that 3000")[1] == call("lowpass", "set", value=3000)
    assert conversation(last, "raise it a little")[1] == call("lowpass", "increase")
    assert conversation(last, "more resonance")[1] == call("lowpass", "increase", param="q")
    assert conversation("add a delay", "turn it up")[1] == call("delay", "increase")
    # wetter: more of the wet signal, the delay's mix
    assert conversation("add a delay", "make it wetter")[1] == call("delay", "increase", param="mix")
    assert conversation("more feedback on the echo", "a little lower")[1] == call(
        "delay", "decrease", param="feedback"
    )


def test_words_about_the_sound_itself_keep_their_own_reading() -> None:
    assert conversation("add a delay", "make it louder")[1] == call("gain", "increase")
    assert conversation("add a delay", "make it brighter")[1] == understand("make it brighter")


@pytest.mark.parametrize(
    "said",
    ["turn off the lights", "what time is it", "I want it back home", "no, I'm fine", "keep it simple",
     "that was fun", "I like it", "leave it"],
)  # fmt: skip
def test_chat_after_a_command_still_asks_for_nothing(said: str) -> None:
    assert not isinstance(conversation("put a delay on", said)[1], ToolCall)


def test_a_value_said_alone_is_the_last_effects_new_setting() -> None:
    last = "set the high pass to 200 hz"
    assert conversation(last, "try 300")[1] == call("highpass", "set", value=300, unit="hz")  # the last unit
    assert conversation(last, "how about 150 hertz")[1] == call("highpass", "set", value=150, unit="hz")


def test_halves_doubles_and_speeds_are_of_the_last_effect() -> None:
    assert conversation("set the delay to 400 ms", "cut it in half")[1] == call(
        "delay", "decrease", value=50.0, unit="percent"
    )
    assert conversation("add a delay", "twice as long")[1] == call(
        "delay", "increase", value=100.0, unit="percent"
    )
    assert conversation("add some reverb", "cut it in half")[1] == call(
        "reverb", "decrease", value=0.5, unit="fraction"
    )  # half its mix, not the reverb off
    assert conversation("add a delay", "a bit faster")[1] == call("delay", "decrease")  # a shorter time


def test_subtler_is_less_of_it_and_going_back_is_an_undo() -> None:
    assert conversation("add some reverb", "more subtle")[1] == call("reverb", "decrease")
    assert conversation("add some reverb", "it's way too strong")[1] == call("reverb", "decrease")
    assert conversation("turn the reverb up", "go back to how it was")[1] == call("reverb", "decrease")
    assert conversation("turn the reverb up", "do the same to the delay")[1] == call("delay", "increase")


def test_reset_that_is_the_last_effect_and_reset_everything_the_chain() -> None:
    assert conversation("add some reverb", "reset that")[1] == call("reverb", "reset")
    assert conversation("add some reverb", "reset everything")[1] == call(None, "reset")


def test_liking_the_change_is_answered_and_changes_nothing() -> None:
    for said in ("perfect", "that's great", "keep that"):
        reply = conversation("add some reverb", said)[1]
        assert isinstance(reply, Say) and "leave it" in reply.text
    assert conversation("add some reverb", "that's better, a little more")[1] == call("reverb", "increase")


def test_an_unnamed_cutoff_is_the_filter_last_touched_even_after_another_effect() -> None:
    # The session's one memory serves the offline brain and the Live upstream alike.
    assert conversation("cut the lows", "raise the cutoff a touch")[1] == call("highpass", "increase")
    assert conversation("cut the lows", "add some reverb", "lower the cutoff")[2] == call(
        "highpass", "decrease"
    )
    assert conversation("add some reverb", "lower the cutoff")[1] == call("lowpass", "decrease")
