"""Session 22's readings, from kinds of sentence tune6 still missed: each on sentences written
for these tests (several wordings each, and near misses that must keep their reading)."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant.dialogue import Say, understand


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # "a bit more" after a word that lowers is further down, not up
        ("lower the gain a bit more", call("gain", "decrease")),
        ("turn the reverb down a little more", call("reverb", "decrease")),
        ("pull the echo back some more", call("delay", "decrease")),
        ("bring the volume down even more", call("gain", "decrease")),
        ("a bit more reverb", call("reverb", "increase")),
        ("turn the delay up a bit more", call("delay", "increase")),
        # only the delay repeats
        ("can you make it repeat fewer times", call("delay", "decrease", param="feedback")),
        ("make it repeat more", call("delay", "increase", param="feedback")),
        # a change by nothing is a target
        ("zero dB on the volume", call("gain", "set", 0, "db")),
        ("take the gain down zero dB", call("gain", "set", 0, "db")),
        # an engineer's pad, knocking or shaving off
        ("knock off three dB", call("gain", "decrease", 3, "db")),
        ("pad the input twenty dB", call("gain", "decrease", 20, "db")),
        ("shave off some of the highs", call("lowpass", "add")),
        # half of what it is
        ("take the high pass down to half its frequency", call("highpass", "decrease", 50, "percent")),
        ("bring the delay time to half what it is", call("delay", "decrease", 50, "percent")),
        ("set the delay to half a second", call("delay", "set", 0.5, "s")),
        # one effect's own settings put back
        ("reset all my compressor settings", call("compressor", "reset")),
        ("undo all my compressor tweaks, default it", call("compressor", "reset")),
        ("default the delay", call("delay", "reset")),
        ("undo all my changes", call(None, "reset")),
    ],
)
def test_reading(said: str, expected: object) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    "said",
    ["can you repeat that", "I had to repeat more than once", "knock it off", "the drum pad is broken",
     "I need a shave"],
)  # fmt: skip
def test_not_a_command(said: str) -> None:
    assert isinstance(understand(said), Say)
