"""Parameters said in everyday words (session 15, from tune4's misses): a delay's time as
the spacing of its echoes, a compressor's attack and release as how soon it grabs and lets
go. Sentences written for these tests, with near misses that must read as before."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant.clauses import understand_all
from voicertc.assistant.dialogue import ToolCall, understand


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # the delay's time as the spacing of its echoes
        ("spread the repeats out a little", call("delay", "increase")),
        ("put more time between the echoes", call("delay", "increase")),
        ("can you space out the echoes", call("delay", "increase")),
        ("pull the repeats closer together", call("delay", "decrease")),
        ("the echoes are too far apart", call("delay", "decrease")),
        ("the repeats sit too close together", call("delay", "increase")),
        # a speed of the echoes is their time, whatever else is named
        ("let the repeats arrive later", call("delay", "increase")),
        ("slow the delay down so each repeat lands later", call("delay", "increase")),
        ("can the echoes come back sooner", call("delay", "decrease")),
        # near misses: space as room, and numbers or named parameters as before
        ("add some space", call("reverb", "add")),
        ("more feedback on the echo", call("delay", "increase", param="feedback")),
        ("more space on my voice", call("reverb", "increase")),
    ],
)
def test_echo_spacing_is_the_delay_time(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("have the compressor clamp down quicker", call("compressor", "decrease", param="attack_ms")),
        ("make the compressor kick in slower", call("compressor", "increase", param="attack_ms")),
        ("I want the compression to react faster", call("compressor", "decrease", param="attack_ms")),
        ("the compressor should let go sooner", call("compressor", "decrease", param="release_ms")),
        ("make the limiter bounce back slower", call("compressor", "increase", param="release_ms")),
        ("could the compressor recover quicker", call("compressor", "decrease", param="release_ms")),
        # near misses: a named time, or no time at all
        ("faster attack on the compressor", call("compressor", "decrease", param="attack_ms")),
        ("speed up the compressor release", call("compressor", "decrease", param="release_ms")),
        ("make the compressor faster", call("compressor", "decrease")),
    ],
)
def test_a_compressor_grabbing_and_letting_go(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a setting dropped or cut is lowered: it cannot be taken off
        ("drop the threshold", call("compressor", "decrease", param="threshold_db")),
        ("cut the compressor ratio down", call("compressor", "decrease", param="ratio")),
        ("kill some of the resonance on the low pass", call("lowpass", "decrease", param="q")),
        # "by" a number is a step of that size, with or without a unit
        ("cut the ratio by two", call("compressor", "decrease", 2, param="ratio")),
        ("drop the drive by 10", call("distortion", "decrease", 10)),
        # "two more dB": the number's unit is after the "more"
        ("three more decibels please", call("gain", "increase", 3, "db")),
        ("give me 2 extra dB", call("gain", "increase", 2, "db")),
        ("add 40 more milliseconds to the echo", call("delay", "increase", 40, "ms")),
        # a gain trimmed
        ("trim the level by 4 dB", call("gain", "decrease", 4, "db")),
        # a slope is no setting: the cutoff is
        ("low pass at 6 kHz, 12 dB per octave", call("lowpass", "set", 6, "khz")),
        # a filter's Q bumped or made sharper
        ("bump the resonance on the high cut", call("lowpass", "increase", param="q")),
        ("give the low pass a sharper peak", call("lowpass", "increase", param="q")),
        # near misses: removals, and a bump said of nothing
        ("drop the compressor", call("compressor", "remove")),
        ("cut the echo", call("delay", "remove")),
    ],
)
def test_steps_of_a_setting(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


def test_a_bump_of_something_else_is_no_request() -> None:
    assert not isinstance(understand("I bumped the desk with my knee"), ToolCall)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # one effect back to its defaults, the words apart or said as where it started
        ("restore the factory reverb settings", call("reverb", "reset")),
        ("bring back the original compressor settings", call("compressor", "reset")),
        ("set the high pass to its default values", call("highpass", "reset")),
        ("put the echo back the way it came", call("delay", "reset")),
        ("return the distortion to where it started", call("distortion", "reset")),
        ("put all the low pass settings back how they were", call("lowpass", "reset")),
        # near misses: an effect brought back, or a default only mentioned
        ("restore the delay", call("delay", "add")),
        ("put the reverb back on", call("reverb", "add")),
        ("use the default reverb", call("reverb", "add")),
    ],
)
def test_one_effect_reset(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a boost put in is the gain stage added; a boost given is more of it
        ("would you insert a volume boost", call("gain", "add")),
        ("could we add a level boost on my mic", call("gain", "add")),
        ("give me a volume boost", call("gain", "increase")),
        ("boost the gain a little", call("gain", "increase")),
        ("insert a volume boost of 4 dB", call("gain", "set", 4, "db")),
        # the amplifier is the gain
        ("can you switch the amplifier on", call("gain", "add")),
        ("turn the amplifier down a bit", call("gain", "decrease")),
        # "one" after a verb is the effect named before, not a value of 1
        ("I hear a limiter helps, can you put one on", call("compressor", "add")),
        ("reverb would be nice, could you add one please", call("reverb", "add")),
        ("set the compressor ratio to one", call("compressor", "set", 1, param="ratio")),
        ("turn the volume up one dB", call("gain", "increase", 1, "db")),
    ],
)
def test_effects_asked_for_as_things(said: str, expected: ToolCall) -> None:
    assert understand_all(said) == [expected]


def test_an_amplifier_of_ones_own_is_no_request() -> None:
    assert not isinstance(understand("my amplifier broke last week"), ToolCall)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # how much echo is heard is the delay's mix
        ("a little more echo on my voice", call("delay", "increase", param="mix")),
        ("can we have less echo during the talk", call("delay", "decrease", param="mix")),
        ("the echo is a bit much, turn the delay down", call("delay", "decrease", param="mix")),
        ("way too much echo in here", call("delay", "decrease", param="mix")),
        ("make the echo a touch wetter", call("delay", "increase", param="mix")),
        ("the delay could be drier", call("delay", "decrease", param="mix")),
        # near misses: the effect stepped by its verb, or its time, as before
        ("turn the delay up", call("delay", "increase")),
        ("reduce the echo", call("delay", "decrease")),
        ("a bit longer delay", call("delay", "increase")),
        ("more feedback on the echo", call("delay", "increase", param="feedback")),
    ],
)
def test_how_much_echo_is_its_mix(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a parameter's word that also names its effect still names the parameter
        ("a few more repeats please", call("delay", "increase", param="feedback")),
        ("fewer repeats", call("delay", "decrease", param="feedback")),
        ("less feedback", call("delay", "decrease", param="feedback")),
        ("more decay", call("reverb", "increase", param="decay_s")),
        # near misses: the effect's own name, or a parameter that is its primary
        ("more echo", call("delay", "increase", param="mix")),
        ("more delay", call("delay", "increase")),
        ("more drive", call("distortion", "increase")),
    ],
)
def test_a_parameter_that_also_names_its_effect(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    ("said", "action"),
    [
        ("softer knee", "increase"),
        ("a gentler knee on the compressor please", "increase"),
        ("I'd like a smoother knee", "increase"),
        ("make the knee harder", "decrease"),
        ("give the compressor a sharper knee", "decrease"),
    ],
)
def test_a_softer_knee_is_a_wider_one(said: str, action: str) -> None:
    assert understand(said) == call("compressor", action, param="knee_db")


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("lower the knee", call("compressor", "decrease", param="knee_db")),
        ("soften the compressor", call("compressor", "decrease")),  # no knee named: as before
        ("add a compressor with a soft knee", call("compressor", "add")),
    ],
)
def test_the_knee_unnamed_or_unchanged_reads_as_before(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected
