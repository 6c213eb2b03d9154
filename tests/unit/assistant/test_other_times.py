"""Talk of another time, of not knowing, or of what was read or heard said, asks nothing unless a
verb asks."""

from __future__ import annotations

import pytest

from voicertc.assistant.other_times import another_time, asks, other_case
from voicertc.assistant.words import tokens


@pytest.mark.parametrize(
    "said",
    ["back in the day we bounced tracks to tape", "last stream my audio was so quiet",
     "the sound guy had no idea what a high pass was", "I used to use a lot of delay",
     # session 26, written as a caller would: an old band, college, a first album
     "my old band never used any compression at all", "I put way too much reverb on my first album",
     "back in college I ran everything through a distortion pedal",
     # what was read or said of effects in general
     "I read that compression is overused in modern pop", "people say reverb is overused",
     # tune8's kinds: once, a first thing, a time to come, being someone else, a teacher's advice
     "I once recorded a whole podcast episode with the volume way too low",
     "My first microphone picked up every rumble from the street",
     "Maybe someday I'll learn how to use a compressor properly",
     "Next week, when my friend joins, we might try some echo together",
     "If I were a radio DJ, I'd compress the heck out of my voice",
     "My singing teacher told me to always use a high pass on vocals",
     "there's construction outside, hopefully you can't hear it"],
)  # fmt: skip
def test_another_time(said: str) -> None:
    assert another_time(tokens(said))


@pytest.mark.parametrize(
    "said", ["last time the reverb was too much, so less reverb please", "yesterday I was quiet, turn me up",
             "add some reverb", "back in college I used delay, so add some delay",
             # said of this call's sound, passed on: a complaint still
             "people say I sound muffled", "they say reverb is overused, but add some anyway",
             "I'd love it if I were a bit louder", "next time add more reverb", "my first take was too quiet",
             "my producer told me that I sound too dry", "hopefully you can add some reverb"],
)  # fmt: skip
def test_asked_now(said: str) -> None:
    assert not another_time(tokens(said))


@pytest.mark.parametrize(
    ("said", "asking"),
    [("podcasters usually cut the low end", False), ("he always adds reverb", False),
     ("always add a bit of reverb", True), ("please always add reverb", True), ("cut the lows", True)],
)  # fmt: skip
def test_a_habit_told_asks_nothing(said: str, asking: bool) -> None:
    assert asks(tokens(said)) is asking


@pytest.mark.parametrize(
    "said",
    [
        "at my cousin's wedding the DJ had his mic way too loud",
        "at the conference the speaker's mic was way too quiet",
        "if I ever do a rock song I'll want loads of distortion",
    ],
)
def test_an_occasion_past_or_one_that_may_never_come(said: str) -> None:
    assert another_time(tokens(said))


def test_an_occasion_now_asks() -> None:
    assert not another_time(tokens("at the gig tonight I need more reverb"))


def test_a_person_by_their_part_tells() -> None:
    assert another_time(tokens("at my last show the sound tech put loads of reverb on me, I hated it"))
    assert not another_time(tokens("last time was too quiet, please put more gain on me"))


@pytest.mark.parametrize(
    "said",
    ["if I were doing a ballad I'd want more reverb", "in a bigger room I'd probably need less reverb",
     "if the song was slower I'd use a longer delay", "on a rock track I'd crank the distortion",
     "if my mic were better I wouldn't need the high pass"],
)  # fmt: skip
def test_what_one_would_do_in_another_case_asks_nothing(said: str) -> None:
    assert other_case(tokens(said))
    assert another_time(tokens(said))


@pytest.mark.parametrize(
    "said",
    ["if you could add some reverb I'd be grateful", "if I was a bit louder I'd be happier",
     "if it's not too much trouble I'd like more reverb", "for a warmer sound I'd go with a low pass"],
)  # fmt: skip
def test_a_wish_now_with_an_if_is_no_other_case(said: str) -> None:
    assert not other_case(tokens(said))


def test_an_old_setup_or_a_demo_is_another_time() -> None:
    assert another_time(tokens("on the old app my voice had no echo at all"))
    assert another_time(tokens("the reverb we used on the demo was huge"))


def test_a_case_like_this_one_is_this_one() -> None:
    assert not other_case(tokens("for a song like this I'd add more reverb"))
    assert not another_time(tokens("revert to the previous delay time"))
