"""remarks.remark: a statement that names an effect and asks nothing of it."""

from __future__ import annotations

import pytest

from voicertc.assistant.clauses import understand_all
from voicertc.assistant.declined import LEFT_AS_IS_TEXT
from voicertc.assistant.dialogue import Say, ToolCall, tokens
from voicertc.assistant.remarks import approval, content, read_whole, remark


@pytest.mark.parametrize(
    "said",
    [
        "okay I can hear the reverb now",
        "so that's what a compressor does",
        "that's exactly the amount of reverb I wanted",
        "we tried the delay on the last song",
        "it is a very nice echo",
    ],
)
def test_remarks(said: str) -> None:
    assert remark(tokens(said))


@pytest.mark.parametrize(
    "said",
    [
        "I need reverb",
        "I'd like a bit of echo",
        "I can't hear the delay",
        "can I get a delay",
        "I want the reverb at 30 percent",
        "it needs more compression",
        "that's a lot of reverb",  # an amount complained of
        "reverb please",
        "I sound boomy",  # no effect named
    ],
)
def test_not_remarks(said: str) -> None:
    assert not remark(tokens(said))


@pytest.mark.parametrize(
    "said",
    [
        "the delay is perfect for this song",
        "whoa, the echo is so cool",
        "great, the hum is gone",
        "my voice sounds amazing with the compressor",
        "the gain is just right",
        "you turned it up just enough",
    ],
)
def test_approval(said: str) -> None:
    assert approval(tokens(said))


@pytest.mark.parametrize(
    "said",
    [
        "a cool echo please",  # asked
        "great, now more reverb",
        "the reverb is nice but too long",
        "my sparkle is gone",  # a loss, not a noise got rid of
        "nice echo, can you make it longer",
    ],
)
def test_not_approval(said: str) -> None:
    assert not approval(tokens(said))


def test_a_wish_liked_after_all_is_read_whole() -> None:
    assert read_whole(tokens("I asked for less delay before, but I've got used to it now"))
    assert not read_whole(tokens("the delay is too long, cut it down"))


@pytest.mark.parametrize(
    "said",
    ["oh there's the echo", "okay the delay kicked in", "the low cut really cleaned things up",
     "the delay fits the song really well"],
)  # fmt: skip
def test_an_effect_noticed_or_praised_as_it_works_asks_nothing(said: str) -> None:
    assert not any(isinstance(i, ToolCall) for i in understand_all(said))


@pytest.mark.parametrize(
    "said", ["it'd be cool if I sounded like I was in a big church", "perfect, if a bit loud"]
)
def test_praise_with_an_if_is_a_wish_or_a_complaint(said: str) -> None:
    assert not approval(tokens(said))


@pytest.mark.parametrize(
    ("said", "effect"),
    [
        ("nice one, bump the gain a couple of dB", "gain"),
        ("that's the vibe, now just a hint of echo", "delay"),
    ],
)
def test_praise_beside_a_request_keeps_the_request(said: str, effect: str) -> None:
    calls = [i for i in understand_all(said) if isinstance(i, ToolCall)]
    assert [c.arguments["effect"] for c in calls] == [effect]


@pytest.mark.parametrize(
    "said",
    ["the volume's fine", "the gain is fine where it is", "nah, the volume's okay actually",
     "the reverbs alright", "the echo is good as it is"],
)  # fmt: skip
def test_an_effect_said_to_be_fine_is_left_as_it_is(said: str) -> None:
    assert content(tokens(said))
    assert understand_all(said) == [Say(LEFT_AS_IS_TEXT)]


@pytest.mark.parametrize(
    "said",
    ["is the reverb okay?", "the reverb is fine but a bit long", "the volume isn't okay",
     "okay, add some reverb", "the delay is good, maybe more feedback"],
)  # fmt: skip
def test_fine_with_a_question_a_but_or_a_request_is_not_content(said: str) -> None:
    assert not content(tokens(said))


@pytest.mark.parametrize(
    "said",
    ["that high cut did the trick", "I can hear myself clearly now", "whoa the echo is wild",
     "the levels feel really steady now, I can go quiet and loud", "can you hear the echo?",
     "do you hear the reverb"],
)  # fmt: skip
def test_praise_an_exclamation_or_whether_it_is_heard_asks_nothing(said: str) -> None:
    assert not any(isinstance(i, ToolCall) for i in understand_all(said))


def test_not_heard_or_heard_beside_a_request_still_asks() -> None:
    assert not approval(tokens("I can't hear myself clearly"))
    assert not remark(tokens("can you hear the echo, get rid of it"))


def test_praise_denied_is_no_praise() -> None:
    assert not approval(tokens("my voice is never steady"))
    assert not approval(tokens("my levels aren't steady"))
