"""Questions about effects in general are neither a change nor a question about the chain."""

from __future__ import annotations

import pytest

from voicertc.assistant.counted import VERBS
from voicertc.assistant.declined import TEACH_TEXT, reply
from voicertc.assistant.dialogue import Say, understand
from voicertc.assistant.knowledge import asked_first, in_general, knowledge, to_be_taught
from voicertc.assistant.lexicon import padded
from voicertc.assistant.words import tokens


def _asked(said: str) -> tuple[list[str], str]:
    words = tokens(said)
    return words, " " + " ".join(words) + " "


@pytest.mark.parametrize(
    "said",
    ["what does a compressor do", "what is reverb", "whats compression", "what is reverb exactly",
     "is a limiter just a strong compressor", "how long does reverb last in a cathedral",
     "what makes a room sound dead"],
)  # fmt: skip
def test_about_effects_in_general(said: str) -> None:
    assert knowledge(*_asked(said))


@pytest.mark.parametrize("said", ["what is the reverb set to", "whats the delay at", "is the reverb on"])
def test_about_this_chain(said: str) -> None:
    assert not knowledge(*_asked(said))


def test_asked_to_be_taught() -> None:
    assert to_be_taught(*_asked("explain what attack and release do"))
    assert not to_be_taught(*_asked("add some reverb"))


@pytest.mark.parametrize(
    "said",
    ["why does a bathroom sound so echoey compared to a bedroom",
     "does compression make things louder or quieter",
     "do you need a compressor if you already have a limiter", "where does the name low cut come from"],
)  # fmt: skip
def test_a_question_in_general_reads_no_change(said: str) -> None:
    # the first read as a change before session 26 (a tune8 question about effects)
    assert in_general(*_asked(said))
    assert isinstance(understand(said), Say)


@pytest.mark.parametrize(
    "said",
    ["why do I sound so thin", "why does it sound so muddy", "does it need more compression",
     "why don't you add some reverb", "do you think it needs more reverb",
     "could you tell me why reverb helps"],
)  # fmt: skip
def test_a_question_of_this_call_is_no_question_in_general(said: str) -> None:
    assert not in_general(*_asked(said))


@pytest.mark.parametrize(
    "said",
    [
        "how many milliseconds is a typical slapback delay",
        "how many repeats does a normal echo have",
        "what ratio do people usually use on vocals",
    ],
)
def test_the_usual_asked_is_no_status_question_nor_a_change(said: str) -> None:
    assert isinstance(understand(said), Say)
    assert reply(tokens(said), padded(tokens(said))) == TEACH_TEXT  # (so the reader fills nothing)


@pytest.mark.parametrize(
    "said",
    ["is it true that plate reverb used actual metal sheets", "is it true you can make reverb with a spring",
     "how did they make reverb before digital plugins", "did people use delay on vocals in the sixties",
     "how did old records get that slapback sound", "do you know how a low pass filter works",
     "which came first, the delay or the reverb", "which is older, tape delay or plate reverb"],
)  # fmt: skip
def test_what_others_did_and_hearsay_are_asked_of_effects_in_general(said: str) -> None:
    assert isinstance(understand(said), Say)  # neither a change nor a look at the chain


@pytest.mark.parametrize("said", ["is it true that the reverb is on", "did you add the reverb"])
def test_what_this_call_has_is_not_hearsay(said: str) -> None:
    assert not isinstance(understand(said), Say)


@pytest.mark.parametrize(
    "said", ["will the delay mess up my rap timing?", "could the compressor ruin the dynamics"]
)
def test_a_worry_asked_of_an_effect_changes_nothing(said: str) -> None:
    assert isinstance(understand(said), Say)


def test_a_question_said_after_its_subject_is_put_first() -> None:
    assert asked_first(["echo or reverb", "which is better for vocals"], VERBS) == (
        "which is better for vocals, echo or reverb"
    )


@pytest.mark.parametrize(
    "parts",
    [["which is better for vocals", "echo or reverb"], ["add reverb", "what is a compressor anyway"]],
)
def test_a_question_said_first_or_beside_a_request_is_left(parts: list[str]) -> None:
    assert asked_first(parts, VERBS) is None
