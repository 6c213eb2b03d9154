"""Session 35's readings, from kinds of sentence the lead wrote (no corpus's) after reading
tune13 (an assistant embedded in other apps): decibels taken off the speaker's own sound, a
level moved by a bare number, defaults with the effect named inside, a story or a reason told
beside a request, points of a percentage, the occasion an app names, an order after a
described sound, further down said "down more", the app's own features. Each kind has near
misses that must keep their reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant.clauses import understand_all
from voicertc.assistant.scenes import is_change


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # decibels off the speaker's own sound, a reason first or not
        ("take two decibels off my mic", call("gain", "decrease", 2, "db")),
        ("my brother says I'm booming, take two decibels off my mic", call("gain", "decrease", 2, "db")),
        # a level moved by a number said alone is decibels
        ("bring me up three", call("gain", "increase", 3, "db")),
        # defaults with the effect's name inside
        ("stock delay settings please", call("delay", "reset")),
        ("compressor on default please", call("compressor", "reset")),
        # what someone did to it, told after a reset
        ("reset the reverb, my cousin messed it up", call("reverb", "reset")),
        # points of a percentage are a step
        ("add ten points of mix to the delay", call("delay", "increase", 10, "percent", param="mix")),
        ("knock five points off the reverb", call("reverb", "decrease", 5, "percent")),
        # the occasion an app names, and a later plan, ask nothing
        ("a little more delay on me for the quiz round", call("delay", "increase")),
        ("add some reverb for the intro slide, then we'll switch it off", call("reverb", "add")),
        ("for the song with grade five, put an echo on me", call("delay", "add")),
        # a setting, then its reason or what it is for
        ("high pass at 120 hertz, the aircon is rumbling", call("highpass", "set", 120, "hz")),
        ("set the delay to 200 ms, just a little slapback", call("delay", "set", 200, "ms")),
        # a sound described, then the order that says what to change
        ("the echoes pile up on my words, bring the delay mix down", call("delay", "decrease", param="mix")),
        ("I sound flat and lifeless, give it a bit of space around me", call("reverb", "add")),
        # "comp" of a game is no compressor
        ("mute the delay, we're heading into comp", call("delay", "remove")),
        # "down more" goes further down
        ("pull the high pass down more", call("highpass", "decrease")),
        ("turn it down more", call("gain", "decrease")),
        # qualities, filters and steps said other ways
        ("make my voice sound fried", call("distortion", "add")),
        ("switch off all the effects and filters", call(None, "reset")),
        ("can you filter the lows", call("highpass", "add")),
        ("take the hiss off the top of my voice", call("lowpass", "add")),
        ("lower the reverb one step", call("reverb", "decrease")),
        ("echo volume up a touch", call("delay", "increase", param="mix")),
        # the occasion said first, before an order naming its own effect
        ("for the compression unit in today's science class, add reverb to me", call("reverb", "add")),
        # Whisper's "points off", "a couple of" run together
        ("knock ten point soft the echo mix", call("delay", "decrease", 10, "percent", param="mix")),
        ("make me a cupboard decibels louder", call("gain", "increase", 2, "db")),
        # a setting, then what it is for in the same effect's words
        (
            "delay feedback to twenty percent, just a few repeats",
            call("delay", "set", 20, "percent", param="feedback"),
        ),
        ("filter the highs please", call("lowpass", "add")),
        ("reset the delay to factory, I've tweaked it too much", call("delay", "reset")),
        ("soften the high hissy sounds", call("lowpass", "add")),
        ("put the reverb back to the settings it had", call("reverb", "reset")),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert understand_all(said) == [expected]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a second order after a setting is still an order
        (
            "set the delay to 200 ms, just cut the lows",
            [call("delay", "set", 200, "ms"), call("highpass", "add")],
        ),
    ],
)
def test_several_requests_stay(said: str, expected: list[object]) -> None:
    assert understand_all(said) == expected


@pytest.mark.parametrize(
    "said",
    [
        "start the rehearsal timer",
        "translate the word echo for me",
        "can you repeat the question",
        "set my status to busy",
        "the documentary I'm watching has a narrator soaked in reverb, sorry about that",
        "the webinar had so much echo I couldn't follow it",
        "we lost ten points on the quiz",
        "I'm heading into comp now",
        "spell the word echo for the class",
        "I'll compress the video clip before I upload it",
        "turn up your own volume if you can't hear me, class",
    ],
)
def test_near_misses_ask_for_no_change(said: str) -> None:
    assert not any(map(is_change, understand_all(said)))
