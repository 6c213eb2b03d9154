"""Session 44's readings from tune22 (politeness and chatter around requests) and tune23
(suggestions, trials and questions), beside ``test_contrasts.py``'s refusals: a setting with its
value after praise; "getting rid of"; an effect that "should go"; a chance asked of turning an
effect on; "one" that is a thing ("I haven't got one on"). Off-topic: an effect kept "just like
that", left "for now", questions of effects as kinds of thing ("why is a slapback echo so
short?") and of whether something is worth doing or possible. Near misses keep their reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import asks_nothing, read

from voicertc.assistant.dialogue import GET, ToolCall


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("good stuff, now reverb mix at 45%", call("reverb", "set", 45, "percent")),
        ("nice one, delay time 180 ms now", call("delay", "set", 180, "ms")),
        ("would you mind getting rid of the saturation?", call("distortion", "remove")),
        ("any chance of an echo? I haven't got one on", call("delay", "add")),
        ("is there any chance of turning the delay on? there isn't one yet", call("delay", "add")),
        ("perhaps the overdrive should go, I sound like a blown amp", call("distortion", "remove")),
        ("maybe the echo could go", call("delay", "remove")),
        # a question about an effect, then an order of "it"; cut shorter is shortened
        ("why does the reverb ring on so long? cut it shorter", call("reverb", "decrease", param="decay_s")),
        ("is the compressor on? turn it up", call("compressor", "increase")),
        ("cut the reverb shorter", call("reverb", "decrease", param="decay_s")),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("why not add a compressor", call("compressor", "add")),
        ("is it possible to add reverb", call("reverb", "add")),
        ("how about a reverb", call("reverb", "add")),
        ("keep the reverb but make it shorter", call("reverb", "decrease", param="decay_s")),
        ("set the ratio to one", call("compressor", "set", 1, param="ratio")),
        ("the reverb should go up a bit", call("reverb", "increase")),
        ("the delay should go longer", call("delay", "increase")),
        ("cut the reverb", call("reverb", "remove")),
    ],
)
def test_near_misses_keep_their_reading(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    "said",
    [
        "let's keep the reverb just like that",
        "I'm not sure I need the echo, but I'll leave it for now",
        "why is a slapback echo so short?",
        "does a high cut filter make speech harder to understand?",
        "is a reverb just lots of tiny echoes?",
        "is it worth putting foam panels on the ceiling of my spare room?",
        "is it possible the landlord will let us soundproof the spare room?",
    ],
)
def test_off_topic(said: str) -> None:
    assert asks_nothing(said)


def test_a_question_of_this_calls_chain_still_looks() -> None:
    assert read("is there a reverb on me") == [ToolCall(GET, {})]


@pytest.mark.parametrize("said", ["why", "is", "how", "do", "is a", "why a"])
def test_a_question_word_alone_is_read(said: str) -> None:
    """A transcript of one question word (Whisper writes them for a cough or a half-heard start)
    is read, not raised on: the generic-question check looks past the first word."""
    assert asks_nothing(said)
