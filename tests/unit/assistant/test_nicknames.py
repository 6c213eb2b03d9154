from __future__ import annotations

import pytest

from voicertc.assistant.nicknames import named


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("take away the church sound", "take away the reverb"),
        ("could the church bit last longer", "could the reverb last longer"),
        ("turn off the repeating voice", "turn off the delay"),
        ("switch off the growly thing", "switch off the distortion"),
        ("no more monster voice", "no more distortion"),
        ("more of that gravelly effect", "more of that distortion"),
        ("put the rumble remover back", "put the highpass back"),
        ("the grumble blocker thing put it back", "the highpass put it back"),
        ("ease off the evening out a little", "ease off the compressor a little"),
        ("put a booster on my voice", "put a gain on my voice"),
        ("make the copy of my voice louder", "make the delay louder"),
        ("turn off the thing that makes me say everything twice", "turn off the delay"),
        ("switch off the thing that was hiding the rumble", "switch off the highpass"),
        ("turn off whatevers making my whispers as loud as my shouting now", "turn off the compressor now"),
    ],
)
def test_a_pictured_name_is_the_effect(said: str, read: str) -> None:
    assert named(said.split()) == read.split()


@pytest.mark.parametrize(
    "said",
    [
        "the church was cold this morning",  # a place, no sound of it
        "the church thing on sunday",  # a church's thing is an event
        "the church sound system is broken",  # another thing's
        "the growly sound of the engine",
        "a growly dog barked",
        "my dog is growly today",  # no determiner before it
        "the rumble of the trains",
        "an evening out with friends",
        "the thing that makes me happy is cake",
        "whatever makes you smile",
    ],
)
def test_a_picture_that_names_no_effect_is_left(said: str) -> None:
    assert named(said.split()) == said.split()


def test_a_picture_beside_the_effects_name_is_left() -> None:
    said = "my students want the monster voice switch on the distortion".split()
    assert named(said) == said
