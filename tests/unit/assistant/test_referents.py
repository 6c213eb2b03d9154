"""referents.pointed_step and said_before, and through clauses.understand_all: "it" and "them" after an
effect was described are that effect, not the overall volume."""

from __future__ import annotations

import pytest

from voicertc.assistant.clauses import understand_all
from voicertc.assistant.dialogue import ToolCall, understand
from voicertc.assistant.referents import pointed_step, said_before


def _changes(said: str) -> list[tuple[object, object]]:
    return [
        (c.arguments["effect"], c.arguments["action"])
        for c in understand_all(said)
        if isinstance(c, ToolCall)
    ]


@pytest.mark.parametrize(
    ("said", "effect", "action"),
    [
        ("the reverb is drowning me, can you make it quieter", "reverb", "decrease"),
        ("I can hear the echo over my words, make it softer", "delay", "decrease"),
        ("the repeats are too loud, make them quieter", "delay", "decrease"),
        ("the crackle is too loud, can you turn it down", "distortion", "decrease"),
        ("the repeating is a bit much for me, I'd like it quieter", "delay", "decrease"),
        ("the reverb is too quiet, make it louder", "reverb", "increase"),
    ],
)
def test_the_effect_described_is_meant(said: str, effect: str, action: str) -> None:
    assert _changes(said) == [(effect, action)]


@pytest.mark.parametrize(
    ("said", "changes"),
    [
        # a request before "it": the voice is made louder too
        ("add reverb and make it louder", [("reverb", "add"), ("gain", "increase")]),
        ("turn the reverb up and make it louder", [("reverb", "increase"), ("gain", "increase")]),
        # nothing asked of the assistant
        ("the echo in the church was huge, they should make it quieter", []),
        ("the crackle on the radio was awful, so I turned it down", []),
        # no effect spoken of: the volume
        ("I can barely hear myself, make it louder", [("gain", "increase")]),
    ],
)
def test_not_pointed_back(said: str, changes: list[tuple[str, str]]) -> None:
    assert _changes(said) == changes


def test_a_later_request_keeps_the_turn_as_parts() -> None:
    parts = ["the echo is too loud", "make it quieter", "and add some reverb"]
    assert pointed_step(parts, understand) is None


def test_nothing_pointed_at_without_a_pointer() -> None:
    assert pointed_step(["the echo is too loud", "make me quieter"], understand) is None


@pytest.mark.parametrize(
    ("said", "action"),
    [
        ("that rough sound is too strong, tone it down a bit", "decrease"),
        ("that growly effect is too strong, make it softer", "decrease"),
        ("I don't like that scratchy effect, switch it off", "remove"),
        ("the rough sound on my voice, turn it off", "remove"),
        ("that crackling you put on, could you take that away entirely", "remove"),
    ],
)
def test_the_distortion_described_by_its_sound_is_pointed_at(said: str, action: str) -> None:
    assert _changes(said) == [("distortion", action)]


@pytest.mark.parametrize(
    "said",
    ["the buzz from the fridge is driving me mad, can you get rid of it",
     "the buzzing of my phone, turn it off", "my throat feels rough today, so turn it down a bit"],
)  # fmt: skip
def test_a_noise_or_a_voice_described_is_not_the_distortion(said: str) -> None:
    assert ("distortion", "remove") not in _changes(said) and ("distortion", "decrease") not in _changes(said)


@pytest.mark.parametrize(
    ("said", "effect"),
    [
        ("the echo is too loud, switch it off", "delay"),
        ("the compressor is too strong, take it off", "compressor"),
    ],
)
def test_a_complaint_then_it_taken_away_removes_the_effect(said: str, effect: str) -> None:
    assert _changes(said) == [(effect, "remove")]


def test_a_complaint_then_it_turned_down_stays_a_step() -> None:
    assert _changes("the echo is too loud, turn it down a bit") == [("delay", "decrease")]


def test_an_effect_said_before_a_part_is_what_its_it_points_at() -> None:
    part = said_before("reverb", "maybe less of it")
    assert part == "the reverb, maybe less of it"
    assert understand(part) == ToolCall("apply_audio_effect", {"effect": "reverb", "action": "decrease"})
