"""Hesitations dropped or said once before a turn is read; kinds of thing and clauses that end
on the words said again are left as said."""

from __future__ import annotations

import pytest

from voicertc.assistant.hesitations import said_once, unhedged, without_asides, without_fillers


@pytest.mark.parametrize(
    ("said", "once"),
    [
        ("reset, um, reset the verb", "reset the verb"),
        ("switch on the, the volume boost", "switch on the volume boost"),
        ("make the the echo quieter", "make the echo quieter"),
        ("reverb up, up the delay", "reverb up, up the delay"),
        ("testing, testing, can you hear me", "testing, testing, can you hear me"),
        ("one two, one two three", "one two, one two three"),
    ],
)
def test_restarts_said_once(said: str, once: str) -> None:
    assert said_once(said) == once


def test_hedges_inside_a_phrase_dropped_not_kinds_of_thing() -> None:
    assert unhedged("the sparkle's kind of gone") == "the sparkle's gone"
    assert unhedged("what kind of reverb is this") == "what kind of reverb is this"
    assert unhedged("give me sort of reverb") == "give me sort of reverb"


def test_fillers_said_as_clauses_dropped() -> None:
    assert without_fillers("um, the reverb's, like, a bit too wet") == "the reverb's, a bit too wet"
    assert without_fillers("er, what's it called, the bass cut, put that on") == "the bass cut, put that on"
    assert without_fillers("um") == "um"


def test_asides_dropped() -> None:
    assert without_asides("hold up, add echo").strip() == "add echo"
