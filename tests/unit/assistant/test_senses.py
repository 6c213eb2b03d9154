"""Sentences that borrow an effect's word in another sense, or speak of someone else's sound
or of the craft (senses.py), on sentences written for these tests; and the commands
beside them, sharing their words, that must stay commands."""

from __future__ import annotations

import pytest

from voicertc.assistant.dialogue import Say, ToolCall, understand


@pytest.mark.parametrize(
    "said",
    [
        # "gain" as a verb with a thing gained
        "he gained a lot of followers last month",
        "we've gained so much ground this quarter",
        "I gained three pounds at the wedding",
        "they gained access to the building",
        # "volume" as a book
        "the third volume of the encyclopedia is missing",
        "I just finished the last volume",
        "she published a volume of short stories",
        # an effect's word naming a kind of thing
        "my doctor told me to wear compression stockings",
        "these compression sleeves help my knees",
        # distortion of what is seen
        "the wide lens puts a weird distortion on the photo",
        "the news distorted the facts again",
        # someone else's voice
        "my sister's voice is so high pitched",
        "my dad's singing is way too loud in the shower",
        "she sounds like she's got a cold",
        "my mum sounds like a radio announcer",
        # questions about the craft
        "why do producers put so much compression on pop vocals?",
        "which delay pedal do most guitarists buy?",
        "how do engineers make vocals sound so bright?",
        # a quality for another sense
        "this print is too small to read",
        "the hallway is too dark to see anything",
        # resets of something else
        "reset the timer for ten minutes",
        "restart the game please",
        # chores in a room
        "I should vacuum the living room before they arrive",
        "we have to paint the spare room",
    ],
)
def test_borrowed_words_ask_for_nothing(said: str) -> None:
    assert isinstance(understand(said), Say), said


@pytest.mark.parametrize(
    ("said", "effect", "action"),
    [
        ("put some compression on my voice", "compressor", "add"),
        ("turn the volume up", "gain", "increase"),
        ("I want more gain on my mic", "gain", "increase"),
        ("add some distortion to my voice", "distortion", "add"),
        ("reset the reverb", "reverb", "reset"),
        ("my voice is too quiet to hear", "gain", "increase"),
        ("the room sound is too big", "reverb", "decrease"),
        ("make my voice sound distorted", "distortion", "add"),
        ("make my voice distorted like a cracked mirror", "distortion", "add"),
    ],
)
def test_commands_that_share_the_words_stay_commands(said: str, effect: str, action: str) -> None:
    intent = understand(said)
    assert isinstance(intent, ToolCall), intent
    assert (intent.arguments["effect"], intent.arguments["action"]) == (effect, action)


@pytest.mark.parametrize("said", ["reset everything", "reset the whole thing", "restart the effects"])
def test_whole_resets_stay_resets(said: str) -> None:
    assert understand(said) == ToolCall("apply_audio_effect", {"action": "reset"})


@pytest.mark.parametrize(
    "said", ["I'm saving up for a new reverb pedal", "the compressor brand I like is out of stock"]
)
def test_an_effects_box_shopped_for_is_no_request(said: str) -> None:
    assert isinstance(understand(said), Say)
