"""Session 23's readings, from kinds of sentence tune7 still missed: each on sentences written
for these tests (several wordings each, and near misses that must keep their reading)."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant.declined import NOT_FOR_SOUND_TEXT
from voicertc.assistant.dialogue import FALLBACK_TEXT, Say, understand
from voicertc.assistant.followups import FollowUps
from voicertc.assistant.reader.head import Guess

OTHER_THINGS = Say("I can only change the sound of your voice on this call, not of other things.")


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a time after the effect's verb-like name is its setting, not a thing delayed
        ("delay a quarter second", call("delay", "set", 0.25, "s")),
        ("echo a half second", call("delay", "set", 0.5, "s")),
        # the decay time by its engineering name
        ("RT60 one point two", call("reverb", "set", 1.2, param="decay_s")),
        ("rt 60 2 seconds", call("reverb", "set", 2, "s")),
        # pictures of distortion, complained of and wished for
        ("I sound like a blown speaker", call("distortion", "decrease")),
        ("I sound like a blown speaker, dial it back", call("distortion", "decrease")),
        ("my voice sounds blown out", call("distortion", "decrease")),
        ("make it sound like a blown speaker", call("distortion", "add")),
        ("I want that deep fried sound", call("distortion", "add")),
        # the sound's parts in the plural
        ("the vocals sound muddy", call("highpass", "add")),
        ("the vocals are muddy", call("highpass", "add")),
        ("the highs are harsh", call("lowpass", "add")),
        ("the lows sound boomy", call("highpass", "add")),
        ("the esses sound harsh", call("lowpass", "add")),
        # a space asked for alone
        ("a cathedral please", call("reverb", "add")),
        ("concert hall please", call("reverb", "add")),
        # others telling of this sound
        ("my viewers say I'm too quiet", call("gain", "increase")),
        # a removal said in one breath after the complaint, with no comma
        ("the echo is too much just take it off", call("delay", "remove")),
        ("that reverb is like way too much just just kill it", call("reverb", "remove")),
        ("the delay is nice just turn it down a bit", call("delay", "decrease")),
        # the effect's absence complained of asks for it; "no reverb" alone still removes it
        ("there is no reverb at all", call("reverb", "add")),
        ("my voice has no room at all", call("reverb", "add")),
        ("no reverb at all please", call("reverb", "remove")),
        # the signal as it comes, the effects muted or bypassed
        ("dry signal please", call(None, "reset")),
        ("give me the raw mic", call(None, "reset")),
        ("mute the effects", call(None, "reset")),
        ("bypass the effects", call(None, "reset")),
        ("clean signal please, no distortion", call("distortion", "remove")),
        # evened out, glued: the compressor
        ("even me out", call("compressor", "add")),
        ("glue it together", call("compressor", "add")),
        # the slapback by its short name with an amount
        ("can I get some slap", call("delay", "add")),
        ("a bit more slap", call("delay", "increase")),
        # a request beside a story keeps its "you"
        ("my cat keeps walking on the desk, can you put a high pass on", call("highpass", "add")),
    ],
)
def test_read(said: str, expected: object) -> None:
    assert understand(said) == expected


@pytest.mark.parametrize(
    "said",
    [
        # things of the world, in the plural, doing what an effect does
        "the airport announcements echo so much you can't hear your gate",
        "these earplugs cut the highs way too much",
        "the walls echo a lot in the stairwell",
        "my neighbours speakers sound awful",
        "the producers say the mix is muddy",
        # an instrument's effects: the call carries the voice alone
        "put reverb on the guitar",
        "the drums need more compression",
        "can you add delay to the piano",
        "the guitar echo is too loud",
    ],
)
def test_other_things_declined(said: str) -> None:
    assert understand(said) == OTHER_THINGS


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("the echo is too loud", call("delay", "decrease", param="mix")),
        ("I had to delay a meeting", Say(NOT_FOR_SOUND_TEXT)),  # told of another time (session 26)
        # an instrument set against the voice, or pictured, is the voice's
        ("for this song I need to be louder than the guitar", call("gain", "increase")),
        ("the drums are louder than me", call("gain", "increase")),
        ("make my voice sound like an old electric guitar", call("distortion", "add")),
        ("I play guitar, add some reverb", call("reverb", "add")),
        ("the speakers at the venue were blown", Say(FALLBACK_TEXT)),
    ],
)
def test_near_misses_keep_their_reading(said: str, expected: object) -> None:
    assert understand(said) == expected


SURE_NONE = Guess(effect="none", likelihood=0.99, action="add", none=0.99)


@pytest.mark.parametrize("said", ["like a giant stone cathedral please", "a big old church please"])
def test_a_space_asked_for_is_not_vetoed(said: str) -> None:
    """The reader takes verbless space requests for stories about rooms: the rules' reading stands."""
    assert FollowUps().understand_all(said, SURE_NONE) == [call("reverb", "add")]


def test_other_commands_are_still_vetoed() -> None:
    said = "put some reverb on the church bells"
    assert FollowUps().understand_all(said, SURE_NONE) == [Say(FALLBACK_TEXT)]


@pytest.mark.parametrize(
    "said",
    [
        "I fried an egg this morning",
        # told of someone, at another time: no request
        "I set the compressor in OBS this morning",
        "we added reverb last month",
        # the broadcast's delay
        "the delay between stream and chat is ten seconds",
        "sorry chat, the stream delay is bad today",
    ],
)
def test_not_for_this_sound(said: str) -> None:
    assert understand(said) == Say(NOT_FOR_SOUND_TEXT)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("set the compressor in OBS mode", call("compressor", "add")),
        ("add reverb like I had the other day", call("reverb", "add")),
    ],
)
def test_asked_still(said: str, expected: object) -> None:
    assert understand(said) == expected
