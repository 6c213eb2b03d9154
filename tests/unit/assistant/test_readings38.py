"""Session 38's readings, from kinds of sentence the lead wrote (no corpus's) after reading
tune16 (people at work and at play, in their trade's words): a level said of the speaker with
who should hear it after, an event named by a verb and "off", a driver who is a person, the
words lost in an effect, "my ordinary voice", loud then quiet, behind a door, a broken
loudspeaker, a value's effect said in a correction, "three k five", a band brought back with
"some", echoes brought closer, an effect on one's headset or announcing, a band smoothed off,
the voice raised, a space asked as a question, rooms of people, a parameter set short, a step
by a fraction word; off-topic, a group called or asked as "you all", a thing of the world's
reset, "all night"; and orders the sentence reader's veto spares ("stick", "strip", "back ...
off", an occasion said with "for"). Each kind has near misses that must keep their reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call
from support.turns import asks_nothing, read

from voicertc.assistant import dialogue
from voicertc.assistant.reader.head import spared
from voicertc.assistant.words import tokens


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # the level said of the speaker, then who should hear it or why, in a clause of its own
        ("turn me up so the back row can hear", call("gain", "increase")),
        ("bring my mic up, the people on the phone can't catch a word", call("gain", "increase")),
        ("turn me down a bit, the speakers are rattling", call("gain", "decrease")),
        ("turn me up a touch, they're struggling at the back", call("gain", "increase")),
        # an event named by a verb and "off" is no order to take anything off
        ("gain to plus six dB for the kick-off", call("gain", "set", 6, "db")),
        ("more reverb before the play-offs", call("reverb", "increase")),
        # a driver is a person, not the drive
        ("strip the delay off, the drivers can't follow me", call("delay", "remove")),
        # the words lost in an effect: less of it
        ("my lines are getting lost in the reverb", call("reverb", "decrease")),
        ("the words are buried in the delay", call("delay", "decrease", param="mix")),
        # the caller's ordinary voice is a reset
        ("back to my ordinary voice please", call(None, "reset")),
        ("just my usual voice again", call(None, "reset")),
        # loud, then quiet in the caller's own delivery
        ("I start loud, then go really quiet at the end, can you even that out", call("compressor", "add")),
        # behind a door is muffled; a broken loudspeaker breaks up
        ("make me sound like I'm behind a closed door", call("lowpass", "add")),
        ("I want to sound like a broken loudspeaker", call("distortion", "add")),
        # what a value would do, said between the correction's marker and the fix
        (
            "feedback at seventy percent, hang on, that will howl, make it fifty",
            call("delay", "set", 50, "percent", param="feedback"),
        ),
        # a kilohertz with its decimal after the k
        ("low pass at two k four", call("lowpass", "set", 2.4, "khz")),
        ("high cut at 3k5", call("lowpass", "set", 3.5, "khz")),
        # a band brought back with "some"
        ("I sound thin, bring back some low end", call("highpass", "decrease")),
        # echoes brought closer are sooner
        ("bring the repeats closer together", call("delay", "decrease")),
        # an effect on one's headset or on one's announcing is on the voice
        ("stick some reverb on my headset", call("reverb", "add")),
        ("a little more drive on my commentary", call("distortion", "increase")),
        # a band smoothed off or cleaned out
        ("smooth off the treble a bit", call("lowpass", "add")),
        ("clean out the low end", call("highpass", "add")),
        # the voice raised, ordered
        ("raise my voice a little", call("gain", "increase")),
        # a space asked as a question, or as what listeners love
        ("can my voice sound like it's echoing round a dungeon?", call("reverb", "add")),
        ("my nephews love it when I sound like I'm in a cavern, do that", call("reverb", "add")),
        # a parameter set short, then what it should do: the setting
        (
            "ratio at three to one please, I want the compression gentler",
            call("compressor", "set", 3, param="ratio"),
        ),
        (
            "make the attack faster on my compressor, I want it to catch the peaks",
            call("compressor", "decrease", param="attack_ms"),
        ),
        # a step by a fraction word is that share of the setting; a whole and a half is a number
        ("bring the low pass down by a quarter", call("lowpass", "decrease", 25, "percent")),
        ("raise the ratio by one and a half", call("compressor", "increase", 1.5, param="ratio")),
        # a room named for who meets in it is no reverb
        ("the whole meeting room says I'm too quiet, more volume please", call("gain", "increase")),
    ],
)
def test_readings(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # still what they were: the order is the change, "getting lost in the mix" the level
        ("kick off the reverb", call("reverb", "remove")),
        ("take the delay off", call("delay", "remove")),
        ("I keep getting lost in the mix", call("gain", "increase")),
        ("turn me up", call("gain", "increase")),
    ],
)
def test_near_misses_keep_their_reading(said: str, expected: object) -> None:
    assert read(said) == [expected]


@pytest.mark.parametrize(
    "said",
    [
        "bring it up with my boss",
        "the drivers are all waiting outside",
        "we watched the kick-off from the stand",
        "turn me up at the station at six",
        "my neighbours get loud, then quiet again",
        "the office printer needs a reset",
        "three k five hundred runners finished",
        "come closer, everybody, and sit down",
        "louder, everyone, from the top of the chorus",
        "I had to raise my voice at the meeting",
        "can you all line up by the door",
        "the fans hum all night and you stop noticing them",
    ],
)
def test_near_misses_ask_for_no_change(said: str) -> None:
    assert asks_nothing(said)


def test_event_nouns_are_one_word() -> None:
    assert tokens("ready for kick-off") == ["ready", "for", "kickoff"]
    assert tokens("kick off the reverb")[:2] == ["kick", "off"]


@pytest.mark.parametrize(
    "said",
    [
        "stick a compressor on me, the callers are shouting",
        "strip the echo off, nobody can follow",
        "back the drive off a touch, the kids are listening",
        "for the evening service set my gain to three dB",
    ],
)
def test_the_veto_spares_these_orders(said: str) -> None:
    calls = [c for c in read(said) if isinstance(c, dialogue.ToolCall)]
    assert calls and spared(said, calls)


@pytest.mark.parametrize("said", ["back in the day the drive was off", "the kids stick together"])
def test_the_veto_spares_no_talk(said: str) -> None:
    assert not spared(said, [call("distortion", "remove")])
