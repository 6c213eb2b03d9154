"""Session 38's readings, from kinds of sentence the lead wrote (no corpus's) after reading
tune16 (people at work and at play, in their trade's words): a level said of the speaker with
who should hear it after, an event named by a verb and "off", a driver who is a person, the
words lost in an effect, "my ordinary voice"; and orders the sentence reader's veto spares
("stick", "strip", "back ... off"). Each kind has near misses that must keep their reading."""

from __future__ import annotations

import pytest
from support.tool_calls import call

from voicertc.assistant import dialogue
from voicertc.assistant.addressed import addressed
from voicertc.assistant.clauses import understand_all
from voicertc.assistant.reader.head import spared
from voicertc.assistant.scenes import is_change
from voicertc.assistant.words import tokens


def read(said: str) -> list[object]:
    return list(understand_all(addressed(said).text or ""))


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
    ],
)
def test_near_misses_ask_for_no_change(said: str) -> None:
    text = addressed(said).text
    assert text is None or not any(map(is_change, understand_all(text)))


def test_event_nouns_are_one_word() -> None:
    assert tokens("ready for kick-off") == ["ready", "for", "kickoff"]
    assert tokens("kick off the reverb")[:2] == ["kick", "off"]


@pytest.mark.parametrize(
    "said",
    [
        "stick a compressor on me, the callers are shouting",
        "strip the echo off, nobody can follow",
        "back the drive off a touch, the kids are listening",
    ],
)
def test_the_veto_spares_these_orders(said: str) -> None:
    calls = [c for c in read(said) if isinstance(c, dialogue.ToolCall)]
    assert calls and spared(said, calls)


@pytest.mark.parametrize("said", ["back in the day the drive was off", "the kids stick together"])
def test_the_veto_spares_no_talk(said: str) -> None:
    assert not spared(said, [call("distortion", "remove")])
