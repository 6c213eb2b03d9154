"""A part read alone counts as a request of its own only where it opens like one."""

from __future__ import annotations

from voicertc.assistant.counted import counted, stepped, thanks_only, told_apart
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


def test_a_reason_clause_is_no_request_whatever_it_names() -> None:
    assert count("since the room is quieter now") == Say("")


def test_thanks_alone_and_a_sentence_told_apart() -> None:
    assert thanks_only(tokens("thanks so much")) and not thanks_only(tokens("thanks, add reverb"))
    assert told_apart("? ", tokens("the producer said it might help"))
    assert not told_apart("? ", tokens("get rid of it")) and not told_apart(", ", tokens("the producer said"))
