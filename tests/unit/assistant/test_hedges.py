"""A wish hedged ("maybe an echo would work") and a reason given after a request ("...
because I shout"): sentences written for these tests, with near misses."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant.clauses import understand_all
from voicertc.assistant.declined import LEFT_AS_IS_TEXT
from voicertc.assistant.dialogue import Say, ToolCall, understand
from voicertc.assistant.hedges import let_be, reason_at, wished
from voicertc.assistant.words import tokens


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("I reckon a high pass might clean up the rumble", call("highpass", "add")),
        ("maybe some distortion would make it grittier", call("distortion", "add")),
        ("honestly a compressor could stop my voice from jumping around", call("compressor", "add")),
        ("I was wondering if an echo would work for this part", call("delay", "add")),
        # a reason given after the request does not change it
        ("turn the echo down because the donations are hard to hear", call("delay", "decrease", param="mix")),
        ("could you cut the lows cause the fan is rumbling", call("highpass", "add")),
        # what an effect is for: the thing cleared, not the effect
        ("I need a low pass to get rid of the hiss", call("lowpass", "add")),
        ("please use a high cut for reduce the noise", call("lowpass", "add")),
        ("stick a low cut on to tame the traffic rumble", call("highpass", "add")),
        # near misses: a value after "to", a state wished, an effect cleared by another
        ("set the low pass to 4 kHz", call("lowpass", "set", 4, "khz")),
        ("I want the delay to be longer", call("delay", "increase")),
        ("take the distortion off to remove the fuzz", call("distortion", "remove")),
    ],
)
def test_hedged_and_reasoned_requests(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    "words",
    [
        "a compressor would be overkill here",
        "a limiter would have saved that take",
        "the reverb would sound better shorter",  # the effect that is on: not a wish for one
        "a delay pedal is on my wishlist",
    ],
)
def test_no_wish_for_an_effect(words: str) -> None:
    assert wished(words.split()) is None


def test_a_reason_said_first_is_no_cut() -> None:
    assert reason_at("because i shout turn me down".split()) is None
    assert understand("because I shout, turn me down") == call("gain", "decrease")


def test_a_remark_let_be_asks_nothing() -> None:
    # session 26: "this room has terrible acoustics but whatever" added reverb
    assert let_be(tokens("this room has terrible acoustics but whatever"))
    assert understand("the reverb is too much but oh well") == Say(LEFT_AS_IS_TEXT)
    assert not let_be(tokens("too much reverb, take some off"))


@pytest.mark.parametrize(
    "said",
    [
        "I wanted it louder before, but it's fine now",
        "I thought I needed a high pass but it sounds fine now",
    ],
)
def test_a_wish_fine_now(said: str) -> None:
    assert not isinstance(understand(said), ToolCall)


@pytest.mark.parametrize(
    "said",
    [
        "hang on, don't add the echo until I start singing",
        "if it starts humming again, I'll ask you for the low cut",
        "when the drummer comes in, we'll probably need more gain",
        'my friend just said "turn the reverb up" but I\'m ignoring her',
        "the reverb question can wait until after the break",
        "would more echo help? probably not, leave it",
    ],
)
def test_put_off_or_thought_better_of(said: str) -> None:
    assert let_be(tokens(said))
    assert not isinstance(understand(said), ToolCall)


@pytest.mark.parametrize(
    "said", ["if you can, add some reverb", "when I sing loud it distorts", "don't add any more echo, cut it"]
)
def test_still_asked(said: str) -> None:
    assert not let_be(tokens(said))


@pytest.mark.parametrize(
    "said", ["I'll probably want more reverb later", "we might need a compressor later on"]
)
def test_a_wish_told_for_later_is_put_off(said: str) -> None:
    assert not any(isinstance(i, ToolCall) for i in understand_all(said))
