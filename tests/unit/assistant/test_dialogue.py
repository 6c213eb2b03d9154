"""The rule-based dialogue: transcripts and typed text to tool calls, and spoken replies."""

from __future__ import annotations

import re

import pytest

from voicertc.assistant.declined import LEFT_AS_IS_TEXT, TEACH_TEXT
from voicertc.assistant.dialogue import (
    APPLY,
    FALLBACK_TEXT,
    HELP_TEXT,
    NOT_HEARD_TEXT,
    Say,
    ToolCall,
    reply_after_tool,
    understand,
)
from voicertc.assistant.numbers import find_numbers
from voicertc.assistant.speakable import speakable


def apply(effect: str | None, action: str, value: float | None = None, unit: str | None = None) -> ToolCall:
    args: dict[str, object] = {"action": action}
    if effect is not None:
        args = {"effect": effect, "action": action}
    if value is not None:
        args["value"] = value
    if unit is not None:
        args["unit"] = unit
    return ToolCall("apply_audio_effect", args)


COMMANDS = [
    # the brief's examples
    ("set the delay to 300 milliseconds", apply("delay", "set", 300, "ms")),
    ("low pass at 2 kilohertz", apply("lowpass", "set", 2, "khz")),
    ("reverb to 40 percent", apply("reverb", "set", 40, "percent")),
    ("turn it down 6 dB", apply("gain", "decrease", 6, "db")),
    ("make it louder", apply("gain", "increase")),
    ("add some reverb", apply("reverb", "add")),
    ("more delay", apply("delay", "increase")),
    ("cut the lows", apply("highpass", "add")),
    ("cut the highs", apply("lowpass", "add")),
    ("make it darker", apply("lowpass", "add")),
    ("muffle it", apply("lowpass", "add")),
    ("remove the echo", apply("delay", "remove")),
    ("compress it", apply("compressor", "add")),
    ("clear everything", apply(None, "reset")),
    ("reset", apply(None, "reset")),
    # numbers in words, as a recogniser writes them
    ("set the delay to three hundred milliseconds", apply("delay", "set", 300, "ms")),
    ("set the delay to two point five seconds", apply("delay", "set", 2.5, "s")),
    ("reverb to forty percent", apply("reverb", "set", 40, "percent")),
    ("turn it down six d b", apply("gain", "decrease", 6, "db")),
    ("turn it down six decibels", apply("gain", "decrease", 6, "db")),
    ("delay at two hundred and fifty milliseconds", apply("delay", "set", 250, "ms")),
    ("set the delay to half a second", apply("delay", "set", 0.5, "s")),
    ("set the delay to one and a half seconds", apply("delay", "set", 1.5, "s")),
    ("set the high pass to a hundred hertz", apply("highpass", "set", 100, "hz")),
    ("low pass at twelve hundred hertz", apply("lowpass", "set", 1200, "hz")),
    ("low pass at three point five kilohertz", apply("lowpass", "set", 3.5, "khz")),
    ("low pass at two k", apply("lowpass", "set", 2, "khz")),
    ("set the gain to minus six decibels", apply("gain", "set", -6, "db")),
    ("set the reverb mix to twenty five percent", apply("reverb", "set", 25, "percent")),
    # typed text: digits, symbols, no spaces before units
    ("Set delay to 300ms", apply("delay", "set", 300, "ms")),
    ("reverb 40%", apply("reverb", "set", 40, "percent")),
    ("gain -6dB", apply("gain", "set", -6, "db")),
    ("lowpass 2kHz", apply("lowpass", "set", 2, "khz")),
    ("high-pass at 80 Hz", apply("highpass", "set", 80, "hz")),
    ("delay 1.5 s", apply("delay", "set", 1.5, "s")),
    # actions
    ("turn up the reverb", apply("reverb", "increase")),
    ("turn off the reverb", apply("reverb", "remove")),
    ("no more reverb", apply("reverb", "remove")),
    ("add more reverb", apply("reverb", "increase")),
    ("less reverb", apply("reverb", "decrease")),
    ("make the delay shorter", apply("delay", "decrease")),
    ("increase the delay by 100 milliseconds", apply("delay", "increase", 100, "ms")),
    ("raise the delay to 400 ms", apply("delay", "set", 400, "ms")),
    ("add a 300 millisecond delay", apply("delay", "add", 300, "ms")),
    ("add reverb at thirty percent", apply("reverb", "add", 30, "percent")),
    ("cut the lows at 150 hz", apply("highpass", "add", 150, "hz")),
    ("remove the low cut", apply("highpass", "remove")),
    ("get rid of the delay", apply("delay", "remove")),
    ("kill the echo", apply("delay", "remove")),
    ("yeet the reverb", apply("reverb", "remove")),  # slang: it was read as adding it
    ("boost the volume by two dB", apply("gain", "increase", 2, "db")),
    ("volume down 3 db", apply("gain", "decrease", 3, "db")),
    ("turn it up", apply("gain", "increase")),
    ("make it quieter", apply("gain", "decrease")),
    ("add a compressor", apply("compressor", "add")),
    ("turn on the compressor", apply("compressor", "add")),
    ("remove the compressor", apply("compressor", "remove")),
    ("turn everything off", apply(None, "reset")),
    ("remove all effects", apply(None, "reset")),
    ("start over", apply(None, "reset")),
    ("Back to square 1.", apply(None, "reset")),  # as Whisper writes "square one"
    # Whisper's spellings of the noun "cutoff"; the verb still removes.
    ("Raise the low pass cut off.", apply("lowpass", "increase")),
    ("Lower the high pass cut-off.", apply("highpass", "decrease")),
    ("Cut off the reverb.", apply("reverb", "remove")),
    ("reset the reverb", apply("reverb", "reset")),  # its defaults (the chain has per-effect resets)
    ("can you please add a bit of delay", apply("delay", "add")),
    ("please add some echo for me", apply("delay", "add")),
    # misspellings and mishearings
    ("add some revurb", apply("reverb", "add")),
    ("add reverbb", apply("reverb", "add")),
    ("remove the compresser", apply("compressor", "remove")),
    ("more dellay", apply("delay", "increase")),
    ("adjusting the delay to 300 ms", apply("delay", "set", 300, "ms")),  # inflections still match
    # real words near a keyword are taken as written ("place" is not "space", the reverb)
    ("place compression", apply("compressor", "add")),
    ("leave the reverb on", apply("reverb", "add")),  # not "level", the gain
]


def test_real_words_are_not_corrected_into_commands() -> None:
    text = "My flight leave at time tomorrow morning."  # Whisper's words for off-topic speech
    assert not isinstance(understand(text), ToolCall)


@pytest.mark.parametrize(
    "text",
    ["What's the volume of the cube with sides of 2 meters?", "the delay was 20 minutes",
     "how loud is a jet engine at 100 feet"],
)  # fmt: skip
def test_numbers_of_other_things_are_not_effect_values(text: str) -> None:
    assert not isinstance(understand(text), ToolCall)


@pytest.mark.parametrize("text", ["is it louder now?", "is it too muffled", "What's the warmer like to me?"])
def test_a_question_is_not_an_idiom_command(text: str) -> None:
    assert not isinstance(understand(text), ToolCall)  # "is it too muffled" added a low pass


def test_a_suggestion_is_still_a_command() -> None:
    assert understand("how about making it darker") == apply("lowpass", "add")


def test_a_number_of_something_else_is_not_the_value() -> None:
    assert understand("add reverb for 5 minutes") == apply("reverb", "add")


THRESHOLD = {"effect": "compressor", "param": "threshold_db"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("more compression", apply("compressor", "increase")),  # the chain lowers the threshold
        ("raise the threshold", ToolCall(APPLY, {**THRESHOLD, "action": "increase"})),
        (
            "lower the compressor threshold by 3 dB",
            ToolCall(APPLY, {**THRESHOLD, "action": "decrease", "value": 3, "unit": "db"}),
        ),
    ],
)
def test_a_named_threshold_is_passed_as_named(text: str, expected: ToolCall) -> None:
    assert understand(text) == expected


@pytest.mark.parametrize(("text", "expected"), COMMANDS)
def test_commands(text: str, expected: ToolCall) -> None:
    assert understand(text) == expected


@pytest.mark.parametrize(
    "text",
    ["what effects are on", "what's on?", "which effects are active", "show me the effects",
     "is the reverb on", "what is the delay set to", "are there any effects on"],
)  # fmt: skip
def test_questions_ask_for_the_chain(text: str) -> None:
    assert understand(text) == ToolCall("get_effects", {})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("help", HELP_TEXT),
        ("what can you do", HELP_TEXT),
        ("hello", None),
        ("hi there", None),
        ("thank you", "You're welcome."),
        ("thanks a lot", "You're welcome."),
        ("stop", "Okay."),
        ("goodbye", "Goodbye!"),
        ("", NOT_HEARD_TEXT),
        ("the weather is nice today", FALLBACK_TEXT),
        ("tell me a joke", FALLBACK_TEXT),
        ("no way that is fine", FALLBACK_TEXT),
        # declined on purpose: their own replies, which the sentence reader does not fill
        ("I might want more reverb later, but not now", LEFT_AS_IS_TEXT),
        ("please don't touch the delay", LEFT_AS_IS_TEXT),
        ("explain what attack and release do on a compressor", TEACH_TEXT),
        ("what does a compressor do", TEACH_TEXT),
    ],
)
def test_small_talk(text: str, expected: str | None) -> None:
    intent = understand(text)
    assert isinstance(intent, Say)
    if expected is None:
        assert intent.text.startswith("Hello")
    else:
        assert intent.text == expected


def test_help_mentions_every_effect() -> None:
    for word in ("reverb", "delay", "low pass", "high pass", "gain", "compression"):
        assert word in HELP_TEXT


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("three hundred", 300), ("two point five", 2.5), ("forty", 40), ("six", 6),
        ("a hundred and fifty", 150), ("twenty five", 25), ("minus six", -6),
        ("one thousand", 1000), ("half a", 0.5), ("point five", 0.5), ("300", 300),
        ("2.5", 2.5), ("nineteen", 19), ("ninety nine", 99),
        ("200 and 50", 250), ("300 and fifty", 350), ("2 and a half", 2.5),  # as Whisper writes them
        ("300 and then", 300),
    ],
)  # fmt: skip
def test_numbers_in_words(words: str, value: float) -> None:
    spans = find_numbers(words.split())
    assert [s.value for s in spans] == [value]


def test_two_numbers_in_a_row_stay_apart() -> None:
    assert [s.value for s in find_numbers("two three".split())] == [2, 3]


SYMBOLS = re.compile(r"[%&/<>=+*#_\[\]{}()|\\^@$~:;]|\bms\b|\bdB\b|\bHz\b|\bkHz\b|\d\s*s\b")


@pytest.mark.parametrize(
    ("name", "output"),
    [
        ("apply_audio_effect", {"ok": True, "message": "Added reverb: decay 2 s, mix 30%.",
                                "chain": [], "summary": "Reverb."}),
        ("apply_audio_effect", {"ok": True, "message": "Set delay time to 300 ms (feedback 40%)."}),
        ("apply_audio_effect", {"ok": True, "message": "Lowpass cutoff -> 2 kHz; gain -6 dB."}),
        ("apply_audio_effect", {"ok": False, "error": "There is no reverb in the chain to remove."}),
        ("apply_audio_effect", {"ok": False, "error": "Delay time must be 1-2000 ms."}),
        ("get_effects", {"ok": True, "chain": [],
                         "summary": "Reverb with decay 2 seconds and mix 30 percent."}),
        ("get_effects", {"ok": True, "chain": [{"effect": "highpass", "params": {"cutoff_hz": 120.0}},
                                               {"effect": "delay", "params": {"time_ms": 250,
                                                                              "mix": 0.3}}]}),
        ("get_effects", {"ok": True, "chain": []}),
        ("apply_audio_effect", {"ok": True}),
    ],
)  # fmt: skip
def test_replies_are_speakable(name: str, output: dict[str, object]) -> None:
    reply = reply_after_tool(name, output)
    assert reply
    assert not SYMBOLS.search(reply), reply


def test_reply_content() -> None:
    ok = {"ok": True, "message": "Added reverb: decay 2 s, mix 30%."}
    assert reply_after_tool("apply_audio_effect", ok) == "Added reverb, decay 2 seconds, mix 30 percent."
    err = {"ok": False, "error": "There is no reverb in the chain to remove."}
    assert reply_after_tool("apply_audio_effect", err) == (
        "Sorry, there is no reverb in the chain to remove."
    )
    chain = {"ok": True, "chain": [{"effect": "highpass", "params": {"cutoff_hz": 120.0}}]}
    assert reply_after_tool("get_effects", chain) == "Right now, high pass with cutoff 120 hertz."
    assert "no effects" in reply_after_tool("get_effects", {"ok": True, "chain": []})


def test_speakable_units_and_signs() -> None:
    assert speakable("gain -6 dB, 1 s, 2.0 kHz, 30%") == (
        "gain minus 6 decibels, 1 second, 2 kilohertz, 30 percent"
    )


def test_speakable_says_a_ratio_as_to_one_and_other_colons_as_before() -> None:
    assert speakable("Set compressor ratio to 2:1.") == "Set compressor ratio to 2 to 1."
    assert speakable("ratio 4.5:1, knee 30 dB") == "ratio 4.5 to 1, knee 30 decibels"
    assert speakable("Note: it starts at 10:15") == "Note, it starts at 10, 15"
