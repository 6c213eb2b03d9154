"""Self-corrections inside one sentence: only the corrected request is made, with what the
correction leaves out taken from the part it corrects; removals and other sentences as before."""

from __future__ import annotations

import pytest

from voicertc.assistant.clauses import understand_all
from voicertc.assistant.corrections import corrected
from voicertc.assistant.dialogue import APPLY, ToolCall


def call(effect: str, action: str, **more: object) -> ToolCall:
    return ToolCall(APPLY, {"effect": effect, "action": action, **more})


@pytest.mark.parametrize(
    ("text", "calls"),
    [
        # the effect corrected: the verb is the first part's
        ("Take off the reverb, no wait, the delay.", [call("delay", "remove")]),
        ("Throw some fuzz on, oops sorry, I meant some echo.", [call("delay", "add")]),
        ("bring in the compressor no wait the distortion", [call("distortion", "add")]),
        ("Add a low pass, or rather a high pass.", [call("highpass", "add")]),
        ("Switch on the, uh, not the reverb, the compressor.", [call("compressor", "add")]),
        # the value corrected: the parameter is the first part's
        ("Set the delay to 300 ms, sorry, 450.", [call("delay", "set", value=450, unit="ms")]),
        ("Gain at minus three dB, no, minus six.", [call("gain", "set", value=-6, unit="db")]),
        (
            "Release at eighty, wait, make it 120 milliseconds.",
            [call("compressor", "set", value=120, param="release_ms", unit="ms")],
        ),
        # the direction or the verb corrected
        ("Turn the echo up, no, down.", [call("delay", "decrease", param="mix")]),
        ("Lower the high pass, sorry, raise it.", [call("highpass", "increase")]),
        ("Push up the, no, pull down the level.", [call("gain", "decrease")]),
        ("Set the delay to, sorry, 300 ms.", [call("delay", "set", value=300, unit="ms")]),
        # "not" with nothing after it: that effect is left alone
        ("Add the reverb, um, not the reverb, the distortion.", [call("distortion", "add")]),
        ("put on the delay, not the reverb", [call("delay", "add")]),
    ],
)
def test_only_the_corrected_request_is_made(text: str, calls: list[ToolCall]) -> None:
    assert understand_all(text) == calls


@pytest.mark.parametrize(
    "text",
    [
        "add delay, no reverb",  # a removal: "no" without a pause after it
        "add some echo, no more distortion",
        "No, add the reverb.",  # nothing before the marker (a follow-up's opening)
        "add reverb, sorry for asking so much",  # what follows asks for nothing
        "I'd rather have the delay",  # "rather" with no pause before it
        "Turn it up, wait for the chorus.",
        "add reverb, not too much",
    ],
)
def test_other_sentences_are_left_as_they_were(text: str) -> None:
    assert corrected(text) == text


@pytest.mark.parametrize(
    ("text", "calls"),
    [
        # after a hesitation, a bare value is said again
        ("high pass at 200, hmm, maybe 150", [call("highpass", "set", value=150)]),
        ("put the ratio at 4, hmm, or maybe 6", [call("compressor", "set", value=6, param="ratio")]),
        ("set the delay to 200, um, 300", [call("delay", "set", value=300)]),
        # after what was wrong with the first, with or without a marker
        ("delay to 500 ms, no, too long, 350", [call("delay", "set", value=350, unit="ms")]),
        ("delay at 400, that's too long, 300", [call("delay", "set", value=300)]),
        ("low pass at 2k, no, too dark, 4k", [call("lowpass", "set", value=4, unit="khz")]),
        # "or no", a sign said again, and what closes the value
        ("set the gain to plus six, or no, plus four", [call("gain", "set", value=4)]),
        ("turn me up 6 dB, no, 3 is enough", [call("gain", "increase", value=3, unit="db")]),
    ],
)
def test_a_value_said_again_replaces_the_first(text: str, calls: list[ToolCall]) -> None:
    assert understand_all(text) == calls


@pytest.mark.parametrize(
    ("text", "calls"),
    [
        # a hesitation before more than a value adds a request ...
        ("add reverb, maybe some delay", [call("reverb", "add"), call("delay", "add")]),
        # ... and "too ..." without a pause after it is the correction itself, not a judgement
        ("add delay, no, too much reverb", [call("reverb", "decrease")]),
        # "plus" before an effect still joins two requests
        ("add reverb plus delay", [call("reverb", "add"), call("delay", "add")]),
    ],
)
def test_what_is_not_a_value_said_again(text: str, calls: list[ToolCall]) -> None:
    assert understand_all(text) == calls


@pytest.mark.parametrize("text", ["Add some echo, no wait, never mind.", "turn me up, sorry, forget it"])
def test_a_request_taken_back_asks_nothing(text: str) -> None:
    assert not any(isinstance(i, ToolCall) for i in understand_all(text))


@pytest.mark.parametrize(
    ("text", "calls"),
    [
        # what was wrong said as "wrong word", "wrong one", "not a delay", "I was talking about"
        ("louder, sorry, wrong word, quieter", [call("gain", "decrease")]),
        ("kill the reverb, sorry, wrong one, kill the delay", [call("delay", "remove")]),
        ("put a compressor on, no, not a compressor, distortion", [call("distortion", "add")]),
        (
            "reverb to forty, no, I was talking about the volume, volume to three dB",
            [call("gain", "set", value=3, unit="db")],
        ),
        # the direction turned: "the other way", "the opposite", or a direction and how far
        ("turn the reverb up, no, the other way", [call("reverb", "decrease")]),
        ("lengthen the delay, oh, the opposite", [call("delay", "decrease")]),
        ("raise the echo, no, down, down a touch", [call("delay", "decrease")]),
        ("move the high pass up, no, down, I meant down", [call("highpass", "decrease")]),
        # "it" after the fix stands for what the first part named
        ("speed up the attack, no, slow it down", [call("compressor", "increase", param="attack_ms")]),
        ("make the delay darker, actually never mind, just take it out", [call("delay", "remove")]),
        # a value corrected with the words said after it again, a clause back
        (
            "more drive, maybe ten percent more, no, twenty percent more",
            [call("distortion", "increase", value=20, unit="percent")],
        ),
        (
            "the feedback to, hmm, never mind the feedback, the delay time to two fifty",
            [call("delay", "set", value=250)],
        ),
        # restarts and fillers said alone
        ("mute, um, mute the echo", [call("delay", "remove")]),
        ("can you turn the, uh, turn the reverb down", [call("reverb", "decrease")]),
        ("make the the delay longer", [call("delay", "increase")]),
        ("the reverb's, like, too wet, dry it up a bit", [call("reverb", "decrease")]),
        # a filler before a value said again is still read as the value's
        ("drive to thirty, uh, make it thirty five", [call("distortion", "set", value=35)]),
    ],
)
def test_repairs_of_session_45(text: str, calls: list[ToolCall]) -> None:
    assert understand_all(text) == calls


@pytest.mark.parametrize(
    "text",
    [
        "reverb up, up the delay",  # a clause ended on "up": no restart
        "testing, testing, can you hear me",
        "knock knock, who's there",
        "what kind of reverb is this",  # a kind of thing, no hedge
        "a sort of echo please",
    ],
)
def test_words_said_twice_that_are_no_restart(text: str) -> None:
    assert corrected(text) == text


def test_a_hedge_inside_a_phrase_is_dropped() -> None:
    assert corrected("the sparkle's kind of gone from my voice") == "the sparkle's gone from my voice"
    assert understand_all("the sparkle's sort of gone from my voice") == [call("lowpass", "increase")]
