"""Session 33's readings, from kinds of sentence the lead wrote (no corpus's): "my <effect>"
as the object of an order, a scene told beside an order, "no boost", "more/less of me",
"past where it is", an effect dropped on something, "one ten" as 110, short resets of the
chain, messages for someone else in the room, someone's wish turned down, a question for
another assistant; "get some" asked how, half again, another second, "quicken", "knock
back". Each kind has near misses that must keep their reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant.clauses import understand_all
from voicertc.assistant.dialogue import ToolCall
from voicertc.assistant.scenes import is_change


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # "my <effect>", the object of an order or of a setting put on it
        ("reset my delay", call("delay", "reset")),
        ("turn my reverb down", call("reverb", "decrease")),
        ("three hundred milliseconds on my echo", call("delay", "add", 300, "ms")),
        # a scene told after the order, or before it
        ("make my echo shorter, the song's picked up", call("delay", "decrease")),
        ("cut the lows, the church is boomy", call("highpass", "add")),
        ("with the fan going full blast, turn me up", call("gain", "increase")),
        # "no boost", "more/less of me"
        ("no boost on my voice", call("gain", "remove")),
        ("no more boost please", call("gain", "remove")),
        ("no more high cut", call("lowpass", "remove")),
        ("a little less of me", call("gain", "decrease")),
        # past where it is now is a step up
        ("take the reverb a touch past where it is", call("reverb", "increase")),
        ("more reverb than you gave me", call("reverb", "increase")),
        # an effect dropped on something is put on
        ("drop a little delay on my voice", call("delay", "add")),
        # a frequency said as "one ten": 110
        ("low cut at one ten", call("highpass", "set", 110)),
        # the chain cleared, said short
        ("nothing on my voice for this one", call(None, "reset")),
        ("clear the lot", call(None, "reset")),
        ("delay back to how it comes out of the box", call("delay", "reset")),
        # tune10's kinds: "get some" asked how, half again, another second, quicken, knock back
        ("how would I get some delay on my talking", call("delay", "add")),
        ("push the reverb up by half again", call("reverb", "increase", 50, "percent")),
        ("add another second to the reverb", call("reverb", "increase", 1, "s")),
        ("quicken the release", call("compressor", "decrease", param="release_ms")),
        ("knock the gain back a touch", call("gain", "decrease")),
        ("low cut at ninety, just to tidy up the boom", call("highpass", "set", 90)),
        # as Whisper wrote tune10's and tune11's spoken turns
        ("What few turned the reverb down a touch?", call("reverb", "decrease")),
        ("Two end a half dB louder please.", call("gain", "increase", 2.5, "db")),
        ("Dirty five percent drive on my mic.", call("distortion", "add", 35, "percent")),
        ("Nudge the delay pass where it is.", call("delay", "increase")),
        ("Drop some delay on me for the break down.", call("delay", "add")),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert understand_all(said) == [expected]


@pytest.mark.parametrize(
    "said",
    [
        "my delay pedal broke on the way here",
        "I sold my fuzz pedal last week",
        "tell the drummer to bring the cymbals down",
        "ask him to turn his amp down",
        "Jo, your amp is way too loud",
        "lads, quieter, I'm on a call",
        "there's nothing on the telly tonight",
        "my flatmate wants more reverb on the tracks, but I said no",
        "the drummer thinks I need a compressor, I don't agree",
        "hey Alexa, what's on the radio",
        "What few effects are there?",
        "Tom, turn your symbols down, please.",
    ],
)
def test_near_misses_ask_for_no_change(said: str) -> None:
    assert not any(map(is_change, understand_all(said)))


def test_tell_me_is_still_asked_of_us() -> None:
    assert understand_all("tell me what effects are on") == [ToolCall("get_effects", {})]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("gain at zero, no boost no cut", call("gain", "set", 0)),
        ("drop the reverb", call("reverb", "remove")),
        ("set the delay to two fifty", call("delay", "set", 250)),
    ],
)
def test_readings_that_stay(said: str, expected: object) -> None:
    assert understand_all(said) == [expected]
