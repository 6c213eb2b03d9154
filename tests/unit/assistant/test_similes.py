"""A picture of the sound beside an order only says why: the order is what is read."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import read

from voicertc.assistant.dialogue import Say, ToolCall
from voicertc.assistant.similes import unpictured, without


@pytest.mark.parametrize(
    ("said", "plain"),
    [
        ("roll off the top like an old telephone", "roll off the top"),
        ("take away the top, like an old transistor radio", "take away the top"),
        (
            "drop the high cut by a thousand hertz, more like an old radio",
            "drop the high cut by a thousand hertz",
        ),
        (
            "shave the highs off so it sounds like it's coming through a phone",
            "shave the highs off so it sounds",
        ),
        ("softer knee on the compressor, like a gentle tube leveler", "softer knee on the compressor"),
    ],
)
def test_without_takes_out_each_picture_to_the_end_of_its_clause(said: str, plain: str) -> None:
    assert without(said) == plain


@pytest.mark.parametrize(
    "said",
    [
        "I'd like a cathedral",
        "add reverb if you like",
        "we would like the echo",
        # how it sounds now, which the order points back at
        "I sound like I'm in a bathroom, tone it down",
        "it's thin and tinny like an old phone, bring back some of the bass",
        "could you make it a bit less like that?",
    ],
)
def test_a_wish_a_taste_or_the_sound_now_is_no_picture(said: str) -> None:
    assert without(said) is None


def test_the_turn_is_read_whole_where_without_its_pictures_it_asks_nothing() -> None:
    whole = [ToolCall("apply_audio_effect", {"effect": "reverb", "action": "add"})]
    assert unpictured("make it sound like a cathedral", whole, lambda _: [Say("")]) == whole
    assert unpictured("no pictures here", whole, lambda _: []) == whole


def test_a_turn_that_asked_nothing_is_not_read_again() -> None:
    nothing = [Say("")]
    assert unpictured("roll off the top like a phone", nothing, lambda _: [call("lowpass", "add")]) == nothing


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("roll off the top like an old telephone", call("lowpass", "add")),
        ("shave the highs off so it sounds like it's coming through a phone", call("lowpass", "add")),
        (
            "softer knee on the compressor, like a gentle tube leveler",
            call("compressor", "increase", param="knee_db"),
        ),
        ("make it sound like an old telephone", call("highpass", "add")),
    ],
)
def test_the_order_beside_a_picture_is_read(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a picture drawn nearer turns the effect up (which puts it on where it is off)
        ("make it sound more like a church", call("reverb", "increase")),
        ("it sounds like a small bedroom, make it more like a concert hall", call("reverb", "increase")),
        ("a bit more like a cave please", call("reverb", "increase")),
        # a picture drawn as it is puts the effect on
        ("make it sound like a church", call("reverb", "add")),
        ("I'd like more reverb", call("reverb", "increase")),
    ],
)
def test_a_picture_drawn_nearer(said: str, expected: object) -> None:
    assert read(said) == [expected]
