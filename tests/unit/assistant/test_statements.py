"""Sentences that use an effect's word and ask for nothing (statements.py), on sentences
written for these tests; and the commands beside them that must stay commands."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant import dialogue, statements
from voicertc.assistant.dialogue import Say, ToolCall, understand


@pytest.mark.parametrize(
    "said",
    [
        "sorry for the delay in replying",
        "no pain no gain, as they say",
        "we need a high level plan",
        "that takes it to the next level",
        "actions speak louder than words",
        "the truck is much louder than the bus",
        "she is trying to gain some weight",
        "they will gain the upper hand",
        "what a beautiful hall",
        "some people love fuzz on everything",
        "I used to think compression was cheating",
        "the music shop up the road sells a compressor worth more than my guitar",
        "my phone's volume button is broken",
        "the reverb on that old record is famous",
        "he gained the lead in the last lap",
        "the echo dot was cheap",
        "we're off to the concert hall tonight",
        "the distortion in this mirror is odd",
        # an effect's box, owned or waited for: a story about the thing
        "the reverb tank in my amp rattles",
        "the delay pedal I ordered hasn't arrived",
        "that distortion box they sent me buzzes",
        "our compressor rack arrives tomorrow",
        "I left my reverb unit at the studio",
        # a person told how loud to be
        "shout louder",
        "could you sing a bit quieter",
        "please talk louder, I can't hear you",
        # asking why
        "turn up for what",
        "louder, what for",
        # the level of a place without someone
        "it's so quiet without the kids",
        "it's too quiet without anyone here",
    ],
)
def test_statements_ask_for_nothing(said: str) -> None:
    intent = understand(said)
    assert isinstance(intent, Say), intent


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("make it louder than the music", call("gain", "increase")),
        ("make the delay longer than that", call("delay", "increase")),
        ("add some gain", call("gain", "add")),
        ("I want more gain", call("gain", "increase")),
        ("the delay is too long", call("delay", "decrease")),
        ("drive at thirty percent", call("distortion", "set", 30, "percent")),
        ("the reverb is at thirty percent", call("reverb", "set", 30, "percent")),
        ("the echo is off now", call("delay", "remove")),
        ("give me a delay pedal sound", call("delay", "add")),  # asked for, with a verb
        ("make it sound like a reverb tank", call("reverb", "add")),
        ("the delay pedal sound please", call("delay", "add")),  # nothing said of the box
        ("a reverb tank please", call("reverb", "add")),
        ("louder please", call("gain", "increase")),  # no one else's voice
        ("make me louder", call("gain", "increase")),
        ("turn up the reverb for the chorus", call("reverb", "increase")),  # "for" something, not why
        ("it's too quiet without the reverb", call("reverb", "increase")),  # without an effect: ours
        ("it's too quiet without my mic", call("gain", "increase")),
    ],
)
def test_commands_beside_them_stay_commands(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


def test_verb_use_needs_the_verb_frame() -> None:
    assert statements.verb_use("we want to gain the lead".split(), "gain")
    assert not statements.verb_use("turn the gain up".split(), "gain")
    assert statements.verb_use("i drive to work".split(), "drive")
    assert not statements.verb_use("more drive please".split(), "drive")


def test_comparison_of_the_users_own_sound_is_not_other_things() -> None:
    assert statements.compares_other_things("the car is louder than the train".split())
    assert not statements.compares_other_things("i am quieter than the band".split())
    assert not statements.compares_other_things("than".split())


def test_non_actions_are_blanked_and_exclamations_found() -> None:
    assert " down " not in dialogue.blank(" the shop down the road ", statements.NOT_ACTIONS)
    assert statements.exclamation("what a nice room".split())
    assert not statements.exclamation("what effects are on".split())


def test_a_box_needs_an_effect_or_an_owner_before_it() -> None:
    assert statements.gear("the delay pedal is noisy".split())
    assert statements.gear("my amp is humming".split())
    assert not statements.gear("the box is on the table".split())  # no effect's, no one's
    assert not statements.gear("a delay pedal please".split())  # no story opening


@pytest.mark.parametrize(
    "said",
    ["please don't change the delay", "it's fine, don't bother with the delay",
     "wait, don't remove the reverb yet", "don't mess with the compressor"],
)  # fmt: skip
def test_a_change_forbidden_leaves_the_effects(said: str) -> None:
    assert statements.hands_off(dialogue.lx.padded(dialogue.tokens(said)))


def test_a_pass_in_a_game_and_a_gain_against_a_loss_are_no_effects() -> None:
    for said in ("he made a low pass to the winger", "my loss is your gain"):
        assert isinstance(understand(said), Say)
    assert understand("set the low pass to 2000") == call("lowpass", "set", 2000)


def test_a_change_forbidden_then_a_request_asks() -> None:
    text = dialogue.lx.padded(dialogue.tokens("don't turn off the echo, make it quieter"))
    assert not statements.hands_off(text)
