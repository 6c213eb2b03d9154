"""Session 42's readings, kinds the lead wrote (no corpus's) from misreadings noticed in earlier
sessions: a setting said to be too much or too little is that setting stepped back ("the release
is too long", "the threshold's too low", "the feedback is way too high"); a step said beside a
complaint keeps the parameter it names ("raise the threshold a bit, the compressor's jumping on my
quiet bits"); an effect said to have too little of itself is more of it ("the reverb is too
dry"). Each kind has near misses that must keep their reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import asks_nothing, read

from voicertc.assistant import param_complaints


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("the release is too long", call("compressor", "decrease", param="release_ms")),
        (
            "The release is too long, make it shorter a bit.",
            call("compressor", "decrease", param="release_ms"),
        ),
        ("the attack's too slow", call("compressor", "decrease", param="attack_ms")),
        ("the attack is a bit fast on the compressor", call("compressor", "increase", param="attack_ms")),
        ("the threshold is too low", call("compressor", "increase", param="threshold_db")),
        ("the threshold isn't low enough", call("compressor", "decrease", param="threshold_db")),
        ("the ratio is a bit high", call("compressor", "decrease", param="ratio")),
        ("the feedback is way too high", call("delay", "decrease", param="feedback")),
        ("the repeats are too many", call("delay", "decrease", param="feedback")),
        ("the decay is a touch long", call("reverb", "decrease", param="decay_s")),
        ("the echo time is too short", call("delay", "increase")),  # its time: the delay's own step
        ("the reverb volume is too loud", call("reverb", "decrease")),
        (
            "raise the threshold a bit, the compressor's jumping on my quiet bits",
            call("compressor", "increase", param="threshold_db"),
        ),
        ("the reverb is too dry", call("reverb", "increase")),
        ("the distortion is way too clean", call("distortion", "increase")),
        # tune19's leftovers
        ("the level's a bit hot on me at the moment", call("gain", "decrease")),
        ("louder echo, louder", call("delay", "increase", param="mix")),
        (
            "the low cut's got a bit of a bump, could the Q come down?",
            call("highpass", "decrease", param="q"),
        ),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a quality in excess blamed on the effect is still less of it
        ("the reverb is too washy", call("reverb", "decrease")),
        ("the distortion is too harsh", call("distortion", "decrease")),
        ("the reverb makes it way too boomy", call("reverb", "decrease")),
        # the setting stepped as said
        ("lower the release", call("compressor", "decrease", param="release_ms")),
        ("more feedback on the delay", call("delay", "increase", param="feedback")),
        ("give the gain a bump", call("gain", "increase")),
        (
            "make the echo louder, and me louder too",
            [call("delay", "increase", param="mix"), call("gain", "increase")],
        ),
    ],
)
def test_near_misses_keep_their_reading(said: str, expected: object) -> None:
    assert read(said) == (expected if isinstance(expected, list) else [expected])


@pytest.mark.parametrize(
    "said",
    [
        "the album release is too late",
        "the drive home is too long",
        "the release is long enough",
        "the release is not the problem",
        "the release is long",
    ],
)
def test_not_a_complaint_about_a_setting(said: str) -> None:
    assert param_complaints.complaint(said.lower().split(), None) is None


@pytest.mark.parametrize("said", ["the album release is too late", "the drive home is too long"])
def test_other_things_ask_nothing(said: str) -> None:
    assert asks_nothing(said)
