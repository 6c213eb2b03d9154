"""A request for an effect or a voice change the chain has not got is declined by name,
not answered with the generic fallback; an everyday sense of the same word still is."""

from __future__ import annotations

from typing import Any, cast

import pytest

from voicertc.assistant import dialogue
from voicertc.assistant.brains import AssistantBrain, Calls
from voicertc.assistant.clauses import declined, understand_all
from voicertc.assistant.declined import NOT_FOR_SOUND_TEXT
from voicertc.assistant.followups import FollowUps
from voicertc.assistant.reader.head import Guess, combined, rules_arguments
from voicertc.assistant.unsupported import CAN_DO, declines, declining


def _said(text: str) -> str:
    (intent,) = understand_all(text)
    assert isinstance(intent, dialogue.Say)
    return intent.text


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("could you put a bit of chorus on my vocals", "chorus"),
        ("chorus please", "chorus"),
        ("I'd like a flanger on this", "a flanger"),
        ("ok then, a flanger", "a flanger"),
        ("throw a phaser on it", "a phaser"),
        ("and a phaser?", "a phaser"),
        ("now the same with tremolo", "tremolo"),
        ("more vibrato", "vibrato"),
        ("can you auto-tune me", "auto tune"),
        ("autotune my singing please", "auto tune"),
        ("shift my voice up an octave with a pitch shifter", "pitch"),
        ("lower the pitch of my voice", "pitch"),
        ("pitch it down a little", "pitch"),
        ("I want a harmoniser on my voice", "a harmonizer"),
        ("turn on the vocoder", "a vocoder"),
        ("de-ess it", "de essing"),
        ("can you get rid of the sibilance", "de essing"),
        ("switch the noise gate on", "a noise gate"),
        ("gate it", "a noise gate"),
        ("please denoise my mic", "noise reduction"),
        ("reverse my voice", "reversing"),
        ("add a bitcrusher", "a bitcrusher"),
        ("make me sound like a chipmunk", "voice changing"),
        ("I want to sound like darth vader", "voice changing"),
        ("give me a robot voice", "voice changing"),
        ("turn my voice into a monster", "voice changing"),
        ("remove the background music", "vocal removal"),
        ("karaoke mode on", "vocal removal"),
        ("make the sound wider in stereo", "stereo widening"),
        ("pan me hard left", "panning"),
        ("loop it", "looping"),
        ("turn me into a chipmunk", "voice changing"),
        ("could we get a phaser going", "a phaser"),
        ("is there a ring modulator on this thing", "a ring modulator"),
        ("do you have a vocoder?", "a vocoder"),
        ("have you got a flanger", "a flanger"),
    ],
)
def test_a_request_for_what_the_chain_cannot_do_is_declined_by_name(text: str, asked: str) -> None:
    assert _said(text) == declining(asked)


@pytest.mark.parametrize(
    "text",
    [
        "the choir sang in chorus",
        "can you sing the chorus again",
        "is there a chorus in this song?",
        "is there a gate at the back of the garden",
        "we bought a robot vacuum",
        "are you a robot?",
        "my pitch for the investors went well",
        "the gate code is 4321",
        "she has a high pitched laugh",
        "I reversed the car into a pole",
        "that movie had a great monster in it",
        "put the pan on the stove",
        "turn the robot on",
        "can you loop me in on the email",
        "could you pitch in with the dishes",
    ],
)
def test_the_same_words_in_another_sense_keep_the_fallback(text: str) -> None:
    # the fallback, or the decline of a sentence the rules found is about something else
    assert _said(text) in (dialogue.FALLBACK_TEXT, NOT_FOR_SOUND_TEXT)


@pytest.mark.parametrize(
    ("text", "effect", "action"),
    [
        ("add reverb on the chorus", "reverb", "add"),
        ("more delay in the last chorus please", "delay", "increase"),
        ("kill the reverb for the choruses", "reverb", "remove"),
        ("turn me up during the chorus", "gain", "increase"),
        ("take it down a bit in the verse", "gain", "decrease"),
    ],
)
def test_a_song_part_says_when_not_what(text: str, effect: str, action: str) -> None:
    assert understand_all(text) == [dialogue.ToolCall(dialogue.APPLY, {"effect": effect, "action": action})]


def test_chorus_as_an_effect_is_still_declined() -> None:
    assert _said("put a chorus effect on the vocals") == declining("chorus")
    assert _said("can you add chorus on my voice") == declining("chorus")


def test_a_real_command_beside_it_is_still_made() -> None:
    assert understand_all("add reverb and chorus") == [
        dialogue.ToolCall(dialogue.APPLY, {"effect": "reverb", "action": "add"})
    ]
    # a voice that names a sound the chain makes is that effect ("a broken robot": grit)
    (call,) = understand_all("make me sound like a broken robot with a sore throat")
    assert isinstance(call, dialogue.ToolCall) and call.arguments["effect"] == "distortion"


def test_the_decline_is_short_and_names_what_can_be_done() -> None:
    text = _said("add some chorus")
    assert declines(text) and text.endswith(CAN_DO) and len(text) < 120
    assert not declines(dialogue.FALLBACK_TEXT)


def test_a_sure_guess_never_fills_a_decline() -> None:
    text = "make my voice sound like a chipmunk"
    intents = understand_all(text)
    sure = Guess("distortion", 0.99, "add", 0.0)
    assert combined(intents, sure, rules_arguments(text)) == intents
    assert FollowUps().understand_all(text, sure) == intents


def test_after_a_command_a_decline_is_not_read_as_its_follow_up() -> None:
    session = FollowUps()
    session.understand_all("add a bit of echo")
    for text in ("a bit more chorus", "now the same with tremolo", "again but with a flanger"):
        (intent,) = session.understand_all(text)
        assert isinstance(intent, dialogue.Say) and declines(intent.text)


@pytest.mark.parametrize(
    "text",
    [
        "make my voice deeper",
        "can you make me sound a little higher",
        "give me a deeper voice please",
        "deepen my voice",
        "I want to sound higher",
        "could my vocals be a bit squeakier",
        "can you drop my voice an octave",
    ],
)
def test_a_voice_asked_higher_or_deeper_is_declined_as_a_change_of_pitch(text: str) -> None:
    assert _said(text) == declining("pitch") == "I can't change pitch here. " + CAN_DO


@pytest.mark.parametrize(
    "text",
    ["my voice is deeper than yours", "the lake gets deeper past the dock", "make it sound deeper"],
)
def test_deeper_said_of_something_else_is_not_a_change_of_pitch(text: str) -> None:
    assert _said(text) in (dialogue.FALLBACK_TEXT, NOT_FOR_SOUND_TEXT)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("add reverb and chorus", ("chorus",)),
        ("put on some delay and a flanger please", ("a flanger",)),
        ("give me tremolo and a bit of echo", ("tremolo",)),
        ("add some reverb and make my voice deeper", ("pitch",)),
        ("turn on the delay, a phaser and a vocoder", ("a phaser", "a vocoder")),
    ],
)
def test_the_parts_of_a_compound_the_chain_cannot_do_are_declined_by_name(
    text: str, names: tuple[str, ...]
) -> None:
    assert any(isinstance(i, dialogue.ToolCall) for i in understand_all(text))
    assert declined(text) == declining(*names)


@pytest.mark.parametrize(
    "text",
    ["add reverb and delay", "add some reverb to the chorus and the verse", "add reverb and sing along"],
)
def test_a_compound_the_chain_can_do_declines_nothing(text: str) -> None:
    assert declined(text) is None


def test_the_brain_says_the_decline_after_the_last_call_of_the_turn() -> None:
    brain = AssistantBrain(cast(Any, None))  # understanding needs no speech
    reply = brain.understand("switch on the echo, the distortion and some chorus", b"")
    assert isinstance(reply, Calls) and len(reply.calls) == 2
    first, last = (brain.reply_after_tool(c.name, {"ok": True, "message": "Done."}) for c in reply.calls)
    assert first == dialogue.Say("Done.")
    assert last == dialogue.Say("Done. " + declining("chorus"))
    one = brain.understand("add a compressor and a noise gate", b"")
    assert isinstance(one, dialogue.ToolCall) and one.arguments["effect"] == "compressor"
    assert brain.reply_after_tool(one.name, {"ok": True, "message": "Added."}).text.endswith(
        declining("a noise gate")
    )
    assert brain.understand("add some delay", b"") == dialogue.ToolCall(
        dialogue.APPLY, {"effect": "delay", "action": "add"}
    )
    assert brain.reply_after_tool(dialogue.APPLY, {"ok": True, "message": "Added."}) == dialogue.Say("Added.")


def test_after_a_change_a_voice_asked_deeper_is_still_a_change_of_pitch() -> None:
    session = FollowUps()
    session.understand_all("put a little echo on")
    assert session.understand_all("now make my voice deeper") == [dialogue.Say(declining("pitch"))]
    # said of the effect just changed, "deeper" is still more of it
    (more,) = session.understand_all("a little deeper")
    assert isinstance(more, dialogue.ToolCall) and more.arguments == {"effect": "delay", "action": "increase"}
