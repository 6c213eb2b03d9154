"""Slang, registers and small readings beside the sound pictures (pictures.for_removing,
the lexicon's and colloquial's additions, dialogue's readings of a named effect's
complaint), on sentences written for these tests; and near misses that keep their reading."""

from __future__ import annotations

import pytest

from voicertc.assistant.dialogue import Say, ToolCall, understand


def apply(effect: str, action: str) -> ToolCall:
    return ToolCall("apply_audio_effect", {"effect": effect, "action": action})


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # an effect put on to take something away
        ("add a low cut to get rid of the rumble", apply("highpass", "add")),
        ("I want the compressor for stop the peaks", apply("compressor", "add")),
        # said with slang
        ("chuck some verb on the vox", apply("reverb", "add")),
        ("the distortion is eating my words", apply("distortion", "decrease")),
        ("lighten up the reverb a bit", apply("reverb", "decrease")),
        ("clamp down on my voice", apply("compressor", "add")),
        ("tidy up the low end please", apply("highpass", "add")),
        ("turn me up bro", apply("gain", "increase")),
        ("turn my voice down, it's way too much", apply("gain", "decrease")),
        ("my level is really inconsistent", apply("compressor", "add")),
        # a named effect's own complaint, stepped
        ("squash it more, my level is all over the place", apply("compressor", "increase")),
        ("I can hear it pumping, lighten the compressor", apply("compressor", "decrease")),
    ],
)
def test_registers_and_slang(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("turn off the reverb to remove the wash", apply("reverb", "remove")),
        ("remove the high pass", apply("highpass", "remove")),
        ("the volume is too loud", apply("gain", "decrease")),
        ("it jumps around all over the place", apply("compressor", "add")),
    ],
)
def test_near_misses_keep_their_reading(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize("said", ["bring it up with my boss", "take this down, it's offensive"])
def test_level_verbs_with_other_objects_ask_for_nothing(said: str) -> None:
    assert isinstance(understand(said), Say), said
