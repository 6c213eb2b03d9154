"""Readings written from the blind tune2 corpus's misses (session 9): each a general way
of asking, tested on sentences of its own, and sentences that only look like commands."""

from __future__ import annotations

import pytest

from voicertc.assistant.dialogue import GET, Say, ToolCall, understand
from voicertc.assistant.numbers import find_numbers


def call(
    effect: str | None, action: str, value: float | None = None, unit: str | None = None, **more: object
) -> ToolCall:
    args: dict[str, object] = {"action": action} if effect is None else {"effect": effect, "action": action}
    if value is not None:
        args["value"] = value
    if unit is not None:
        args["unit"] = unit
    return ToolCall("apply_audio_effect", args | more)


READINGS = [
    # abbreviations engineers type and say
    ("put a HPF on the mic", call("highpass", "add")),
    ("lpf at 3khz", call("lowpass", "set", 3, "khz")),
    ("kill the comp", call("compressor", "remove")),
    ("vol down 2db", call("gain", "decrease", 2, "db")),
    # an effect named by a parameter only it has, or a gain by its unit
    ("release at 200 ms", call("compressor", "set", 200, "ms", param="release_ms")),
    ("make the attack faster", call("compressor", "decrease", param="attack_ms")),
    ("knee at three", call("compressor", "set", 3, param="knee_db")),
    ("drive at forty percent", call("distortion", "set", 40, "percent")),
    ("bring it up four decibels", call("gain", "increase", 4, "db")),
    ("drop it a couple of db", call("gain", "decrease", 2, "db")),
    # a particle after its object; "no" before an effect; "gone"
    ("back the delay off a bit", call("delay", "decrease")),
    ("pull the echo back", call("delay", "decrease")),
    ("no distortion", call("distortion", "remove")),
    ("I want the echo gone", call("delay", "remove")),
    # a named parameter stepped without a number
    ("more feedback on the echo", call("delay", "increase", param="feedback")),
    ("shorter tail on the reverb", call("reverb", "decrease", param="decay_s")),
    ("more resonance on the high pass", call("highpass", "increase", param="q")),
    # speeds of a time
    ("speed the delay up", call("delay", "decrease")),
    ("slow the delay down", call("delay", "increase")),
    ("let the reverb die away quicker", call("reverb", "decrease", param="decay_s")),
    # steps that have a size, and numbers put onto what is there
    ("take 3 db off the volume", call("gain", "decrease", 3, "db")),
    ("cut the delay by 20 ms", call("delay", "decrease", 20, "ms")),
    ("drop the low pass frequency", call("lowpass", "decrease")),
    ("add 50 ms to the delay", call("delay", "increase", 50, "ms")),
    ("I'd like it quieter", call("gain", "decrease")),
    ("move the high pass up two octaves", call("highpass", "increase", 300.0, "percent")),
    ("drop the low pass one octave", call("lowpass", "decrease", 50.0, "percent")),
    ("volume back to unity", call("gain", "set", 0, "db")),
    # resets: one effect's defaults, or the whole chain said without "everything"
    ("reset the delay", call("delay", "reset")),
    ("put the compressor back to its defaults", call("compressor", "reset")),
    ("the delay back to normal", call("delay", "remove")),
    ("just the dry signal please", call(None, "reset")),
    ("no effects at all", call(None, "reset")),
    # numbers said as people say them
    ("set the delay to one twenty", call("delay", "set", 120)),
    ("distortion halfway", call("distortion", "set", 0.5, "fraction")),
    # descriptions: a subject that is the speaker, bands missing, muffling images
    ("I'm way too quiet", call("gain", "increase")),
    ("the vocal is harsh", call("lowpass", "add")),
    ("where did the highs go", call("lowpass", "increase")),
    ("I lost all the bass", call("highpass", "decrease")),
    ("it sounds like I'm under water", call("lowpass", "increase")),
    ("make me sound like I'm behind a wall", call("lowpass", "add")),
    ("I can barely hear myself", call("gain", "increase")),
    ("there is too much of treble", call("lowpass", "add")),
    ("please less of the low sounds", call("highpass", "add")),
    ("the quiet parts get lost", call("compressor", "add")),
    ("stick an echo on the vocal", call("delay", "add")),
    ("make my voice distorted", call("distortion", "add")),
]


@pytest.mark.parametrize(("said", "expected"), READINGS)
def test_readings(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    "said",
    [
        "what does a limiter do",
        "is a delay the same as an echo",
        "why does everyone use reverb on vocals",
        "what is a good attack for drums",
        "compress these photos into a zip",
        "my air compressor is loud",
        "turn up the heating please",
        "the reverb in that hall was lovely",
        "the drive home took an hour",
        "reset my router",
        "the hard drive is full",
        "when is the album release",
    ],
)
def test_not_a_command(said: str) -> None:
    intent = understand(said)
    assert isinstance(intent, Say), intent


def test_a_question_about_this_chain_still_is_one() -> None:
    assert understand("what is the delay set to") == ToolCall(GET, {})
    assert understand("is the reverb on") == ToolCall(GET, {})


def test_two_fifty_is_one_number_but_two_three_is_two() -> None:
    assert [s.value for s in find_numbers("two fifty".split())] == [250]
    assert [s.value for s in find_numbers("two three".split())] == [2, 3]
    assert [s.value for s in find_numbers("a couple of db".split())] == [2]
