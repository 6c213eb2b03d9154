"""General follow-up readings: the amount of an effect just added, a parameter word alone,
a turn of follow-up phrases only, a value alone in the last setting's unit, a setting
carried to another effect, and more ways to say "back", "the other way" and "a hair"."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant.dialogue import Say, ToolCall
from voicertc.assistant.followup_phrases import APPROVED
from voicertc.assistant.followups import FollowUps


def session(*turns: str) -> FollowUps:
    follow = FollowUps()
    for turn in turns:
        follow.understand(turn)
    return follow


def args(reply: object) -> dict[str, object]:
    assert isinstance(reply, ToolCall), reply
    return dict(reply.arguments)


@pytest.mark.parametrize(
    ("said", "action"),
    [("more", "increase"), ("a bit more", "increase"), ("up a bit", "increase"),
     ("too far", "decrease"), ("a little less", "decrease"), ("that's too much", "decrease")],
)  # fmt: skip
def test_more_of_an_echo_just_added_is_more_of_it_heard(said: str, action: str) -> None:
    assert session("put an echo on my voice").understand(said) == call("delay", action, param="mix")


def test_more_after_a_step_or_on_another_effect_keeps_its_own_control() -> None:
    assert session("make the echo slower").understand("more") == call("delay", "increase")
    assert session("more feedback on the echo").understand("more") == call(
        "delay", "increase", param="feedback"
    )
    assert session("add some reverb").understand("more") == call("reverb", "increase")


@pytest.mark.parametrize(
    ("first", "said", "want"),
    [
        ("set the echo to 300 ms", "more feedback", call("delay", "increase", param="feedback")),
        ("add an echo", "fewer repeats", call("delay", "decrease", param="feedback")),
        ("put some reverb on", "a longer tail", call("reverb", "increase", param="decay_s")),
        ("add compression", "raise the ratio", call("compressor", "increase", param="ratio")),
    ],
)
def test_a_parameter_word_alone_is_about_the_last_effect_that_has_it(
    first: str, said: str, want: ToolCall
) -> None:
    assert session(first).understand(said) == want


def test_a_parameter_the_last_effect_lacks_is_read_alone() -> None:
    assert args(session("add some distortion").understand("more feedback"))["effect"] == "delay"


@pytest.mark.parametrize(
    "said",
    ["ok now that's too much, back it off", "whoa, too far, ease off", "hmm, that's a lot, pull it back"],
)
def test_a_turn_of_follow_up_phrases_only_is_not_the_volume(said: str) -> None:
    assert session("add an echo", "more").understand(said) == call("delay", "decrease", param="mix")


def test_loudness_words_still_speak_of_the_volume() -> None:
    assert args(session("add an echo").understand("too loud, back it off"))["effect"] == "gain"


@pytest.mark.parametrize(
    "said", ["too many repeats, go back", "nah, that was worse, undo that", "no, go back"]
)
def test_a_turn_ending_on_an_undo_undoes(said: str) -> None:
    want = call("delay", "decrease", param="feedback")
    assert session("more feedback on the echo").understand(said) == want


@pytest.mark.parametrize(
    ("first", "said", "want"),
    [
        ("set the reverb decay to 5 seconds", "no, 3", {"value": 3, "unit": "s"}),
        ("echo at 300 ms", "actually 450", {"value": 450, "unit": "ms"}),
        ("set the compressor ratio to 4", "make it 8", {"value": 8, "param": "ratio"}),
        ("echo time 1 second", "half that", {"value": 0.5, "unit": "s"}),
        ("low pass at 2 k", "try 3000", {"value": 3000, "unit": None}),
    ],
)
def test_a_value_alone_is_in_the_last_settings_unit_and_parameter(first: str, said: str, want: dict) -> None:
    got = args(session(first).understand(said))
    assert got["action"] == "set", got
    assert {k: got.get(k) for k in want} == pytest.approx(want), got


def test_a_value_with_its_own_unit_keeps_it() -> None:
    got = args(session("echo at 300 ms").understand("make it 40 percent"))
    assert got.get("unit") == "percent" and got.get("value") == 40


@pytest.mark.parametrize(
    ("first", "said", "want"),
    [
        ("low pass at 300 hertz", "oh sorry, I meant high pass", call("highpass", "set", 300, "hz")),
        (
            "set the echo mix to 20 percent",
            "and the same for the reverb",
            call("reverb", "set", 20, "percent", param="mix"),
        ),
        ("high pass at 100 hz", "no, the low pass", call("lowpass", "set", 100, "hz")),
    ],
)
def test_a_setting_is_carried_to_another_effect_that_takes_it(first: str, said: str, want: ToolCall) -> None:
    assert args(session(first).understand(said)) == args(want)


def test_a_setting_another_effect_cannot_take_is_not_carried() -> None:
    assert args(session("low pass at 300 hertz").understand("now the delay")).get("unit") != "hz"


@pytest.mark.parametrize(
    ("said", "want"),
    [
        ("no, the other way", call("reverb", "decrease")),
        ("wrong way", call("reverb", "decrease")),
        ("oops, one too many", call("reverb", "decrease")),
        ("put it back", call("reverb", "decrease")),
        ("ok, go back one", call("reverb", "decrease")),
        ("undo that last one", call("reverb", "decrease")),
        ("a hair more", call("reverb", "increase")),
        ("and a tiny bit more", call("reverb", "increase")),
    ],
)
def test_other_ways_to_say_back_and_a_little(said: str, want: ToolCall) -> None:
    assert session("add some reverb", "more reverb").understand(said) == want


def test_put_it_back_after_a_removal_still_brings_it_back() -> None:
    assert session("add some reverb", "take it off").understand("put it back") == call("reverb", "add")


@pytest.mark.parametrize(
    ("first", "said", "value"),
    [
        ("echo at 200 ms", "double it", 400),
        ("echo at 200 ms", "twice that", 400),
        ("echo at 200 ms", "halve it", 100),
        ("set the low pass to 4000 hz", "half that", 2000),
        ("set the low pass to 4000 hz", "make it triple", 12000),
    ],
)
def test_a_multiple_after_a_setting_multiplies_the_value_set(first: str, said: str, value: float) -> None:
    got = args(session(first).understand(said))
    assert got["action"] == "set" and got["value"] == value, got


def test_a_multiple_out_of_range_or_after_a_step_is_not_a_setting() -> None:
    assert args(session("set the reverb mix to 80 percent").understand("double it")).get("value") != 160
    assert args(session("add an echo").understand("double it")).get("action") != "set"


@pytest.mark.parametrize(
    ("said", "want"),
    [
        ("make it 8", {"value": 8, "param": "ratio"}),
        ("try 6", {"value": 6, "param": "ratio"}),
        ("no, 3", {"value": 3, "param": "ratio"}),
    ],
)
def test_a_value_alone_after_a_step_on_a_parameter_sets_that_parameter(said: str, want: dict) -> None:
    got = args(session("compressor with a 2 to 1 ratio", "higher ratio").understand(said))
    assert got["action"] == "set" and {k: got.get(k) for k in want} == want, got


def test_undoing_the_parameter_just_changed_is_an_undo() -> None:
    follow = session("more feedback on the echo")
    assert follow.understand("undo the feedback") == call("delay", "decrease", param="feedback")
    follow = session("turn the reverb decay up")
    assert follow.understand("undo the decay") == call("reverb", "decrease", param="decay_s")


def test_undoing_another_parameter_is_not_read_as_an_undo_of_the_last() -> None:
    follow = session("more feedback on the echo")
    assert follow.understand("undo the mix") != call("delay", "decrease", param="feedback")


def test_a_rate_word_with_repeats_speaks_of_the_time() -> None:
    assert args(session("add an echo").understand("slower repeats")).get("param") in (None, "time_ms")
    assert args(session("add an echo").understand("more repeats")).get("param") == "feedback"


@pytest.mark.parametrize(
    "said", ["now push it one further", "take it further", "go further", "one more step"]
)
def test_one_further_is_one_more_step_not_a_value(said: str) -> None:
    assert session("turn the distortion down").understand(said) == call("distortion", "decrease")


@pytest.mark.parametrize("said", ["yeah that's the one", "that's the one"])
def test_thats_the_one_approves_rather_than_sets_one(said: str) -> None:
    assert not isinstance(session("add an echo", "more").understand(said), ToolCall)


@pytest.mark.parametrize(
    ("turns", "said", "want"),
    [
        # session 26, written as a caller would: still too much after less is less again
        (("add some distortion", "way too much"), "still too much", call("distortion", "decrease")),
        (("turn me up",), "still too much", call("gain", "decrease")),
        (("add a low pass", "lower", "too much"), "still too much", call("lowpass", "increase")),
        # a band named alone after a cut of the other band: that band cut too
        (("cut the lows", "more"), "ok now the highs too", call("lowpass", "add")),
        (("cut the highs",), "and the lows", call("highpass", "add")),
        (("more bass",), "and the treble too", call("lowpass", "increase")),
        # back a notch is back
        (("add distortion", "a bit more"), "bring it back a notch", call("distortion", "decrease")),
        # halved after a doubling; the same step again by an amount; a correction said "nah"
        (("add delay", "double it"), "half that", call("delay", "decrease", 50, "percent")),
        (("turn me up 3 dB",), "another 3", call("gain", "increase", 3, "db")),
        (("set the delay to 300 ms", "longer by 100 ms"), "another 50", call("delay", "increase", 50, "ms")),
        (("add reverb", "make it longer"), "nah, shorter", call("reverb", "decrease", param="decay_s")),
        # still a bit much is less; back one step is an undo
        (
            ("put some reverb on", "that's way too much"),
            "better, but still a bit much",
            call("reverb", "decrease"),
        ),
        (("give me a bit of echo", "longer", "longer"), "ok back one step", call("delay", "decrease")),
    ],
)
def test_session_26_follow_ups(turns: tuple[str, ...], said: str, want: ToolCall) -> None:
    assert session(*turns).understand(said) == want


def test_what_a_setting_is_at_asks_the_chain() -> None:
    # "what ratio is it at?" was taken for a question about compressors in general
    assert session("add a compressor").understand("what ratio is it at?") == ToolCall("get_effects", {})


def test_is_it_on_asks_the_chain() -> None:
    assert session("add some reverb").understand("is that on?") == ToolCall("get_effects", {})


def test_stop_beside_approval_is_approval() -> None:
    # "stop, that's good" took the low pass off
    follow = session("add a low pass", "can you open it up a little", "more")
    assert follow.understand("stop, that's good") == Say(APPROVED)
