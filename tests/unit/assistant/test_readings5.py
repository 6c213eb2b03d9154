"""Session 19's readings from tune5's misses, on sentences written for these tests (several
wordings each, and near misses that must keep their reading)."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant.dialogue import ToolCall, understand

# -- going easy on something is less of it -----------------------------------------------


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("chill on the volume", call("gain", "decrease")),
        ("go easy on the reverb", call("reverb", "decrease")),
        ("take it easy on the distortion please", call("distortion", "decrease")),
    ],
)
def test_easy_on_is_less(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


# -- a number below a floor of zero, or taken off, is a step down ------------------------


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("low pass cutoff minus five hundred", call("lowpass", "decrease", value=500)),
        ("high pass minus 100 hz", call("highpass", "decrease", value=100, unit="hz")),
        ("delay time minus fifty milliseconds", call("delay", "decrease", value=50, unit="ms")),
        ("take ten off the distortion", call("distortion", "decrease", value=10)),
    ],
)
def test_minus_or_off_is_a_step_down(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("gain minus six", call("gain", "set", value=-6)),  # a gain can be below zero
        ("set the threshold to negative thirty", call("compressor", "set", value=-30, param="threshold_db")),
        ("take the distortion off", call("distortion", "remove")),
        ("take twenty off the reverb mix", call("reverb", "decrease", value=20)),
        ("cut the low pass in half", call("lowpass", "decrease", value=50.0, unit="percent")),
        ("300 ms between the echoes", call("delay", "set", value=300, unit="ms")),
        ("delay time to 300", call("delay", "set", value=300)),
        ("make the echo gap twice as long", call("delay", "increase", value=100.0, unit="percent")),
    ],
)
def test_near_misses_keep_their_reading(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


# -- fractions, halves of a unit, and what a time lies between -----------------------------


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (
            "set the wet on the delay to one fifth",
            call("delay", "set", value=0.2, unit="fraction", param="mix"),
        ),
        ("reverb mix at two fifths", call("reverb", "set", value=0.4, unit="fraction")),
        ("lower the LPF by half a k", call("lowpass", "decrease", value=0.5, unit="khz")),
        ("echo with a quarter second between repeats", call("delay", "set", value=0.25, unit="s")),
        ("set the reverb time to six", call("reverb", "set", value=6, param="decay_s")),
    ],
)
def test_amounts(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


# -- the echoes' spacing and speed; the knee as a width -----------------------------------


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("bring the echoes closer to each other", call("delay", "decrease")),
        ("move the repeats further from each other", call("delay", "increase")),
        ("make the echoes come twice as fast", call("delay", "decrease", value=50.0, unit="percent")),
        ("narrow the knee on the compressor", call("compressor", "decrease", param="knee_db")),
        ("widen the knee a little", call("compressor", "increase", param="knee_db")),
    ],
)
def test_spacing_speed_and_knee(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


# -- one effect's settings back to normal or default; the whole chain as at the start ---------


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("high cut settings back to normal", call("lowpass", "reset")),
        ("put the delay settings back to normal", call("delay", "reset")),
        ("drive back to default", call("distortion", "reset")),
        ("make the voice like the beginning, no effect", call(None, "reset")),
        ("make me sound like at the start", call(None, "reset")),
    ],
)
def test_resets(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("the reverb back to normal", call("reverb", "remove")),  # the chain-wide word, not its settings
        ("I need to drive back home", None),
    ],
)
def test_resets_near_misses(said: str, expected: ToolCall | None) -> None:
    assert understand(said) == expected if expected else not isinstance(understand(said), ToolCall)


# -- a long turn that ends in its request ---------------------------------------------------


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (
            "I did the reverb big for the song, now I sound like an empty warehouse, bring the reverb down",
            call("reverb", "decrease"),
        ),
        ("we're doing a call with my team, could you compress my voice", call("compressor", "add")),
        (
            "my voice feels flat, I listened to records with space around the voice, I think I need reverb",
            call("reverb", "add"),
        ),
        (
            "the compression is too heavy, I read people use three to one, so set the ratio to three",
            call("compressor", "set", value=3, param="ratio"),
        ),
    ],
)
def test_the_request_said_last(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


def test_the_story_still_says_which_setting() -> None:
    said = "people keep telling me the echo is a bit much when I talk, so could you turn the delay down some"
    assert understand(said) == call("delay", "decrease", param="mix")


# -- a sound from another room is muffled, not the reverb's room ---------------------------


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("make it sound like music coming from the next room", call("lowpass", "add")),
        ("make me sound like I'm talking from another room", call("lowpass", "add")),
        ("add some room", call("reverb", "add")),
    ],
)
def test_another_room(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


# -- a difference in theory, idioms, a name, a wish put off: nothing changes ---------------------


@pytest.mark.parametrize(
    "said",
    [
        "how is a compressor different from a limiter, in theory",
        "my pain threshold is really high",
        "echo is the name of our cat",
        "I might want some delay later, but not now",
        "more distortion maybe later",
    ],
)
def test_nothing_is_asked(said: str) -> None:
    assert not isinstance(understand(said), ToolCall)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("set the release to 100 ms", call("compressor", "set", value=100, unit="ms", param="release_ms")),
        ("add reverb now", call("reverb", "add")),
        ("tell me what effects are on", ToolCall("get_effects", {})),
    ],
)
def test_asks_that_stay(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected
