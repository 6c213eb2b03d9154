"""What is refused beside what is wanted (``contrasts.wanted``): the refusals a turn opens with are
dropped, a refused change lends its effect to a wanted part that only points at it, a wrong
guess lends nothing, everything kept but one thing is about that thing, and a turn that only
forbids a change wants nothing."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import asks_nothing, read

from voicertc.assistant.contrasts import kept, wanted


@pytest.mark.parametrize(
    ("said", "left"),
    [
        ("Not shorter, just quieter: bring the reverb mix down.", "just quieter: bring the reverb mix down."),
        ("No, not the echo, the reverb, turn it down", "the reverb, turn it down"),
        ("Don't kill the reverb, just tame it", "the reverb, just tame it"),  # lent: "it" points at it
        ("The problem isn't the echo, it's my level, lower it", "my level, lower it"),  # not lent
        ("It's not that I'm too loud, it's that I sound thin", "I sound thin"),
        # a complaint refused, its effect still meant: "it" is the reverb
        (
            "It's not that the reverb is wrong, it's that there's too much of it",
            "the reverb, there's too much of it",
        ),
        ("Keep everything except the reverb, that can go.", "remove the reverb"),
        ("Keep all the effects except the high cut.", "remove the high cut"),
        (
            "Don't change anything apart from the volume, which should come down",
            "the volume should come down",
        ),
        ("Please don't put any fuzz on me, I've got a ballad next.", ""),  # only forbidden
        ("Nope, no more compression, what's there is fine.", ""),
    ],
)
def test_what_is_wanted(said: str, left: str) -> None:
    assert wanted(said) == left


@pytest.mark.parametrize(
    "said",
    [
        "add some reverb",
        "not so loud",  # a refusal alone may still ask
        "not loud enough, turn me up",  # a complaint, not a refusal
        "not now, maybe later",
        "I don't want any reverb",  # a removal
        "no more delay, thanks",
    ],
)
def test_no_contrast(said: str) -> None:
    assert wanted(said) is None
    assert kept(said) == said


def test_kept_is_none_where_nothing_is_wanted() -> None:
    assert kept("Don't drop the high-pass, it's doing its job.") is None
    assert kept("Not louder, brighter: raise the low-pass.") == "brighter: raise the low-pass."


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("Not more repeats, I said shorter, bring the echo time down.", call("delay", "decrease")),
        ("I don't want the echo louder, I want it to come back later.", call("delay", "increase")),
        ("No, not the threshold, the ratio, lower it.", call("compressor", "decrease", param="ratio")),
        ("Not the gain, the drive on the distortion, lower it.", call("distortion", "decrease")),
        ("I'm not asking you to remove the low-pass, only to lower it.", call("lowpass", "decrease")),
        ("I don't want the high-pass gone, only set lower.", call("highpass", "decrease")),
        ("It's not that I don't want distortion, go on, put some on.", call("distortion", "add")),
        ("Rather than taking the fuzz off, just make the whole thing quieter.", call("gain", "decrease")),
        ("Not two to one, four to one on the ratio.", call("compressor", "add", 4, param="ratio")),
        (
            "Keep everything as it is except my level, drop that by four decibels.",
            call("gain", "decrease", 4, "db"),
        ),
        ("Not off, reset: the delay back to factory settings.", call("delay", "reset")),
        ("Don't take the echo off, just reset it to its defaults.", call("delay", "reset")),
    ],
)
def test_the_wanted_change_is_made(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    "said",
    [
        "Don't touch my volume, it's perfect.",
        "Don't make the room any bigger, it's lovely as is.",
        "No, don't lower the gain, I was talking to my dog.",
        "I don't want the delay any different from how it is now.",
        "No more echo, thanks, what's there is plenty.",
        "Don't bother with the low cut, the hum has stopped.",
        "It's not the reverb, it's that I'm out of tune.",
    ],
)
def test_nothing_wanted(said: str) -> None:
    assert asks_nothing(said)
