"""A scene told beside an order (``scenes``): the order alone is the request."""

from __future__ import annotations

import pytest

from voicertc.assistant import scenes


@pytest.mark.parametrize(
    ("said", "order"),
    [
        ("turn the echo down a bit, the beat's fast tonight", "turn the echo down a bit"),
        ("set the low cut to ninety, the church is boomy", "set the low cut to ninety"),
        ("two hundred on the high pass, the room is full of rumble", "two hundred on the high pass"),
    ],
)
def test_the_order_before_a_state_told_of_a_thing(said: str, order: str) -> None:
    assert scenes.order_before_state(said) == order


@pytest.mark.parametrize(
    "said",
    [
        "the reverb, the hall is too big",  # no order: the rules read the whole
        "add reverb, the delay is too loud",  # a second complaint, of an effect
        "turn it down",  # nothing told beside it
    ],
)
def test_no_order_is_taken_from_a_complaint_or_a_bare_name(said: str) -> None:
    assert scenes.order_before_state(said) is None


def test_the_order_after_a_scene_that_names_no_effect() -> None:
    assert scenes.order_after_scene("with the kettle going up, make me louder") == "make me louder"
    assert scenes.order_after_scene("the kids are down at last, can you turn me up") == "can you turn me up"


@pytest.mark.parametrize(
    "said",
    [
        "that buzzy effect is too much, turn it down",  # "it" is what the scene told of
        "the reverb is nice, add some delay",  # the scene names an effect: the clauses' to read
        "the kettle is boiling, lovely",  # no order after it
    ],
)
def test_no_order_after_a_scene_that_points_or_names(said: str) -> None:
    assert scenes.order_after_scene(said) is None
