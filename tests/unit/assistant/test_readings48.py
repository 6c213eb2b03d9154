"""Session 48's readings from the leftovers of tune27 (the settings) and tune28 (sounds pointed at
and the words of gear): a plugin's default preset or init patch is its reset; a plate, an echo
chamber and a clean boost named as the thing put on or taken out; an effect's send and wet level
are its mix, un-bypassing it puts it back; a change thought of and then turned down, or to be
reminded of, asks nothing now; praise that the setting is exactly what was wanted; a band wished
"gone" or stripped is cut, and so is one wished away ("..., no bass at all", not "my voice has no
bass"); a level checked is not changed; a parameter moved, then the effect wished for. Near misses keep
their reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import asks_nothing, read


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("load the default preset on the reverb", call("reverb", "reset")),
        ("put the verb back to its init patch", call("reverb", "reset")),
        ("recall the stock patch on the echo", call("delay", "reset")),
        ("throw a plate on there, the classic vocal kind", call("reverb", "add")),
        ("yank the plate out, we don't need it", call("reverb", "remove")),
        ("please remove that echo chamber effect, it's too much for a talk", call("reverb", "remove")),
        ("take the clean boost out", call("gain", "remove")),
        ("push the delay send up", call("delay", "increase", param="mix")),
        ("the echo is buried, bring up its wet level", call("delay", "increase", param="mix")),
        ("un-bypass the reverb, I want it back in the chain", call("reverb", "add")),
        ("take the compressor off bypass", call("compressor", "add")),
        ("roll the volume knob back a bit", call("gain", "decrease")),
        ("add reverb, but let's not overdo it", call("reverb", "add")),
        ("I want the top end gone like a kitchen radio from the fifties", call("lowpass", "add")),
        ("I want the low end gone", call("highpass", "add")),
        ("I want the reverb gone", call("reverb", "remove")),
        ("strip the low end", call("highpass", "add")),
        ("check the level, then turn me up", call("gain", "increase")),
        ("check the level, crank me up", call("gain", "increase")),
        (
            "widen the knee, I want the squeeze to come in gradually",
            call("compressor", "increase", param="knee_db"),
        ),
        ("I want the thin wind-up phonograph sound, no bass at all", call("highpass", "add")),
        ("I want it bright, no treble at all", call("lowpass", "add")),
        ("my voice has no bass at all", call("highpass", "decrease")),
        ("it sounds thin, no bass at all", call("highpass", "decrease")),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    "said",
    [
        "put the plate in the dishwasher",
        "can you take my plate away",
        "the collection plate is coming round now",
        "a walkie-talkie effect would be funny for the intro, but let's not, honestly",
        "we talked about making my voice sound underwater for the bit, then decided against it",
        "for tomorrow's episode remind me to think about the low cut",
        "the drive on my vocal is exactly the amount of grit I wanted",
        "the echo is exactly the length I wanted",
        "I've muted the group chat, it was getting too much",
        "the send button on my email is greyed out",
        "Ella, say something into the mic so I can check the level",
        "the drive belt in the washing machine snapped again",
        "I want the kids gone by nine",
    ],
)
def test_asks_nothing(said: str) -> None:
    assert asks_nothing(said)
