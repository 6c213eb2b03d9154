"""Requests that name no control: complaints about the sound, regions, amounts, negations."""

from __future__ import annotations

import pytest

from voicertc.assistant.dialogue import APPLY, Say, ToolCall, understand
from voicertc.assistant.numbers import find_numbers


def apply(effect: str | None, action: str, value: float | None = None, unit: str | None = None,
          param: str | None = None) -> ToolCall:  # fmt: skip
    args: dict[str, object] = {"action": action} if effect is None else {"effect": effect, "action": action}
    if value is not None:
        args["value"] = value
    if param is not None:
        args["param"] = param
    if unit is not None:
        args["unit"] = unit
    return ToolCall(APPLY, args)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a quality of the sound names the fix
        ("it's too boomy", apply("highpass", "add")),
        ("honestly it sounds a bit harsh", apply("lowpass", "add")),
        ("it's still too bright", apply("lowpass", "decrease")),
        ("this sounds squashed", apply("compressor", "decrease")),
        ("it's way too loud", apply("gain", "decrease")),
        ("the voice is too quiet", apply("gain", "increase")),
        ("it's a little dry", apply("reverb", "add")),
        ("make it less harsh", apply("lowpass", "add")),
        ("i can hear a faint hum", apply("highpass", "add")),
        # an amount of a named effect
        ("there's too much echo", apply("delay", "decrease", param="mix")),  # how much is heard: its mix
        ("not enough reverb", apply("reverb", "increase")),
        ("the low pass isn't doing enough", apply("lowpass", "decrease")),
        ("the high pass is not doing enough", apply("highpass", "increase")),
        ("the echo is too short", apply("delay", "increase")),
        # the reverb's length is its tail (session 9's second pass; the mix was stepped before)
        ("the reverb goes on too long", apply("reverb", "decrease", param="decay_s")),
        # frequency regions
        ("cut everything above 4 kilohertz", apply("lowpass", "set", 4, "khz")),
        ("remove anything below sixty hertz", apply("highpass", "set", 60, "hz")),
        # bands with a verb of reducing
        ("trim the top end", apply("lowpass", "add")),
        ("clean up the mud", apply("highpass", "add")),
        # negations and verbs whose stems are other words
        ("i don't want the echo", apply("delay", "remove")),
        ("shorten the reverb", apply("reverb", "decrease", param="decay_s")),
        ("lengthen the delay", apply("delay", "increase")),
        # spaces
        ("put me in a cathedral", apply("reverb", "add")),
        ("it sounds like a bathroom in here", apply("reverb", "decrease")),
        # distortion, its names and qualities
        ("add some overdrive", apply("distortion", "add")),
        ("it's too fuzzy", apply("distortion", "decrease")),
        # numbers said as fractions, targets after "to", parameters named
        ("set the delay to a quarter of a second", apply("delay", "set", 0.25, "s")),
        ("set the echo to one and three quarters seconds", apply("delay", "set", 1.75, "s")),
        ("reverb mix at a quarter", apply("reverb", "set", 0.25, "fraction")),
        ("drop the high pass to 90 hz", apply("highpass", "set", 90, "hz")),
        ("set the echo feedback to 50 percent", apply("delay", "set", 50, "percent", "feedback")),
        ("compressor ratio six", apply("compressor", "set", 6, param="ratio")),
        ("make it three decibels louder", apply("gain", "increase", 3, "db")),
        ("add four dB of gain", apply("gain", "increase", 4, "db")),
        ("back to square one", apply(None, "reset")),
        # what Whisper writes: thousands with commas, homophones of numbers and of "too"
        ("Low pass at 2,500 hertz.", apply("lowpass", "set", 2500, "hz")),
        ("Turn it up by for decibels.", apply("gain", "increase", 4, "db")),
        ("It's way to harsh.", apply("lowpass", "add")),
        ("Cut you add some echo?", apply("delay", "add")),
    ],
)
def test_described_requests(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    "said",
    [
        "my laptop fan is so loud",  # a quality, but not of the sound
        "the compressor on my fridge is broken",  # an effect's name, but a thing
        "my neighbour's bass is too loud",  # possessed: someone else's bass
        "how do i get to the train station",  # near "saturation": a real word, never corrected
        "i'm going to drive to work",  # "drive" alone is not the distortion
        "it's too hot in here",  # a quality, but of the room's air
    ],
)
def test_not_a_request(said: str) -> None:
    assert not isinstance(understand(said), ToolCall), understand(said)


def test_stems_are_not_corrected_into_comparatives() -> None:
    # "weak" was read as "weaker" (a decrease word) by the fuzzy correction.
    assert understand("the reverb is too weak") == apply("reverb", "increase")


def test_fractions_are_numbers() -> None:
    def values(text: str) -> list[float]:
        return [round(s.value, 3) for s in find_numbers(text.split())]

    assert values("a third of a second") == [0.333]
    assert values("three quarters of a second") == [0.75]
    assert values("two and a half") == [2.5]
    assert values("1 and a quarter") == [1.25]
    assert values("a hundred and ten") == [110.0]


def test_unmatched_description_falls_back_politely() -> None:
    assert isinstance(understand("it sounds purple"), Say)


@pytest.mark.parametrize(
    ("said", "effect"),
    [
        ("I want a mellow, cosy sound", "lowpass"),
        ("I want to sound polished and steady", "compressor"),
        ("could I sound nice and even please", "compressor"),
        ("get rid of that low droning noise", "highpass"),
    ],
)
def test_a_sound_wished_for(said: str, effect: str) -> None:
    assert understand(said) == ToolCall(APPLY, {"effect": effect, "action": "add"})


@pytest.mark.parametrize(
    "said",
    ["the cafe was so cosy", "the road surface was smooth and even", "I want a cosy flat with a garden"],
)
def test_a_wished_sound_is_said_of_the_voice(said: str) -> None:
    assert isinstance(understand(said), Say)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("can I sound fuller and deeper", apply("highpass", "decrease")),  # deeper beside fuller: more of it
        ("softer on the top end", apply("lowpass", "add")),  # soft said of the top, not the level
        ("make it smoother on top", apply("lowpass", "add")),
        ("can I sound a bit more open", apply("lowpass", "increase")),
    ],
)
def test_qualities_of_the_voice_name_a_filter(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    "said",
    ["get shot of the echo", "do away with the delay", "enough with the echo", "enough of the reverb"],
)
def test_an_effect_done_with_is_removed(said: str) -> None:
    effect = understand(said)
    assert isinstance(effect, ToolCall) and effect.arguments["action"] == "remove"


def test_a_compressor_by_what_it_does_and_an_effect_mellowed() -> None:
    assert understand("glue my voice together") == apply("compressor", "add")
    assert understand("mellow out the echo") == apply("delay", "decrease")
