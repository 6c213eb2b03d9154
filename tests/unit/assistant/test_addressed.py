"""What of a turn is asked of the assistant, read by the rules: the lead's own sentences."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant.addressed import addressed
from voicertc.assistant.clauses import understand_all
from voicertc.assistant.declined import NOT_FOR_SOUND_TEXT
from voicertc.assistant.dialogue import Say


def test_the_words_after_a_name_with_the_rooms_told_as_where_people_are() -> None:
    turn = addressed("Sam can't hear me from the back of the hall, computer, turn me up")
    assert turn.by_name and turn.text == "turn me up"
    assert addressed("she can't hear me in the big hall, louder").text == "she can't hear me in there, louder"


def test_a_room_asked_for_stays() -> None:
    assert addressed("make me sound like I'm in the hall").text == "make me sound like I'm in the hall"
    assert addressed("the echo in the church was huge").text == "the echo in the church was huge"


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("Hey mixer, switch on the reverb for me", [call("reverb", "add")]),
        ("Guys, one sec, computer, delay off please", [call("delay", "remove")]),
        ("ok voice, more reverb on me, the crowd loves it", [call("reverb", "increase")]),
        ("Sam says she can't hear me at the back of the room, turn me up", [call("gain", "increase")]),
        ("the engineer wants my high cut at five kilohertz, set it", [call("lowpass", "set", 5, "khz")]),
        ("Put some distortion on us, assistant, we're the villains", [call("distortion", "add")]),
        ("turn up our reverb", [call("reverb", "increase")]),
        ("my low cut is too high", [call("highpass", "decrease")]),
        ("the echo on me can go now", [call("delay", "remove")]),
        ("put my reverb back to stock", [call("reverb", "reset")]),
        ("more drive, the second half is heavier", [call("distortion", "increase")]),
    ],
)
def test_readings(said: str, expected: list[object]) -> None:
    assert understand_all(said) == expected


@pytest.mark.parametrize(
    "said",
    [
        "Omar, your bass is too loud, turn it down",
        "Is the reverb too much from back there, Priya?",
    ],
)
def test_said_to_someone_is_declined(said: str) -> None:
    assert understand_all(said) == [Say(NOT_FOR_SOUND_TEXT)]


@pytest.mark.parametrize("said", ["my low cut jeans don't fit anymore", "my reverb pedal broke"])
def test_my_things_stay_mine(said: str) -> None:
    assert not any(getattr(i, "name", "") == "apply_audio_effect" for i in understand_all(said))
