"""Session 27's readings, from kinds of sentence written for this session (no corpus's): a
sound's noise said as what it has or does, a region said roughly, and remarks that ask
nothing. Each kind has near misses that must keep their reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant.declined import LIKED_TEXT, NOT_FOR_SOUND_TEXT, OTHER_SOUND_TEXT, TEACH_TEXT
from voicertc.assistant.dialogue import ToolCall, understand
from voicertc.assistant.followups import FollowUps
from voicertc.assistant.reader.head import Guess


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a noise the sound has, or makes
        ("my recording has a low hum", call("highpass", "add")),
        ("the audio has got some rumble", call("highpass", "add")),
        ("my mic has this hiss", call("lowpass", "add")),
        ("my mic hums", call("highpass", "add")),
        ("the signal hisses", call("lowpass", "add")),
        ("my mic keeps hissing", call("lowpass", "add")),
        # a region said roughly
        ("cut everything under about a hundred hertz", call("highpass", "set", 100, "hz")),
        ("get rid of everything above roughly 8k", call("lowpass", "set", 8, "khz")),
        # someone's word on this call's sound passes the complaint on
        ("my producer keeps saying I'm too quiet", call("gain", "increase")),
        # near misses: asked, wished, complained of
        ("more echo, I love it", call("delay", "increase", param="mix")),
        ("I need some reverb", call("reverb", "add")),
        ("my voice at the start is too loud", call("gain", "decrease")),
        ("the vocal in the chorus is too quiet", call("gain", "increase")),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    ("said", "reply"),
    [
        # a thing somewhere else, or a thing's own noise
        ("the speakers at the gym are way too loud", OTHER_SOUND_TEXT),
        ("the echo in the hallway is too loud", OTHER_SOUND_TEXT),
        ("the hallway in my building echoes like crazy", OTHER_SOUND_TEXT),
        ("the fridge hums all night", OTHER_SOUND_TEXT),
        # a remark liked, or taken back
        ("oh wow, that's a lot of echo, I love it", LIKED_TEXT),
        ("the reverb sounds so dreamy, love it", LIKED_TEXT),
        # what would happen, asked before it is done
        ("what would happen if I turned the gain all the way up", TEACH_TEXT),
        # an effect named in a remark
        ("okay I can hear the reverb now", NOT_FOR_SOUND_TEXT),
        ("hmm interesting, so that's what a compressor does", NOT_FOR_SOUND_TEXT),
        ("that's exactly the amount of reverb I wanted", NOT_FOR_SOUND_TEXT),
        ("huh, I didn't expect the delay to sound like that", NOT_FOR_SOUND_TEXT),
        # someone's word on effects in general
        ("my producer keeps saying the vocal needs more compression", NOT_FOR_SOUND_TEXT),
        # an audience asked what it thinks
        ("chat, should I add more reverb, let me know", NOT_FOR_SOUND_TEXT),
    ],
)
def test_declined_with_a_reply_of_their_own(said: str, reply: str) -> None:
    assert understand(said).text == reply


def test_a_wish_taken_back() -> None:
    said = "earlier I wanted more echo but I changed my mind"
    assert not isinstance(understand(said), ToolCall)


SURE_REVERB = Guess(effect="reverb", likelihood=0.99, action="increase", none=0.0)


@pytest.mark.parametrize(
    "said",
    [
        "okay I can hear the reverb now",
        "the echo in the hallway is too loud",
        "oh wow, lots of reverb, I love it",
    ],
)
def test_a_sure_guess_does_not_fill_a_remark(said: str) -> None:
    assert not any(isinstance(i, ToolCall) for i in FollowUps().understand_all(said, SURE_REVERB))


def test_a_complaint_is_no_remark() -> None:
    """ "still" complains: the rules read nothing here, and the reader's guess fills it."""
    guess = Guess(effect="highpass", likelihood=0.9, action="increase", none=0.0)
    said = "I can still hear the rumble"
    assert FollowUps().understand_all(said, guess) == [call("highpass", "increase")]
