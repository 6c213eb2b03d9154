"""The sentence reader's guess beside the rules: it fills a turn the rules read nothing
in and declines a command they read where it is sure there is none; its weights ship in
the package."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from voicertc.assistant import dialogue
from voicertc.assistant.brains import AssistantBrain
from voicertc.assistant.followups import FollowUps
from voicertc.assistant.reader.head import (
    ACTIONS,
    EFFECTS,
    FILL,
    VETO,
    Doubt,
    Guess,
    Head,
    combined,
    rules_arguments,
)
from voicertc.assistant.speechpool import SpeechPool

NOTHING = [dialogue.Say(dialogue.FALLBACK_TEXT)]
REVERB = [dialogue.ToolCall(dialogue.APPLY, {"effect": "reverb", "action": "add"})]


def test_a_sure_guess_fills_what_the_rules_read_nothing_in_with_their_value() -> None:
    guess = Guess("delay", FILL, "set", 0.1)
    filled = combined(NOTHING, guess, rules_arguments("the wobble at 300 ms"))
    assert filled == [
        dialogue.ToolCall(dialogue.APPLY, {"effect": "delay", "action": "set", "value": 300, "unit": "ms"})
    ]
    unsure = Guess("delay", FILL - 0.01, "add", 0.1)
    assert combined(NOTHING, unsure, rules_arguments("the wobble")) == NOTHING
    reset = Guess("reset", 0.99, "remove", 0.0)
    assert combined(NOTHING, reset, rules_arguments("start over")) == [
        dialogue.ToolCall(dialogue.APPLY, {"action": "reset"})
    ]


def test_a_fill_takes_the_direction_the_rules_read() -> None:
    """The head's action guess takes a loud complaint for a boost; the amount said decides."""
    boost = Guess("gain", 0.95, "increase", 0.01)
    assert combined(NOTHING, boost, rules_arguments("the wobble is cranked way too loud")) == [
        dialogue.ToolCall(dialogue.APPLY, {"effect": "gain", "action": "decrease"})
    ]


def test_an_answer_other_than_the_fallback_is_never_filled() -> None:
    answer = [dialogue.Say(dialogue.HELP_TEXT)]
    assert combined(answer, Guess("reverb", 0.99, "add", 0.0), rules_arguments("help")) == answer


def test_a_command_is_declined_only_where_the_guess_is_sure_it_is_none() -> None:
    assert combined(REVERB, Guess("none", VETO, "add", VETO), rules_arguments("")) == NOTHING
    assert combined(REVERB, Guess("none", 0.8, "add", 0.8), rules_arguments("")) == REVERB
    assert combined(REVERB, Guess("none", 1.0, "add", 1.0), rules_arguments(""), veto=None) == REVERB


def test_the_veto_spares_an_order_and_a_reset() -> None:
    """Session 33: a sentence opening with a verb of change, and a reset, are kept however sure
    the head is that they are small talk; a change said otherwise is still declined."""
    sure = Guess("none", 0.99, "remove", 0.99)
    killed = [dialogue.ToolCall(dialogue.APPLY, {"effect": "distortion", "action": "remove"})]
    ordered = "kill the overdrive, my aunt is listening"
    assert combined(killed, sure, rules_arguments(""), said=ordered) == killed
    told = "the overdrive is gone at last"
    assert combined(killed, sure, rules_arguments(""), said=told) == NOTHING
    late = "hold on, the bride is here, kill the overdrive please"  # an order in a later clause
    assert combined(killed, sure, rules_arguments(""), said=late) == killed
    reset = [dialogue.ToolCall(dialogue.APPLY, {"effect": "reverb", "action": "reset"})]
    stock = "factory settings on the hall"
    assert combined(reset, sure, rules_arguments(""), said=stock) == reset
    # (session 35) a reset told of is not spared: "the router had a reset last night"
    cleared = [dialogue.ToolCall(dialogue.APPLY, {"action": "reset"})]
    assert combined(cleared, sure, rules_arguments(""), said="the router had a reset last night") == NOTHING
    # (session 36) nor a reset that is a thing of its own: "the reset after each round is thirty seconds"
    assert (
        combined(cleared, sure, rules_arguments(""), said="the reset after each round is thirty seconds")
        == NOTHING
    )


@pytest.mark.parametrize(
    ("said", "spared"),
    [
        ("the little ones are scared, computer, less distortion on me", True),  # called by name
        ("the director says the robot voice is too much, less distortion on me", True),  # passed on
        ("the director says the robot voice is too much", False),  # an opinion
        ("distortion at twenty for the bridge", True),  # a setting said short, the effect first
        ("reverb time point nine seconds, lovely and tight", True),
        ("minus two on me, not the keys", True),
        # session 35: an amount of an effect wished by its name, an order after a time said
        ("less distortion, my editor thinks it's too much", True),
        ("a bit more fuzz, my editor thinks it's too little", True),
        ("the fuzz was a bit more than my editor wanted", False),  # a story
        ("after this chapter ends make the distortion less", True),
        ("after I make the tea, the distortion", False),  # the speaker's own doing, not an order
        ("low pass at eight k for the late show", True),  # a filter's two-word name
        ("my listeners keep wincing, soften the distortion before the next song", True),  # its verb
        # session 36: a short setting said on or off, "ease" as an order
        ("distortion off, I've got a pan in each hand", True),
        ("ease the distortion back, my neighbour's banging on the wall", True),
        ("the distortion off the old record was lovely", False),  # no clause of its own
        # session 44: how an effect could be, asked; a few more of it wished
        ("can the distortion be heavier?", True),
        ("shouldn't the distortion be lighter on me?", True),
        ("thanks, that's better, now a few more repeats", True),
        ("the distortion could be what's wrong", False),  # no "be" of how it could sound
        # session 49: a step said short with its amount, the effect first
        ("distortion down by twenty", True),
        ("the distortion was up by twenty percent last year", False),
    ],
)
def test_the_veto_spares_the_assistant_called_by_name_and_a_wish_passed_on(said: str, spared: bool) -> None:
    """Session 34: a change asked of the assistant by one of its names, someone's wish the
    speaker orders, or a setting said short is kept; the same wish told as an opinion is not."""
    sure = Guess("none", 0.99, "decrease", 0.99)
    less = [dialogue.ToolCall(dialogue.APPLY, {"effect": "distortion", "action": "decrease"})]
    assert combined(less, sure, rules_arguments(""), said=said) == (less if spared else NOTHING)


def test_a_question_about_the_chain_is_never_declined() -> None:
    # The head knows effect changes only: to it, asking what is on is no command at all.
    sure = Guess("none", 0.99, "add", 0.99)
    for said in ("which effects do I have on right now", "tell me what's in the chain"):
        intents = FollowUps().understand_all(said)
        assert intents == [dialogue.ToolCall("get_effects", {})], said
        assert combined(intents, sure, rules_arguments(said)) == intents


def test_in_a_session_a_filled_command_is_followed_up_and_a_follow_up_is_not_declined() -> None:
    session = FollowUps()
    assert session.understand_all("zap the wobble", Guess("delay", 0.9, "add", 0.05)) == [
        dialogue.ToolCall(dialogue.APPLY, {"effect": "delay", "action": "add"})
    ]
    # "a bit more" alone is no command, so a sure "none" leaves the follow-up reading alone
    more = session.understand_all("a bit more", Guess("none", 0.99, "add", 0.99))
    assert isinstance(more[0], dialogue.ToolCall) and more[0].arguments["effect"] == "delay"
    # (not an order: one opening with a verb of change is spared)
    liked = FollowUps().understand_all("I'd like some reverb please", Guess("none", 0.95, "add", 0.95))
    assert liked == NOTHING
    # a turn of three words or fewer keeps the rules' reading: too short for the reader to decline
    short = FollowUps().understand_all("add some reverb", Guess("none", 0.95, "add", 0.95))
    assert short == [dialogue.ToolCall(dialogue.APPLY, {"effect": "reverb", "action": "add"})]


def test_an_approval_is_never_filled_even_with_no_change_to_approve() -> None:
    # conversations2's "perfect, leave it there" was filled as reverb at 0.75
    sure = Guess("reverb", 0.95, "add", 0.01)
    for said in ("perfect, leave it there", "that's great, keep it", "yeah that's the one"):
        assert not any(isinstance(i, dialogue.ToolCall) for i in FollowUps().understand_all(said, sure)), said
    assert FollowUps().understand_all("zap the wobble", sure)[0] == REVERB[0]


def test_the_head_round_trips_and_the_shipped_one_fits_the_effects(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    head = Head(rng.standard_normal(384), 0.5, rng.standard_normal((385, 9)), rng.standard_normal((385, 5)))
    head.save(tmp_path / "head.npz")
    again = Head.load(tmp_path / "head.npz")
    vector = rng.standard_normal(384).astype(np.float32)
    assert again.guess(vector).effect == head.guess(vector).effect
    shipped = Head.load()
    assert shipped.hidden_w is None  # the regressions (session 31 measured a hidden layer, not kept)
    assert shipped.effect_w.shape == (385, len(EFFECTS)) and shipped.action_w.shape == (385, len(ACTIONS))
    guess = shipped.guess(vector / np.linalg.norm(vector))
    assert guess.effect in EFFECTS and 0 <= guess.none <= 1


def test_a_head_with_a_hidden_layer_round_trips(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    hidden = rng.standard_normal((385, 16))
    effect_w, action_w = rng.standard_normal((17, 9)), rng.standard_normal((17, 5))
    head = Head(rng.standard_normal(384), 0.5, effect_w, action_w, hidden)
    head.save(tmp_path / "head.npz")
    again = Head.load(tmp_path / "head.npz")
    assert again.hidden_w is not None and again.hidden_w.shape == (385, 16)
    vectors = rng.standard_normal((20, 384))
    assert np.allclose(again.probabilities(vectors)[0], head.probabilities(vectors)[0], atol=1e-4)


def test_the_brain_uses_a_guess_only_for_the_text_it_was_made_of() -> None:
    brain = AssistantBrain(SpeechPool())  # no process starts: only text is read
    brain.heard("zap the wobble", Guess("delay", 0.9, "add", 0.05))
    assert brain.understand("zap the wobbles", b"") == NOTHING[0]  # another text: the rules alone
    assert brain.understand("zap the wobble", b"") == dialogue.ToolCall(
        dialogue.APPLY, {"effect": "delay", "action": "add"}
    )


def test_a_transcript_the_recogniser_doubted_needs_a_surer_guess() -> None:
    doubt = Doubt(below=-0.5, fill=0.9, veto=0.6)
    wobble = rules_arguments("zap the wobble")
    fairly_sure = Guess("delay", 0.8, "add", 0.1, heard=-0.7)
    assert combined(NOTHING, fairly_sure, wobble, doubt=doubt) == NOTHING
    assert combined(NOTHING, dataclasses.replace(fairly_sure, heard=-0.3), wobble, doubt=doubt) != NOTHING
    assert combined(NOTHING, dataclasses.replace(fairly_sure, heard=None), wobble, doubt=doubt) != NOTHING
    assert combined(NOTHING, dataclasses.replace(fairly_sure, likelihood=0.9), wobble, doubt=doubt) != NOTHING
    # and a command read in it is declined on a less sure "none"
    maybe_none = Guess("none", 0.7, "add", 0.7, heard=-0.7)
    assert combined(REVERB, maybe_none, wobble, doubt=doubt) == NOTHING
    assert combined(REVERB, dataclasses.replace(maybe_none, heard=-0.3), wobble, doubt=doubt) == REVERB
    # a half switched off stays off
    assert combined(REVERB, maybe_none, wobble, veto=None, doubt=doubt) == REVERB
    assert (
        combined(NOTHING, dataclasses.replace(fairly_sure, likelihood=0.95), wobble, fill=None, doubt=doubt)
        == NOTHING
    )


def test_a_recognised_transcript_needs_a_surer_guess_than_typed_text() -> None:
    doubt = Doubt(below=-0.6, fill=0.95, veto=VETO, heard_fill=0.85)
    wobble = rules_arguments("zap the wobble")
    typed = Guess("delay", 0.8, "add", 0.1)
    assert combined(NOTHING, typed, wobble, doubt=doubt) != NOTHING
    assert combined(NOTHING, dataclasses.replace(typed, heard=-0.1), wobble, doubt=doubt) == NOTHING
    sure = Guess("delay", 0.9, "add", 0.05, heard=-0.1)
    assert combined(NOTHING, sure, wobble, doubt=doubt) != NOTHING
    assert combined(NOTHING, dataclasses.replace(sure, heard=-0.8), wobble, doubt=doubt) == NOTHING
    # the shipped rule reads a transcript Whisper was sure of as text (session 31), and asks
    # more of one it doubted
    assert combined(NOTHING, typed, wobble) != NOTHING
    assert combined(NOTHING, dataclasses.replace(typed, heard=-0.1), wobble) != NOTHING
    assert combined(NOTHING, dataclasses.replace(typed, heard=-0.8), wobble) == NOTHING
