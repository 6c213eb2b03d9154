"""Session 49's readings from tune29's misses (a newcomer's first minutes): a setting pushed "to the
maximum", "right at the top" or "as short as it can go", or the "shortest ... possible", is set to
its limit; the volume "back to normal", or an effect back to "its normal setting", is reset (the
reverb "back to normal" is still its removal); a gain "trimmed to plus four" is set there; a delay
"a whole second long" is one second; an effect put on and taken "back off" is removed; "a long way
off" is a distance; what a setting does now, told after it is changed, is its reason. Asking
nothing: a question of what an effect or setting is, asked of effects in general and followed by
more questions; which effect does a thing; a change one is tempted to make and holds back; one to be
asked for when someone comes; another app's sound; amusement at the sound; understanding what an
effect means. An effect ordered in a sentence of its own after the room was told something is the
assistant's order. From tune27's and tune28's leftovers: one setting sent back to its default while
the rest is left ("decay back to the stock setting, leave the mix") is set to that default; "less
dry" is more of the effect; the repeats' loudness is the delay's mix. Near misses keep their
reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import asks_nothing, read


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("push the volume to the maximum", call("gain", "set", 24, "db")),
        ("stick the gain right at the top", call("gain", "set", 24, "db")),
        ("delay time, as short as it can go", call("delay", "set", 1, "ms")),
        ("the shortest reverb decay possible", call("reverb", "set", 0.1, "s", param="decay_s")),
        ("the longest delay possible", call("delay", "set", 2000, "ms")),
        ("volume back to normal, please", call("gain", "reset")),
        ("put the low cut back to its normal setting", call("highpass", "reset")),
        ("the reverb back to normal", call("reverb", "remove")),
        ("trim the gain to plus four", call("gain", "set", 4)),
        ("lower it to plus two", call("gain", "set", 2)),
        ("turn it down by four", call("gain", "decrease", 4)),
        ("the delay you put on, take it back off", call("delay", "remove")),
        ("switch the reverb back off please", call("reverb", "remove")),
        ("back off the reverb", call("reverb", "decrease")),
        ("make me sound a long way off", call("reverb", "increase")),
        ("longer reverb decay please, it cuts off too early", call("reverb", "increase", param="decay_s")),
        ("kids, this is what a reverb sounds like. turn on the reverb", call("reverb", "add")),
        ("add an echo, a whole second long", call("delay", "add", 1, "s")),
        ("wait a second, add a delay", call("delay", "add")),
        # (tune28) the dry signal is the effect's opposite; the repeats' loudness is the mix
        ("more wet on the reverb, less dry", call("reverb", "increase")),
        ("a bit more dry on the echo", call("delay", "decrease", param="mix")),
        ("the chat can't hear the echo, louder repeats please", call("delay", "increase", param="mix")),
        ("make the repeats quieter", call("delay", "decrease", param="mix")),
        ("more repeats", call("delay", "increase", param="feedback")),
        # (tune27, tune29) one setting sent back to its default, the rest left
        (
            "echo feedback back to the stock setting, leave the mix",
            call("delay", "set", 35, "percent", param="feedback"),
        ),
        ("reverb length back to normal please", call("reverb", "set", 2.0, "s", param="decay_s")),
        ("reset the compressor to default, attack, release, all of it", call("compressor", "reset")),
        ("the drive's been fiddled with, back to its default", call("distortion", "reset")),
        ("the Q on the high cut back to default", call("lowpass", "set", 0.707, param="q")),
        ("set the knee to, never mind, reset the whole compressor", call("compressor", "reset")),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    "said",
    [
        "what's the feedback on a delay",
        "what does compression mean, is it just squashing?",
        "what is overdrive, is that the same as distortion",
        "which effect makes a voice sound like a robot",
        "which one is the echo, the delay?",
        "I'm tempted to crank the reverb, but the neighbours",
        "part of me wants loads of echo, but I'll be good",
        "I'll ask for the distortion when my brother gets here",
        "Discord makes my voice sound like a robot",
        "the video call makes everyone sound tinny",
        "I sound like I'm in a tunnel, that's so funny",
        "oh, now I understand what a compressor does",
        "Nina, you're clipping. turn your gain down",
        "how long is the echo in a real canyon, like three seconds",
    ],
)
def test_asks_nothing(said: str) -> None:
    assert asks_nothing(said)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("I'm tempted to add reverb, but turn it up a bit", call("reverb", "increase")),
        ("what is the reverb set to, is it high?", None),
        ("now I want more reverb", call("reverb", "increase")),
        ("more echo, that's so cool", call("delay", "increase", param="mix")),
    ],
)
def test_near_misses(said: str, expected: object) -> None:
    if expected is None:
        assert read(said)[0].name == "get_effects"
    else:
        assert read(said) == [expected]
