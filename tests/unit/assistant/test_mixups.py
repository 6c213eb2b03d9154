"""mixups.meant: an effect asked for by another's name and described by what it does."""

from __future__ import annotations

import pytest

from voicertc.assistant.dialogue import ToolCall, understand
from voicertc.assistant.mixups import meant


@pytest.mark.parametrize(
    ("said", "effect", "action"),
    [
        ("add the reverb, the one that makes me sound fuzzy and broken", "distortion", "add"),
        ("give me the compressor, the effect that makes me sound gritty", "distortion", "add"),
        ("turn on the delay, the one that makes it sound like a big empty room", "reverb", "add"),
        ("add the distortion, the one that evens out my loud and quiet bits", "compressor", "add"),
        ("switch on the low pass, the one that cuts out the rumble", "highpass", "add"),
        ("put the high pass on so the hiss goes away", "lowpass", "add"),
        ("use the low cut to get rid of the fizzy top end", "lowpass", "add"),
    ],
)
def test_the_description_wins(said: str, effect: str, action: str) -> None:
    assert meant(said, understand) == ToolCall("apply_audio_effect", {"effect": effect, "action": action})


@pytest.mark.parametrize(
    "said",
    [
        "add the high pass so the rumble goes away",  # name and purpose agree
        "add some reverb, the kind you hear in a church",
        "turn on the delay, the slapback kind",
        "add the reverb, the one you used earlier",  # describes no sound
        "is reverb the same thing as echo or are they different",  # no clause of its own
        "add the low pass, the one that makes me sound like I'm on the phone",  # either filter
        "add distortion so I sound like a broken radio",  # a purpose changes filters only
        "put the compressor on so the hiss goes away",
    ],
)
def test_the_name_stands(said: str) -> None:
    assert meant(said, understand) is None
