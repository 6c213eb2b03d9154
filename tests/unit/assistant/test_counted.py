"""A part read alone counts as a request of its own only where it opens like one."""

from __future__ import annotations

from voicertc.assistant.counted import counted, stepped
from voicertc.assistant.dialogue import Say, understand
from voicertc.assistant.words import tokens


def count(part: str) -> object:
    return counted(tokens(part), understand(part))


def test_a_part_opening_with_a_verb_is_a_request() -> None:
    assert count("give it some room") == understand("give it some room")


def test_a_described_sound_is_the_reason_for_a_request_not_one() -> None:
    assert count("I sound like I'm talking into a pillow") == Say("")


def test_a_desk_level_and_an_effects_word_with_a_value_are_requests() -> None:
    assert count("vocal up four") == understand("vocal up four")
    assert count("drive to fifteen") == understand("drive to fifteen")


def test_a_parameter_stepped_is_a_request() -> None:
    assert stepped(tokens("slower release"))
    assert not stepped(tokens("too many repeats"))
