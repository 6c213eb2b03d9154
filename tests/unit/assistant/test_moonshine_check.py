"""Moonshine's second opinion (``moonshine_check.py``) on made-up transcripts and scores."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pytest

from voicertc.assistant.moonshine import Hearing
from voicertc.assistant.moonshine_check import MoonshineChecked


@dataclass
class WhisperHearing:
    text: str
    alternatives: list[str] = field(default_factory=list)


class Scorer:
    """Scores from a table (keys without the closing mark); counts calls."""

    def __init__(self, table: dict[str, float]) -> None:
        self.table = table
        self.asked: list[str] = []

    def log_prob(self, hearing: object, text: str) -> float:
        self.asked.append(text)
        return self.table.get(text.rstrip(".?"), -20.0)


class Combined:
    def __init__(self, whisper: Scorer) -> None:
        self.whisper = whisper


def checked(whisper: dict[str, float], moon: dict[str, float], **kwargs: float) -> MoonshineChecked:
    recognizer = MoonshineChecked(Combined(Scorer(whisper)), **kwargs)  # type: ignore[arg-type]
    recognizer.moonshine = Scorer(moon)  # type: ignore[assignment]
    return recognizer


def moon(*texts: str) -> Hearing:
    return Hearing(texts[0], np.zeros((1, 1, 1), np.float32), list(texts))


def test_agreement_costs_no_scoring() -> None:
    r = checked({}, {})
    text = "Add some reverb."
    assert (
        r.second_opinion(text, WhisperHearing(text, [text, "Add some reverb"]), moon("Add some reverb."))
        == text
    )
    assert r.combined.whisper.asked == [] and r.moonshine.asked == []


def test_a_command_both_models_prefer_replaces_the_rules() -> None:
    # Whisper slightly prefers its own words; Moonshine much prefers the other command.
    whisper = {"Remove the reverb": -0.8, "Remove the delay": -1.0}
    r = checked(whisper, {"Remove the reverb": -4.0, "Remove the delay": -0.5})
    hearing = WhisperHearing("Remove the reverb.", ["Remove the reverb.", "Remove the delay."])
    assert r.second_opinion("Remove the reverb.", hearing, moon("Remove the delay.")) == "Remove the delay."
    assert r.stats["switched"] == 1


def test_the_rules_command_stays_within_the_margin() -> None:
    whisper = {"Remove the reverb": -0.8, "Remove the delay": -1.0}
    r = checked(whisper, {"Remove the reverb": -1.0, "Remove the delay": -1.2}, switch_margin=0.5)
    hearing = WhisperHearing("Remove the reverb.", ["Remove the reverb."])
    assert r.second_opinion("Remove the reverb.", hearing, moon("Remove the delay.")) == "Remove the reverb."


def test_a_command_rescues_words_that_ask_nothing_only_when_rated_near_them() -> None:
    hearing = WhisperHearing("Let's do this.", ["Let's do this."])
    # Moonshine heard a command both models rate close to Whisper's own words
    r = checked(
        {"Let's do this": -1.5, "Add distortion": -1.8}, {"Let's do this": -2.0, "Add distortion": -0.6}
    )
    assert r.second_opinion("Let's do this.", hearing, moon("Add distortion.")) == "Add distortion."
    assert r.stats["rescued"] == 1
    # off-topic speech both are sure of stays what it is, a plausible command (-4) too far below
    r = checked(
        {"What's the weather": -0.3, "Add distortion": -2.0},
        {"What's the weather": -0.4, "Add distortion": -2.0},
    )
    hearing = WhisperHearing("What's the weather?", ["What's the weather?"])
    assert r.second_opinion("What's the weather?", hearing, moon("Add distortion.")) == "What's the weather?"


@pytest.mark.parametrize("floor", [-6.0, -2.0])
def test_nothing_below_the_floor(floor: float) -> None:
    hearing = WhisperHearing("", [""])
    r = checked({"Add distortion": -2.0}, {"Add distortion": -1.5}, floor=floor)
    taken = r.second_opinion("", hearing, moon("Add distortion."))
    assert taken == ("Add distortion." if floor == -6.0 else "")
