"""Session 36's readings, from kinds of sentence the lead wrote (no corpus's) after reading
tune14 (callers whose hands and minds are busy): what they do meanwhile, haste said as a
clause of its own, a signed amount as a step, a short change before a state of the home, where
they are said with a direction, an order said again after an aside, an order of their own sound
before a person's name, a level evened out; and talk of a class's bodies, a television, the
main speakers. Each kind has near misses that must keep their reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant.addressed import addressed
from voicertc.assistant.clauses import understand_all
from voicertc.assistant.scenes import is_change


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # what the caller is busy with meanwhile asks nothing ("up", "down")
        ("put some reverb on me while I chop the onions", call("reverb", "add")),
        ("turn me down a bit whilst we're hoovering", call("gain", "decrease")),
        ("more echo while I pin these up", call("delay", "increase", param="mix")),
        # haste said as a clause of its own is no shorter decay
        ("echo on my voice, quick", call("delay", "add")),
        ("reverb on me for this song, quick", call("reverb", "add")),
        # an amount said signed is a step; a level in dB stays a setting
        ("fuzz plus ten", call("distortion", "increase", 10)),
        ("echo mix plus fifteen percent", call("delay", "increase", 15, "percent", param="mix")),
        ("gain plus three", call("gain", "set", 3)),
        # a short change, then a state of the home
        ("low pass up a bit, the hoover's off", call("lowpass", "increase")),
        ("reverb down please, the kettle's on", call("reverb", "decrease")),
        # where the caller is, said with a direction
        ("we're down by the gate, louder please", call("gain", "increase")),
        ("I'm down in the cellar, louder please", call("gain", "increase")),
        ("we're down at the front, turn me up", call("gain", "increase")),
        # an order said again after an aside to someone, and an order of the speaker's own
        # sound before a person's name
        ("more echo, no, Sam, put that down, sorry, more echo", call("delay", "increase", param="mix")),
        ("take the delay off my voice, Tom, you'll see", call("delay", "remove")),
        # a level evened out
        ("level my voice out a bit", call("compressor", "add")),
        # the drive set, not driven to; a boost put on is the gain stage added
        ("drive to forty percent please", call("distortion", "set", 40, "percent")),
        ("chuck a volume boost on me", call("gain", "add")),
        ("put a boost on my mic", call("gain", "add")),
        # Whisper's "dirty air" for "dirtier"
        ("dirty air please", call("distortion", "increase")),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert understand_all(addressed(said).text or "") == [expected]


@pytest.mark.parametrize(
    "said",
    [
        "turn your guitar down, Tom, you're too loud",
        "squeeze your shoulders together and breathe",
        "take a deep breath and let your belly relax",
        "volume up on the telly",
        "turn the main speakers down a notch",
        "turn up the monitors, the band can't hear the click",
        "I'll drive to three venues tonight",
        "my flight's delayed again",
        "the timing's delayed by a few degrees",
        "take the volume down on your tablet, please",
    ],
)
def test_near_misses_ask_for_no_change(said: str) -> None:
    text = addressed(said).text
    assert text is None or not any(map(is_change, understand_all(text)))
