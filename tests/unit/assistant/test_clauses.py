"""Several requests in one turn: each read by the dialogue, a shared verb shared, and a
single request read exactly as ``understand`` reads it."""

from __future__ import annotations

import pytest

from voicertc.assistant.clauses import understand_all
from voicertc.assistant.dialogue import APPLY, Say, ToolCall, understand


def call(effect: str, action: str, **more: object) -> ToolCall:
    return ToolCall(APPLY, {"effect": effect, "action": action, **more})


@pytest.mark.parametrize(
    ("text", "calls"),
    [
        # a verb for each
        (
            "put on a compressor and add some distortion",
            [call("compressor", "add"), call("distortion", "add")],
        ),
        ("kill the fuzz, then bring in some echo", [call("distortion", "remove"), call("delay", "add")]),
        ("boost the bass and switch off the reverb", None),  # checked below: a band, then a removal
        # one verb for two effects
        ("throw on some echo and a compressor", [call("delay", "add"), call("compressor", "add")]),
        ("switch off the delay and the compressor", [call("delay", "remove"), call("compressor", "remove")]),
        ("bump up the reverb and the gain", [call("reverb", "increase"), call("gain", "increase")]),
        # no verb at all: each effect wanted
        ("distortion and a little echo please", [call("distortion", "add"), call("delay", "add")]),
        # three
        (
            "remove the reverb, the delay and the fuzz",
            [call("reverb", "remove"), call("delay", "remove"), call("distortion", "remove")],
        ),
        # one effect off, another on
        ("swap the echo for some reverb", [call("delay", "remove"), call("reverb", "add")]),
        ("distortion off, compressor on", [call("distortion", "remove"), call("compressor", "add")]),
        # two settings of one effect: the parameter's effect is the request before's
        (
            "make the delay 250 ms and its mix 30 percent",
            [
                call("delay", "set", value=250, unit="ms"),
                call("delay", "set", value=30, param="mix", unit="percent"),
            ],
        ),
    ],
)
def test_each_request_is_read(text: str, calls: list[ToolCall] | None) -> None:
    read = understand_all(text)
    if calls is None:
        assert len(read) == 2 and read[1] == call("reverb", "remove")
        assert isinstance(read[0], ToolCall) and read[0].arguments["effect"] != "reverb"
        return
    assert read == calls


@pytest.mark.parametrize(
    "text",
    [
        "add a touch of echo",  # one request
        "give me some reverb, please",  # a comma before nothing more asked
        "set the delay to three hundred and fifty milliseconds",  # "and" inside a number
        "ratio three and a half to one on the compressor",
        "the compressor, turn it up a bit",  # "it" is the compressor
        "add some distortion and turn it up",  # ... and here the distortion, as read whole
        "the echo rings on and on, shorten the feedback",  # a reason, then the request: one effect
        "it sounds like a cardboard box, add some room",  # a reason naming no effect
        "reverb and echo are both overused",  # a statement about two effects
        "I love the reverb and the delay",
    ],
)
def test_one_request_reads_as_before(text: str) -> None:
    assert understand_all(text) == [understand(text)]


def test_a_part_that_asks_nothing_is_left_out() -> None:
    assert understand_all("the echo is perfect, add a compressor") == [call("compressor", "add")]
    # ... and a request opening with "but" after it stands alone
    assert understand_all("the echo is cool, but turn me up a bit") == [call("gain", "increase")]
    # a parameter's step, then why: the step kept
    slower = call("compressor", "increase", param="release_ms")
    assert understand_all("slower release, it's pumping") == [slower]


def test_a_question_about_effects_in_general_asks_for_nothing() -> None:
    [read] = understand_all("echo or reverb, which is better for vocals")
    assert isinstance(read, Say)
    assert understand_all("why did you swap the echo for reverb") == [
        understand("why did you swap the echo for reverb")
    ]


def test_nothing_heard_is_still_said() -> None:
    assert understand_all("") == [understand("")]
    assert understand_all("what a lovely day, and the weather too") == [
        understand("what a lovely day, and the weather too")
    ]


@pytest.mark.parametrize(
    ("text", "calls"),
    [
        ("echo and reverb off please", [call("delay", "remove"), call("reverb", "remove")]),
        ("the delay and the reverb down a bit", [call("delay", "decrease"), call("reverb", "decrease")]),
        (
            "reverb, delay and fuzz off",
            [call("reverb", "remove"), call("delay", "remove"), call("distortion", "remove")],
        ),
        ("compressor and distortion up", [call("compressor", "increase"), call("distortion", "increase")]),
    ],
)
def test_a_verb_said_after_the_last_effect_is_every_bare_effect_s(text: str, calls: list[ToolCall]) -> None:
    assert understand_all(text) == calls


@pytest.mark.parametrize(
    "text",
    [
        "compression and reverb are overrated",  # an opinion: no action after the names
        "delay and reverb sound lovely",
        "reverb and echo please",  # bare names with no verb: each added, as before
        "the delay and the reverb mix to 50 percent",  # a value is the last one's
    ],
)
def test_no_verb_after_the_names_lends_nothing_back(text: str) -> None:
    first = understand_all(text)[0]
    lent = isinstance(first, ToolCall) and first.arguments.get("action") in ("remove", "increase", "decrease")
    assert not lent


@pytest.mark.parametrize(
    ("text", "calls"),
    [
        ("add reverb and make it louder", [call("reverb", "add"), call("gain", "increase")]),
        ("put on some delay and make it a bit quieter", [call("delay", "add"), call("gain", "decrease")]),
        (
            "take off the distortion and turn the volume up",
            [call("distortion", "remove"), call("gain", "increase")],
        ),
        ("kill the reverb and bring up the volume", [call("reverb", "remove"), call("gain", "increase")]),
        ("turn off the delay and the compressor", [call("delay", "remove"), call("compressor", "remove")]),
    ],
)
def test_loudness_said_of_it_after_a_request_is_the_volume(text: str, calls: list[ToolCall]) -> None:
    assert understand_all(text) == calls


@pytest.mark.parametrize(
    "text",
    [
        "add reverb and turn it up",  # no loudness word: "it" is the reverb just added
        "the compressor, make it louder",  # after a bare name "it" is that effect
        "set the delay to five hundred and twenty ms",  # "and" inside a number
    ],
)
def test_it_without_loudness_stays_the_effect(text: str) -> None:
    assert understand_all(text) == [understand(text)]


@pytest.mark.parametrize(
    ("text", "calls"),
    [
        ("don't touch the delay and add reverb", [call("reverb", "add")]),
        ("leave the delay alone but add some reverb", [call("reverb", "add")]),
        ("add some distortion, but don't touch the compressor", [call("distortion", "add")]),
        ("keep the echo as it is and turn me up", [call("gain", "increase")]),
    ],
)
def test_a_request_beside_an_effect_left_alone_is_made(text: str, calls: list[ToolCall]) -> None:
    assert understand_all(text) == calls


@pytest.mark.parametrize(
    "text",
    [
        "more reverb later, but not now",  # a wish put off, not a request beside one
        "don't touch the reverb and add reverb",  # the same effect both ways: nothing is sure
        "please don't touch anything",
    ],
)
def test_an_effect_left_alone_alone_changes_nothing(text: str) -> None:
    assert not any(isinstance(i, ToolCall) for i in understand_all(text))


@pytest.mark.parametrize(
    ("said", "effect"),
    [
        ("switch the echo off and leave the reverb", "delay"),
        ("remove the distortion and keep the compressor", "distortion"),
        ("turn off the delay and keep the reverb on", "delay"),
    ],
)
def test_an_effect_kept_beside_a_removal_is_left_alone(said: str, effect: str) -> None:
    assert understand_all(said) == [ToolCall(APPLY, {"effect": effect, "action": "remove"})]
