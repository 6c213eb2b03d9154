"""How Whisper writes speech it heard right: digits next to words, fractions and decimals
in digits, letters glued to their value, commas where the speaker paused. Each form is
read as its spoken words are (sentences written for these tests)."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant import homophones
from voicertc.assistant.dialogue import ToolCall, normalize, understand
from voicertc.assistant.numbers import find_numbers, written_fractions

NUMBERS = [
    # a count in digits before a fraction word: "two thirds" written "2 thirds"
    ("Slow the echo to 3 quarters of a second.", call("delay", "set", 0.75, "s")),
    ("Delay time, 2 thirds of a second.", call("delay", "set", 2 / 3, "s")),
    # fractions in digits
    ("Put the echo at 1/2 a second.", call("delay", "set", 0.5, "s")),
    ("Make the delay 3/4 of a second.", call("delay", "set", 0.75, "s")),
    ("Drive at 1/4, please.", call("distortion", "set", 0.25, "fraction")),
    # a decimal written without its leading zero
    ("Reverb decay at .8 seconds.", call("reverb", "set", 0.8, "s")),
    # a parameter letter glued to its value
    ("Give the low pass a Q4.", call("lowpass", "add", 4, param="q")),
    ("Set the high pass Q2.5.", call("highpass", "set", 2.5, param="q")),
    # a comma where the speaker paused between a filter and its cutoff
    ("Put the low pass, cut off at 4k.", call("lowpass", "set", 4, "khz")),
    ("Bring the high pass, cut-off to 90 hertz.", call("highpass", "set", 90, "hz")),
]


@pytest.mark.parametrize(("said", "expected"), NUMBERS)
def test_numbers_as_whisper_writes_them(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


def test_written_fractions_are_only_fractions_of_one() -> None:
    assert written_fractions("at 1/3 and 2/4") == "at one third and two quarters"
    assert written_fractions("open 24/7, a 3/2 meter, 4/4 time, 1/25, 1/2.5") == (
        "open 24/7, a 3/2 meter, 4/4 time, 1/25, 1/2.5"
    )


def test_digits_count_fractions_as_number_words_do() -> None:
    assert [s.value for s in find_numbers(normalize("5 quarters"))] == [1.25]
    assert [s.value for s in find_numbers(normalize("3 half"))] == [
        3,
        0.5,
    ]  # "half" counts only after "a"/"one"
    assert [s.value for s in find_numbers(normalize("12 quarters"))] == [12, 0.25]  # not a count of fractions


def test_a_full_stop_and_a_q_stay_what_they_are() -> None:
    assert normalize("It's at 5. 3 more.") == ["its", "at", "5", "3", "more"]
    assert normalize("the quick fox, q and a") == ["the", "quick", "fox", "q", "and", "a"]
    assert normalize("I cut off the tag, the cut off the top") == [
        "i",
        "cut",
        "off",
        "the",
        "tag",
        "the",
        "cutoff",
        "the",
        "top",
    ]


WORDS = [
    # "dryer", the other spelling of the comparative "drier"
    ("Could the delay be a little dryer?", call("delay", "decrease")),
    # a singular "repeat" names the delay's repeats
    ("Echo repeat at 45%.", call("delay", "set", 45, "percent", param="feedback")),
    # homophones of a parameter, within an effect's sentence
    ("Give the reverb a longer tale.", call("reverb", "increase", param="decay_s")),
    ("High pass queue at 1.2.", call("highpass", "set", 1.2, param="q")),
    # "base" for the band, where only the sound can be meant
    ("Could you get rid of some of the base?", call("highpass", "add")),
    ("Too much base on my vocals.", call("highpass", "add")),
    ("Less base in the mix, please.", call("highpass", "add")),
    # letters spelled out, words hyphenated: one word where that word is known
    ("Could we get an H.P.F. on the vocal?", call("highpass", "add")),
    ("L-P-F at 6 kHz.", call("lowpass", "set", 6, "khz")),
    ("Bring in a little over-drive.", call("distortion", "add")),
    ("By-pass the echo.", call("delay", "remove")),
    # a quality word is not "corrected" into another effect's name
    ("My voice is all echo-y.", call("reverb", "decrease")),
    ("Still a bit too roomy.", call("reverb", "decrease")),
    ("The vocals are too reverberant.", call("reverb", "decrease")),
    # "Mike", as Whisper may write "mic", is the sound the effect goes on
    ("Pop a compressor on my Mike.", call("compressor", "add")),
]


@pytest.mark.parametrize(("said", "expected"), WORDS)
def test_words_as_whisper_spells_them(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    "said",
    [
        "The tumble dryer is making a racket.",
        "I left my socks in the dryer.",
        "Cut the pizza base in half.",
        "Cut the base of the stem.",
        "The soldiers drove back to the base.",
        "Drop me off at the base.",
        "Lower the base rate by a point.",
        "Remove the base coat first.",
        "I waited in a long queue.",
        "Repeat after me.",
        "It's an old tale.",
        "A well-known story.",
        "It's a U.S. holiday.",
    ],
)
def test_the_words_elsewhere_stay_what_they_are(said: str) -> None:
    intent = understand(said)
    assert not isinstance(intent, ToolCall), intent


def test_base_is_the_band_only_among_words_about_sound() -> None:
    assert homophones.bass("less base please".split()) == "less bass please".split()
    assert homophones.bass("the base frequencies".split())[1] == "bass"
    assert homophones.bass("some of the base in my voice".split())[3] == "bass"
    assert homophones.bass("some of the base in germany".split())[3] == "base"
    assert homophones.bass("back to base".split())[2] == "base"


@pytest.mark.parametrize(
    "said",
    [
        # a comparison with no verb asking for anything, however Whisper begins it
        "So reverb is the same as echo, right?",
        "The difference between a gate and a compressor.",
        "Delay versus reverb for vocals.",
        # a story: past-tense verbs, and an action word that is a noun there ("that cut")
        "My uncle invented a distortion pedal.",
        "We recorded the demo through a compressor.",
        "The delay after that cut was perfect.",
        "The echo in that boost was wild.",
        "The echo in that tunnel wasn't that loud.",
        "The reverb back then wasn't great.",
        # a reset of something of someone's, not of the chain
        "She reset her phone.",
        "Reset my alarm for seven.",
        # an effect word measuring another thing, named right after "of"
        "The volume of traffic is insane today.",
        "The level of detail in that painting.",
        "The third volume of poems is out.",
        # where someone's thing is; a parameter word of someone else's thing
        "The old compressor is in my garage.",
        "The attack on the fort came at 5.",
        "The release of my album is at 9.",
        # what someone or something has; a story told in the passive; other rooms, heat, guitars
        "My cousin has a new limiter.",
        "Her voice has a lovely echo.",
        "The space mission was cancelled.",
        "We'd like to book a room for Friday.",
        "Could you turn up the heat?",
        "I dropped my bass guitar.",
        "The echo on their new album is great.",
    ],
)
def test_statements_that_only_contain_an_effect_word(said: str) -> None:
    intent = understand(said)
    assert not isinstance(intent, ToolCall), intent


ORDERS = [
    ("Make the echo the same as before, but louder.", call("delay", "increase", param="mix")),
    ("Reset my effects.", call(None, "reset")),
    ("Reset my voice, please.", call(None, "reset")),
    ("I played with it all day, now cut the reverb.", call("reverb", "remove")),
    ("My friend said I need more compression.", call("compressor", "increase")),
    ("Set the level of the reverb to 30%.", call("reverb", "set", 30, "percent")),
    ("Turn up the volume of my voice.", call("gain", "increase")),
    ("A delay of about 300 ms.", call("delay", "set", 300, "ms")),
    ("A gain of plus 3 dB.", call("gain", "set", 3, "db")),
    ("The reverb is on my vocal, take it off.", call("reverb", "remove")),
    ("The reverb has a long tail, shorten it.", call("reverb", "decrease", param="decay_s")),
    ("It was fine before, now add some reverb.", call("reverb", "add")),
    ("I didn't ask for echo, take it off.", call("delay", "remove")),
    ("Put some reverb on his voice.", call("reverb", "add")),
    ("Set the release on the compressor to 80 ms.", call("compressor", "set", 80, "ms", param="release_ms")),
]


@pytest.mark.parametrize(("said", "expected"), ORDERS)
def test_orders_near_those_statements_stay_orders(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize("said", ["Clear everything at 900 hertz.", "Kill everything, go to 2k."])
def test_a_frequency_never_clears_the_whole_chain(said: str) -> None:
    """Region commands misheard around their number ("above" as "at"): a filter was meant,
    and clearing every effect would be the worst reading."""
    assert understand(said) != call(None, "reset")


def test_a_reset_without_a_frequency_still_clears_it() -> None:
    assert understand("Clear everything, please.") == call(None, "reset")
    assert understand("Reset it all back to zero.") == call(None, "reset")
