"""Session 16's readings of constructions the dialogue misread, on sentences written for
these tests (several wordings each, and near misses that must keep their reading)."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant.clauses import understand_all
from voicertc.assistant.dialogue import FALLBACK_TEXT, Say, ToolCall, understand
from voicertc.assistant.followups import FollowUps

# -- an amount taken off something is less of it ---------------------------------------------


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("shave a little off the decay", call("reverb", "decrease", param="decay_s")),
        ("take a bit off the reverb", call("reverb", "decrease")),
        ("could you take some off the reverb tail", call("reverb", "decrease", param="decay_s")),
        ("take a little bit off of the threshold", call("compressor", "decrease", param="threshold_db")),
        ("knock a touch off the delay time", call("delay", "decrease")),
    ],
)
def test_an_amount_taken_off_lowers_it(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("take the reverb off", call("reverb", "remove")),
        ("knock the echo off", call("delay", "remove")),
        ("shave 3 dB off the gain", call("gain", "decrease", value=3, unit="db")),
    ],
)
def test_what_is_taken_off_whole_is_removed(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


# -- "the amp" is the gain; "amp up" stays a verb ------------------------------------------


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("turn the amp up", call("gain", "increase")),
        ("turn the amp down a bit", call("gain", "decrease")),
        ("can you crank the amp", call("gain", "increase")),
        ("set the amp to minus 6 dB", call("gain", "set", value=-6, unit="db")),
        ("amp up the reverb", call("reverb", "increase")),  # the verb: what it amps is the effect
    ],
)
def test_the_amp_is_the_gain(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    "said",
    ["I bought a new amp yesterday", "my guitar amp is broken", "amp it up", "I love that amp"],
)
def test_an_amp_of_someones_or_the_verb_alone_asks_nothing(said: str) -> None:
    assert not isinstance(understand(said), ToolCall)


# -- an implied effect turned down when nothing is on: declined, and said so -------------------


@pytest.mark.parametrize(
    "turns",
    [
        ["add reverb", "reset", "drier"],
        ["reverb please", "clear everything", "make it a bit drier"],
        ["add some echo", "reset all the effects", "make it drier please"],
    ],
)
def test_an_implied_effect_lowered_after_a_reset_is_declined(turns: list[str]) -> None:
    session = FollowUps()
    for said in turns[:-1]:
        session.understand(said)
    reply = session.understand(turns[-1])
    assert isinstance(reply, Say) and "nothing to turn down" in reply.text


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (["reset", "quieter"], call("gain", "decrease")),  # an absent gain is 0 dB, lowered from there
        (["add reverb", "reset", "add reverb", "drier"], call("reverb", "decrease")),
        (["add reverb", "drier"], call("reverb", "decrease")),
    ],
)
def test_lowering_what_is_on_or_the_gain_still_acts(turns: list[str], expected: ToolCall) -> None:
    session = FollowUps()
    for said in turns[:-1]:
        session.understand(said)
    assert session.understand(turns[-1]) == expected


# -- a limit put on the amount asked for is no complaint -------------------------------------


@pytest.mark.parametrize(
    ("said", "effect"),
    [
        ("add reverb, not too much", "reverb"),
        ("add some distortion but not too much", "distortion"),
        ("some echo please, not too much though", "delay"),
        ("put a compressor on, nothing too heavy", "compressor"),
        ("not too much reverb", "reverb"),
    ],
)
def test_a_limit_on_the_amount_added_adds_it_at_its_defaults(said: str, effect: str) -> None:
    assert understand(said) == call(effect, "add")


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("not so much fuzz", call("distortion", "decrease")),  # less of it, not a limit
        ("the reverb is way too much", call("reverb", "decrease")),
        ("if it's not too much trouble, a touch of reverb please", call("reverb", "add")),
    ],
)
def test_too_much_said_of_what_is_there_still_lowers_it(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


# -- an effect said against ("would be overkill") is left off, and said so ----------------------


@pytest.mark.parametrize(
    ("said", "effect"),
    [
        ("a compressor would be overkill", "compressor"),
        ("honestly an echo would make it worse", "delay"),
        ("a delay would be pointless here", "delay"),
        ("some distortion would ruin it", "distortion"),
        # with no article, and "no need for" one (session 17)
        ("compression would be overkill", "compressor"),
        ("distortion would just make it worse", "distortion"),
        ("there's no need for compression", "compressor"),
        ("no need for an echo on this", "delay"),
    ],
)
def test_an_effect_said_against_is_left_off(said: str, effect: str) -> None:
    assert understand(said) == Say(f"All right, I'll leave the {effect} off.")


@pytest.mark.parametrize(
    "said", ["I think a compressor would help", "a reverb might be nice", "maybe an echo would work here"]
)
def test_an_effect_wished_for_is_still_added(said: str) -> None:
    reading = understand(said)
    assert isinstance(reading, ToolCall) and reading.arguments["action"] == "add"


def test_no_need_for_the_one_that_is_on_takes_it_off() -> None:
    assert understand("no need for the reverb any more") == call("reverb", "remove")


def test_a_bare_name_and_a_modal_is_no_wish_for_another() -> None:
    """Only "against" reads a bare name: "reverb would sound better shorter" is about the
    reverb that is on, not a wish to add one."""
    reading = understand("reverb would sound better shorter")
    assert isinstance(reading, ToolCall) and reading.arguments["action"] == "decrease"


# -- a level halved or doubled is 6 dB down or up (its amplitude halved or doubled) ------------


@pytest.mark.parametrize(
    ("said", "action"),
    [
        ("cut the volume in half", "decrease"),
        ("halve the gain please", "decrease"),
        ("drop the level by half", "decrease"),
        ("make it half as loud", "decrease"),
        ("double the volume", "increase"),
        ("make it twice as loud", "increase"),
    ],
)
def test_a_level_halved_or_doubled_moves_6_db(said: str, action: str) -> None:
    assert understand(said) == call("gain", action, value=6, unit="db")


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("cut the reverb in half", call("reverb", "decrease", value=0.5, unit="fraction")),  # a mix: a share
        ("turn the volume down by half a dB", call("gain", "decrease", value=0.5, unit="db")),
    ],
)
def test_a_share_of_a_mix_or_half_a_db_keeps_its_reading(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


def test_a_step_repeated_on_an_empty_chain_not_reset_still_follows() -> None:
    session = FollowUps()
    session.understand("lower the cutoff on the low pass")
    session.saw({"chain": []})  # the low pass was not on: the chain is empty, but nothing was reset
    assert session.understand("more") == call("lowpass", "decrease")


# -- a value said after several bare names is each one's -------------------------------------


@pytest.mark.parametrize(
    ("said", "calls"),
    [
        (
            "delay and reverb to 50 percent",
            [
                call("delay", "set", value=50, unit="percent", param="mix"),
                call("reverb", "set", value=50, unit="percent"),
            ],
        ),
        (
            "the reverb and the delay to 2 seconds",
            [call("reverb", "set", value=2, unit="s"), call("delay", "set", value=2, unit="s")],
        ),
        (
            "compressor and gain to minus 6 dB",
            [call("compressor", "set", value=-6, unit="db"), call("gain", "set", value=-6, unit="db")],
        ),
    ],
)
def test_a_value_said_after_several_names_sets_each(said: str, calls: list[ToolCall]) -> None:
    assert understand_all(said) == calls


@pytest.mark.parametrize(
    ("said", "calls"),
    [
        (
            "set the delay to 300 ms and the reverb",
            [call("delay", "set", value=300, unit="ms"), call("reverb", "add")],
        ),
        ("set the delay to 40 percent", [call("delay", "set", value=40, unit="percent", param="mix")]),
        (
            "set the delay feedback to 60 percent",
            [call("delay", "set", value=60, unit="percent", param="feedback")],
        ),
    ],
)
def test_a_value_said_first_or_of_one_effect_stays_its_own(said: str, calls: list[ToolCall]) -> None:
    assert understand_all(said) == calls


# -- the sound breaking up is too hot a level ----------------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "when I sing louder it distorts",
        "it starts clipping when I get loud",
        "whenever I talk louder it crackles",
        "my mic keeps clipping",
        "my voice distorts on the high notes",
    ],
)
def test_the_sound_breaking_up_lowers_the_gain(said: str) -> None:
    assert understand(said) == call("gain", "decrease")


@pytest.mark.parametrize(
    "said",
    [
        "yeah, no more clipping",
        "the guitar distorts nicely",
        "it isn't clipping anymore",
        "this old amp distorts a lot",
    ],
)
def test_clipping_gone_or_a_thing_distorting_asks_nothing(said: str) -> None:
    assert not isinstance(understand(said), ToolCall)


# -- an effect said to help someone do something else is no wish for it -------------------------


@pytest.mark.parametrize(
    "said",
    [
        "I think a delay would help us finish the project",
        "a delay might help us get more subscribers",
        "some reverb would help them relax",
    ],
)
def test_help_at_something_else_asks_nothing(said: str) -> None:
    assert understand(said) == Say(FALLBACK_TEXT)


@pytest.mark.parametrize(
    ("said", "effect"),
    [
        ("I think a delay would help", "delay"),
        ("a compressor would help me sound more even", "compressor"),
        ("maybe some reverb would help my voice", "reverb"),
        ("a compressor would help us hear it better", "compressor"),
    ],
)
def test_help_with_the_sound_is_a_wish(said: str, effect: str) -> None:
    assert understand(said) == call(effect, "add")


# -- a noise located in a thing of the room, unless it is heard here ----------------------------


@pytest.mark.parametrize(
    "said",
    [
        "there is a hiss coming from the gas pipe",
        "there's a hum coming from the fridge",
        "there's a whine coming from the radiator",
        "a rumble is coming from the building site next door",
    ],
)
def test_a_noise_of_a_thing_in_the_room_asks_nothing(said: str) -> None:
    assert not isinstance(understand(said), ToolCall)


@pytest.mark.parametrize(
    ("said", "effect"),
    [
        ("there's a hiss coming from my mic", "lowpass"),
        ("there's a rumble from the washing machine in the recording", "highpass"),
        ("there's a hum from the fridge, get rid of it", "highpass"),
        ("there is a hiss", "lowpass"),
    ],
)
def test_a_noise_heard_here_is_filtered(said: str, effect: str) -> None:
    reading = understand(said)
    assert isinstance(reading, ToolCall) and reading.arguments["effect"] == effect


# -- an effect's word naming a group of people -----------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "Echo company, move out.",
        "delay team, assemble",
        "Echo squad, hold your position",
        "reverb studios is hiring",
    ],
)
def test_an_effect_word_naming_a_group_asks_nothing(said: str) -> None:
    assert not isinstance(understand(said), ToolCall)


@pytest.mark.parametrize(
    ("said", "effect"), [("add some echo for the team call", "delay"), ("add reverb for the crew", "reverb")]
)
def test_an_effect_added_for_a_group_is_still_added(said: str, effect: str) -> None:
    assert understand(said) == call(effect, "add")


# -- an amount word after "more" is a noun, not "a hair more" ----------------------------------


@pytest.mark.parametrize("said", ["more hair", "less hair", "more bit", "more touch please"])
def test_more_of_something_else_is_no_follow_up(said: str) -> None:
    session = FollowUps()
    session.understand("add reverb")
    assert not isinstance(session.understand(said), ToolCall)


@pytest.mark.parametrize(
    ("said", "action"),
    [
        ("a hair more", "increase"),
        ("bit more", "increase"),
        ("lower it a bit", "decrease"),
        ("up a tiny bit", "increase"),
    ],
)
def test_an_amount_said_as_one_still_steps(said: str, action: str) -> None:
    session = FollowUps()
    session.understand("add reverb")
    assert session.understand(said) == call("reverb", action)


# -- ", no the delay": "no" before an effect named with its article corrects it ------------------


@pytest.mark.parametrize(
    ("said", "calls"),
    [
        ("the reverb, no the delay, is too loud", [call("delay", "decrease", param="mix")]),
        ("add the reverb, no the delay", [call("delay", "add")]),
        ("the compressor, no the gain, is too low", [call("gain", "increase")]),
    ],
)
def test_no_before_a_named_effect_corrects_it(said: str, calls: list[ToolCall]) -> None:
    assert understand_all(said) == calls


@pytest.mark.parametrize(
    ("said", "calls"),
    [
        ("add delay, no reverb", [call("delay", "add"), call("reverb", "remove")]),
        ("add delay, no more reverb", [call("delay", "add"), call("reverb", "remove")]),
    ],
)
def test_no_before_a_bare_effect_still_removes_it(said: str, calls: list[ToolCall]) -> None:
    assert understand_all(said) == calls
