"""Sentences said to someone else, or asking why, ask nothing of this sound."""

from __future__ import annotations

import pytest

from voicertc.assistant import addressee, declined, dialogue
from voicertc.assistant.addressee import addressed_elsewhere, not_for_us, purpose_asked, told_to_someone
from voicertc.assistant.words import tokens


@pytest.mark.parametrize(
    "said", ["Alexa, set a timer for ten minutes", "hey Siri, turn it up", "okay google add reverb",
             "honey, turn the TV down"],
)  # fmt: skip
def test_another_listener_called_first(said: str) -> None:
    assert addressed_elsewhere(tokens(said)) and not_for_us(tokens(said))


@pytest.mark.parametrize("said", ["okay, add reverb", "hey, turn it up", "the google doc is long"])
def test_said_to_us(said: str) -> None:
    assert not addressed_elsewhere(tokens(said))


def test_a_person_told_how_loud_to_be() -> None:
    assert told_to_someone(tokens("could you sing a bit quieter"))
    assert not told_to_someone(tokens("when I sing louder it distorts"))


def test_asking_why() -> None:
    assert purpose_asked(tokens("turn up for what"))


@pytest.mark.parametrize(
    "text",
    ["you're too loud", "you are way too quiet", "can you talk slower", "you sound robotic",
     "your voice is too loud", "speak slower", "talk faster"],
)  # fmt: skip
def test_the_assistants_own_voice_is_no_effect_to_change(text: str) -> None:
    assert addressee.about_the_assistant(tokens(text))
    intent = dialogue.understand(text)
    assert isinstance(intent, dialogue.Say) and intent.text == declined.MY_VOICE_TEXT


@pytest.mark.parametrize(
    ("text", "effect"),
    [("could you make me louder", "gain"),
     ("you know what, add some reverb", "reverb")],
)  # fmt: skip
def test_you_in_a_request_is_still_a_request(text: str, effect: str) -> None:
    assert not addressee.about_the_assistant(tokens(text))
    intent = dialogue.understand(text)
    assert isinstance(intent, dialogue.ToolCall) and intent.arguments["effect"] == effect


def test_a_complaint_of_the_callers_own_level_is_not_of_the_assistant() -> None:
    assert not addressee.about_the_assistant(tokens("you're making me too loud"))


@pytest.mark.parametrize(
    "text",
    [
        "can you hear me",
        "hello, can anybody hear me?",
        "is this thing on",
        "testing one two three",
        "check check",
    ],
)
def test_a_caller_checking_the_line_is_told_they_are_heard(text: str) -> None:
    intent = dialogue.understand(text)
    assert isinstance(intent, dialogue.Say) and intent.text == dialogue.lx.HEARD


def test_asking_what_was_just_done_lists_the_effects() -> None:
    assert dialogue.understand("what did you just do") == dialogue.ToolCall(dialogue.GET, {})


@pytest.mark.parametrize("text", ["mute me", "can you mute my mic", "unmute me"])
def test_muting_is_the_calls_not_an_effect(text: str) -> None:
    intent = dialogue.understand(text)
    assert isinstance(intent, dialogue.Say) and intent.text == declined.MUTE_TEXT


@pytest.mark.parametrize("text", ["I can't hear you", "i cant hear anything"])
def test_hearing_nothing_points_at_the_speaker(text: str) -> None:
    intent = dialogue.understand(text)
    assert isinstance(intent, dialogue.Say) and intent.text == declined.UNHEARD_TEXT


@pytest.mark.parametrize(
    ("text", "effect"), [("mute the reverb", "reverb"), ("I can't hear the highs anymore", "lowpass")]
)
def test_an_effect_muted_or_missed_is_still_a_command(text: str, effect: str) -> None:
    assert addressee.about_the_call(tokens(text)) is None
    intent = dialogue.understand(text)
    assert isinstance(intent, dialogue.ToolCall) and intent.arguments["effect"] == effect


def test_another_callers_sound_is_theirs() -> None:
    # tune8: said to someone else on the call, of their mic; the assistant has neither
    assert not_for_us(tokens("Jordan, your mic is way too loud, can you turn it down on your end?"))
    assert not not_for_us(tokens("my mic is way too loud, turn it down"))


@pytest.mark.parametrize("said", ["do you ever get tired of adding reverb", "do you use reverb yourself"])
def test_the_assistant_asked_of_its_own_habits_is_no_request(said: str) -> None:
    assert not_for_us(tokens(said))
    assert isinstance(dialogue.understand(said), dialogue.Say)


def test_asked_to_do_it_itself_is_a_request() -> None:
    assert not not_for_us(tokens("could you add the reverb yourself"))


def test_the_assistants_volume_and_hearing_it_barely_are_not_the_callers_gain() -> None:
    from voicertc.assistant.clauses import understand_all

    for said in ("your volume is too loud", "I can barely hear you"):
        assert not any(isinstance(i, dialogue.ToolCall) for i in understand_all(said))
