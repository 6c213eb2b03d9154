"""Replies to turns that ask for no change: approval is answered, not met with the help text."""

from __future__ import annotations

from typing import Any, cast

import pytest

from voicertc.assistant import dialogue, small_talk
from voicertc.assistant.brains import AssistantBrain
from voicertc.assistant.followups import FollowUps
from voicertc.effects.chain import EffectChain
from voicertc.effects.tools import handle_tool_call


def _said(text: str) -> str | None:
    intent = dialogue.understand(text)
    return intent.text if isinstance(intent, dialogue.Say) else None


@pytest.mark.parametrize(
    "text",
    ["that's much better", "that's good", "wow that's amazing", "sounds perfect", "ok great", "love it"],
)
def test_approval_is_answered_as_such(text: str) -> None:
    assert _said(text) == small_talk.APPROVED


@pytest.mark.parametrize(
    "text",
    ["thanks for the help today", "thank you so much for all your help", "I really appreciate the help"],
)
def test_thanks_for_the_help_is_thanks(text: str) -> None:
    # "help" asked for the help text; help had is thanked for (session 26)
    assert _said(text) == "You're welcome."


@pytest.mark.parametrize("text", ["leave it", "keep it like that", "that's perfect, leave it"])
def test_keeping_it_is_acknowledged(text: str) -> None:
    assert _said(text) == small_talk.APPROVED


@pytest.mark.parametrize("text", ["that's not good", "that's too much", "that's better but still too much"])
def test_approval_with_a_complaint_is_no_approval(text: str) -> None:
    assert _said(text) not in (small_talk.APPROVED, "Glad you like it.")


@pytest.mark.parametrize("text", ["keep the reverb", "that's good but more reverb", "leave the delay on"])
def test_an_effect_named_is_still_a_command(text: str) -> None:
    assert isinstance(dialogue.understand(text), dialogue.ToolCall)


def test_thanks_and_greetings_keep_their_replies() -> None:
    assert _said("thanks a lot") == "You're welcome."
    assert _said("um, well, thanks a lot") == "You're welcome."  # fillers side by side
    assert _said("perfect") == "Glad you like it."
    assert _said("hello there") == dialogue.lx.GREETING


@pytest.mark.parametrize("text", ["undo", "undo it", "undo the last change", "go back"])
def test_an_undo_with_nothing_to_undo_says_so(text: str) -> None:
    assert _said(text) == small_talk.NOTHING_TO_UNDO


def test_an_undo_after_a_change_takes_it_back() -> None:
    session = FollowUps()
    session.understand_all("add some reverb")
    undone = session.understand_all("undo the last change")
    assert undone == [dialogue.ToolCall(dialogue.APPLY, {"effect": "reverb", "action": "remove"})]


def test_say_that_again_repeats_the_last_answer() -> None:
    brain = AssistantBrain(cast(Any, None))  # understanding needs no speech
    assert brain.understand("what", b"") == dialogue.Say(dialogue.FALLBACK_TEXT)  # nothing said yet
    call = brain.understand("add some reverb", b"")
    assert isinstance(call, dialogue.ToolCall)
    answer = brain.reply_after_tool(call.name, handle_tool_call(EffectChain(), call.name, call.arguments))
    assert brain.understand("sorry, what did you say?", b"") == answer
    assert brain.understand("say that again please", b"") == answer
    assert brain.understand("oh, um, well, sorry?", b"") == answer  # the fillers every reply drops
    help_text = brain.understand("help", b"")
    assert brain.understand("come again?", b"") == help_text
