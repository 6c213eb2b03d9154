"""Session 50's readings, from tune29's leftovers and tune30's misses (what the sound is for): the
mix said as how wet ("reverb completely wet"), a setting put "in the middle", "feedback to nothing"
and "only one echo", the low band named as "the deep part", "cut the decay" as a shorter tail, a
radio's "drive-time show", a setting's time said after a complaint ("..., faster attack"), a change
"cut back", an effect sent back to its default after a remark of another time, "back to factory
settings" with no verb, "to match him" as a reason, an echo "a hundred milliseconds later", the
distortion's "drive to the max", a voice that "comes out" too quiet. Asking nothing: a
report that ends or opens on its teller, a change thought of and let go ("actually no, it's
perfect", "hmm, no, it works", "I won't bother with the low cut today", "I thought the dragon could
use more reverb, but ..."). Near misses keep their reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import asks_nothing, read

from voicertc.assistant.reader.head import spared


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("make the reverb fully wet", call("reverb", "set", 100, "percent")),
        ("set the drive in the middle please", call("distortion", "set", 0.5, "fraction")),
        ("feedback to nothing", call("delay", "set", 0, param="feedback")),
        ("just one repeat please", call("delay", "set", 0, param="feedback")),
        # (test_repeats read this as less feedback before: a single echo is none fed back)
        ("just one echo please, not a whole bunch", call("delay", "set", 0, param="feedback")),
        ("take the deep part out of my voice", call("highpass", "add")),
        ("get the low stuff out of my mic", call("highpass", "add")),
        ("the church is huge, cut the decay", call("reverb", "decrease", param="decay_s")),
        ("the drive-time show wants a four to one ratio", call("compressor", "add", 4, param="ratio")),
        (
            "my loud words still poke out before the comp grabs them, faster attack",
            call("compressor", "decrease", param="attack_ms"),
        ),
        ("the echo is everywhere, cut it back", call("delay", "decrease")),
        ("it should sound like last week's show, reverb back to default", call("reverb", "reset")),
        ("everything back to factory settings", call(None, "reset")),
        ("the guest is quiet, bring me down to match her", call("gain", "decrease")),
        ("the echo fifty milliseconds later please", call("delay", "increase", 50, "ms")),
        ("for the boss fight, drive to the max", call("distortion", "set", 100, "percent")),
        ("for the wedding give me more of that church ring", call("reverb", "increase")),
        ("callers keep asking if the line is broken, kill the delay", call("delay", "remove")),
        (
            "for the space adventure set the echo to forty percent",
            call("delay", "set", 40, "percent", param="mix"),
        ),
        ("somebody fiddled with my reverb, factory settings please", call("reverb", "reset")),
        ("I messed up the delay, default settings please", call("delay", "reset")),
        ("my kid played with the compressor, stock settings please", call("compressor", "reset")),
        ("take the high stuff out of my voice", call("lowpass", "add")),
        (
            "the club's default delay settings suited everyone, put the delay back to them",
            call("delay", "reset"),
        ),
        ("the kids can't hear my esses, open the high cut up", call("lowpass", "increase")),
        # heard so: "esses" written "s's", "echoey reverb" written "echo reverb"
        ("The class can't hear my s's, open the high cut up.", call("lowpass", "increase")),
        ("We're in the caves, put a big echo reverb on me.", call("reverb", "add")),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # the rules read these, and the sentence reader's veto now spares them (a voice wished in a
        # word and "please", the echoes spaced, more room on the voice)
        ("the video plays in a hushed library, a quieter voice please", call("gain", "decrease")),
        ("the canyon in the story is huge, space the echoes further apart", call("delay", "increase")),
        ("the anthem should soar the way our old hall did, more room on me", call("reverb", "increase")),
        (
            "slower release, I just want to hear what it does",
            call("compressor", "increase", param="release_ms"),
        ),
        # (heard so: a setting's value after "plus", the distortion sent to its end)
        ("It'll be the ringtone for the shop, volume at plus six dB please.", call("gain", "set", 6, "db")),
        (
            "For the last boss, drive to the max, a hundred percent.",
            call("distortion", "set", 100, "percent"),
        ),
    ],
)
def test_the_veto_spares_these_orders(said: str, expected: object) -> None:
    assert read(said) == [expected]
    assert spared(said, [expected])


@pytest.mark.parametrize("said", ["a beer please", "the space between us", "more room in the car"])
def test_the_veto_spares_no_talk(said: str) -> None:
    assert not spared(said, [call("gain", "decrease")])


@pytest.mark.parametrize(
    "said",
    [
        "radio stations squash everything with compressors, a friend told me",
        "a sound designer friend says less is usually more with reverb",
        "maybe the intro wants more reverb, actually no, it's perfect",
        "thinking about a longer echo for the cave scene, hmm, no, it works",
        "I won't bother with the high cut today",
        "I thought the villain could use more distortion, but the kids are already scared",
        "we were going to strip all the effects for the sermon but the warden likes them",
        "I got all wet in the rain",
        "I always take the low part when we sing",
        "yesterday I put the compressor back to default",
        "the region around the lake has a lot of echoes",
        "will the listeners' earbuds cut off the bass of my voice",
    ],
)
def test_asks_nothing(said: str) -> None:
    assert asks_nothing(said)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("my producer says I sound muffled, add some high end", call("lowpass", "increase")),
        ("I thought the reverb could use a lift, but turn it up anyway", call("reverb", "increase")),
        ("add more reverb, it works better", call("reverb", "increase")),
        ("cut the feedback", call("delay", "decrease", param="feedback")),
    ],
)
def test_near_misses(said: str, expected: object) -> None:
    assert read(said) == [expected]
