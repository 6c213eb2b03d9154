"""The dialogue's fourth pass (session 14): kinds of sentence people say, on sentences
written for these tests from everyday English, not from any corpus."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant.dialogue import Say, ToolCall, understand
from voicertc.effects.chain import EffectChain
from voicertc.effects.tools import handle_tool_call

# -- a change of level said as a noun: "a boost of 10 dB" --------------------------------


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # put in as a stage: the gain at that setting
        ("insert a volume boost of twelve dB", call("gain", "set", 12, "db")),
        ("add a boost of 4 dB", call("gain", "set", 4, "db")),
        ("could you put in a 3 dB cut", call("gain", "set", -3, "db")),
        # a change of what is there: that much more or less
        ("give me a boost of 5 dB", call("gain", "increase", 5, "db")),
        ("a volume boost of eight decibels", call("gain", "increase", 8, "db")),
        ("add a 6 dB boost to the volume", call("gain", "increase", 6, "db")),
        ("i'd like a 2 dB cut in volume", call("gain", "decrease", 2, "db")),
        # a gain named with its level: that level (session 13)
        ("a gain of 6 dB", call("gain", "set", 6, "db")),
    ],
)
def test_a_boost_or_cut_in_db(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


# -- the user's level set against something else's ---------------------------------------


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("my voice is quieter than the music", call("gain", "increase")),
        ("the vocals are louder than everything else", call("gain", "decrease")),
        ("I'm way softer than the guitar", call("gain", "increase")),
        ("it's quieter than it was before", call("gain", "increase")),
        ("the drums are louder than me", call("gain", "increase")),
        ("the band is much quieter than my voice", call("gain", "decrease")),
        ("make me louder than the keyboard", call("gain", "increase")),  # a wish, not a complaint
        ("the music is drowning out my voice", call("gain", "increase")),
        ("the echo is louder than my voice", call("delay", "decrease", param="mix")),
        ("the reverb is drowning my voice", call("reverb", "decrease")),
    ],
)
def test_my_level_against_another_changes_mine(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    "said",
    [
        "my sister is louder than my brother",
        "the new fridge is quieter than the old one",
        "the rain is louder than the TV",
    ],
)
def test_two_other_things_compared_ask_for_nothing(said: str) -> None:
    assert isinstance(understand(said), Say)


# -- an effect-ish word about the world ----------------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "the sound is far away from the station",
        "the station is far away from my house",
        "the sound of the traffic is so loud",
        "the noise from the building site is deafening",
        "I echo the sentiment",
        "we need to compress the schedule",
        "they delayed the launch again",
        "please don't distort the facts",
        "I hope the train isn't delayed again",
        "there was a lot of feedback from the customers",
        "she gave me some honest feedback on my essay",
        "the meeting room is too small for all of us",
        "my guitar amp has great distortion",
        "we gained three points",
    ],
)
def test_the_world_asks_for_nothing(said: str) -> None:
    assert isinstance(understand(said), Say), understand(said)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("it sounds far away", call("reverb", "decrease")),
        ("I sound far away from the mic", call("reverb", "decrease")),
        ("the sound of my voice is too harsh", call("lowpass", "add")),
        ("delay the signal by 50 ms", call("delay", "set", 50, "ms")),
        ("echo the vocals a little", call("delay", "add")),
        ("compress the whole thing", call("compressor", "add")),
        ("distort my voice", call("distortion", "add")),
        ("there's delay on my voice and I want it gone", call("delay", "remove")),
        ("give me more feedback on the delay", call("delay", "increase", param="feedback")),
        ("the room sounds too small", call("reverb", "increase")),
    ],
)
def test_the_sound_beside_them_stays_a_command(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


# -- producer slang with one clear reading --------------------------------------------------


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("give it some punch", call("compressor", "add")),
        ("can you make my voice punchier", call("compressor", "increase")),
        ("it's a bit too punchy", call("compressor", "decrease")),
        ("dry it out a little", call("reverb", "decrease")),
        ("a touch drier please", call("reverb", "decrease")),
        ("make it totally dry", call("reverb", "remove")),
        ("my voice sounds bone dry", call("reverb", "add")),  # a complaint, not a wish
        ("give it some air", call("lowpass", "increase")),
        ("make it crisper", call("lowpass", "increase")),
        ("add a bit of warmth", call("lowpass", "add")),
        ("warm it up a touch", call("lowpass", "add")),
        ("smooth it out", call("compressor", "add")),
        ("more bass please", call("highpass", "decrease")),
        ("boost the treble", call("lowpass", "increase")),
        ("bring back the low end", call("highpass", "decrease")),
    ],
)
def test_slang_with_one_reading(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    "said",
    [
        "make it pop",  # compression, brightness and level at once: no one effect
        "fatten it up",  # a low shelf or saturation: the chain has no shelf
        "give it some bite",
        "clean it up",
        "I need some fresh air",
        "I need to warm up my voice before the show",
        "we need more bass players in the band",
        "he threw a punch at me",
    ],
)
def test_slang_with_no_one_reading_is_declined(said: str) -> None:
    assert isinstance(understand(said), Say), understand(said)


# -- kinds of sentence found failing in the battery -----------------------------------------


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("the mic is picking up a lot of rumble", call("highpass", "add")),
        ("I keep popping my p's", call("highpass", "add")),
        ("the distortion is too harsh", call("distortion", "decrease")),
        ("the compressor makes it way too harsh", call("compressor", "decrease")),
        ("the echo sounds too muddy", call("delay", "decrease")),
        ("it's way too loud in my headphones", call("gain", "decrease")),
    ],
)
def test_complaints(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    "said",
    [
        "the reverb sounds great",
        "the delay seems fine to me",
        "my brother's band uses a lot of reverb",
        "he likes way too much delay on everything",
        "can you recommend a good compressor for podcasting",
        "I read an article about distortion pedals",
        "the traffic noise is getting louder",
        "the neighbours are so loud tonight",
        "it's too quiet in the library",
        "this room needs a bigger table",
    ],
)
def test_opinions_and_other_things_ask_for_nothing(said: str) -> None:
    assert isinstance(understand(said), Say), understand(said)


# -- a second battery: levels, amounts, dislikes, someone else's voice ----------------------


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("turn my mic down a touch", call("gain", "decrease")),
        ("bring my voice up", call("gain", "increase")),
        ("turn the mic up a little", call("gain", "increase")),
        ("bump it up three dee bee", call("gain", "increase", 3, "db")),
        ("minus 6 dB on the gain", call("gain", "decrease", 6, "db")),
        ("add minus two dB of gain", call("gain", "decrease", 2, "db")),
        ("a lot of reverb please", call("reverb", "increase")),
        ("give me lots of echo", call("delay", "increase")),
        ("there's a lot of reverb", call("reverb", "decrease")),  # complained of, not asked for
        ("can you do something about the hiss", call("lowpass", "add")),
        ("I'm not a fan of the echo", call("delay", "remove")),
        ("just my dry voice please", call(None, "reset")),
    ],
)
def test_second_battery_commands(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    "said",
    ["her voice is really low", "his mic is way too loud", "turn the tv up", "drop the mic", "turn the page"],
)
def test_second_battery_declines(said: str) -> None:
    assert isinstance(understand(said), Say), understand(said)


# -- a third battery: negations, typing, where the voice sits -------------------------------


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("don't add any reverb", call("reverb", "remove")),
        ("i no like echo", call("delay", "remove")),
        ("turn of the distortion", call("distortion", "remove")),  # typed "of" for "off"
        ("the reverb is 2 loud", call("reverb", "decrease")),  # typed "2" for "too"
        ("set the reverb to 2 seconds", call("reverb", "set", 2, "s")),
        ("push my voice back in the mix", call("reverb", "increase")),
        ("I need the vocals to sit further back", call("reverb", "increase")),
        ("bring me forward a bit", call("reverb", "decrease")),
        ("make me sound distant", call("reverb", "increase")),  # wished for
        ("it sounds distant", call("reverb", "decrease")),  # complained of
        ("make it sound like a big concert", call("reverb", "add")),
        ("the low end is muddy", call("highpass", "add")),
        ("my voice feels thin", call("highpass", "decrease")),
    ],
)
def test_third_battery_commands(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    "said",
    [
        "please don't touch the delay",
        "I'm feeling a bit low today",
        "why did you add reverb",
        "which is better, reverb or delay",
        "I watched a video on compression",
        "the turn of the century",
    ],
)
def test_third_battery_declines(said: str) -> None:
    assert isinstance(understand(said), Say), understand(said)


# -- a fourth battery: compounds, things given something, slang said of other things ---------


@pytest.mark.parametrize(
    "said",
    [
        "the flight delay cost me a connection",
        "I need an echo cancellation setting on my phone",
        "he is a high pass student",
        "level with me",
        "we need to give this project some space",
        "give him some space",
        "the presentation needs more punch",
        "I need some air",
    ],
)
def test_fourth_battery_declines(said: str) -> None:
    assert isinstance(understand(said), Say), understand(said)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("give my voice some air", call("lowpass", "increase")),
        ("give the vocals some space", call("reverb", "add")),
        ("my voice needs more punch", call("compressor", "increase")),
    ],
)
def test_fourth_battery_commands(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


def test_how_noticeable_and_in_half() -> None:
    assert understand("make the reverb more subtle") == ToolCall(
        "apply_audio_effect", {"effect": "reverb", "action": "decrease"}
    )
    louder = understand("the echo could be less subtle")
    assert isinstance(louder, ToolCall) and louder.arguments["action"] == "increase"
    assert understand("cut the delay in half") == ToolCall(
        "apply_audio_effect", {"effect": "delay", "action": "decrease", "value": 50.0, "unit": "percent"}
    )


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a share of a percentage: a fraction, which the chain scales the value by
        ("cut the reverb in half", call("reverb", "decrease", 0.5, "fraction")),
        ("halve the reverb", call("reverb", "decrease", 0.5, "fraction")),
        ("cut the distortion in half", call("distortion", "decrease", 0.5, "fraction")),
        ("halve the delay feedback", call("delay", "decrease", 0.5, "fraction", param="feedback")),
        ("double the reverb", call("reverb", "increase", 1.0, "fraction")),
        # a share of a time: percent, relative there; a parameter named stays named
        ("halve the delay time", call("delay", "decrease", 50.0, "percent")),
        ("cut the reverb decay in half", call("reverb", "decrease", 50.0, "percent", param="decay_s")),
        ("double the reverb decay", call("reverb", "increase", 100.0, "percent", param="decay_s")),
        # no half: still a removal
        ("cut the reverb", call("reverb", "remove")),
    ],
)
def test_halves_and_doubles_of_a_percentage_scale_it(said: str, expected: ToolCall) -> None:
    assert understand(said) == expected


def test_half_the_reverb_is_half_its_mix_on_the_chain() -> None:
    chain = EffectChain()
    chain.apply("add", "reverb")
    read = understand("cut the reverb in half")
    assert isinstance(read, ToolCall)
    handle_tool_call(chain, read.name, read.arguments)
    assert chain.effects == ["reverb"] and chain.to_list()[0]["params"]["mix"] == 15
