"""Moonshine's second opinion (``moonshine_check.py``) on made-up transcripts and scores."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

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
        r.second_opinion(text, WhisperHearing(text, [text]), moon("Add some reverb", "Put some reverb on."))
        == text
    )
    assert r.combined.whisper.asked == [] and r.moonshine.asked == []


def test_a_command_both_models_prefer_replaces_the_rules() -> None:
    # Whisper slightly prefers its own words; Moonshine much prefers the other command.
    whisper = {"Remove the reverb": -0.8, "Remove the delay": -1.0}
    r = checked(whisper, {"Remove the reverb": -4.0, "Remove the delay": -0.5})
    hearing = WhisperHearing("Remove the reverb.", ["Remove the reverb."])
    assert r.second_opinion("Remove the reverb.", hearing, moon("Remove the delay.")) == "Remove the delay."
    assert r.stats["switched"] == 1


def test_the_rules_command_stays_within_the_margin() -> None:
    whisper = {"Remove the reverb": -0.8, "Remove the delay": -1.0}
    r = checked(whisper, {"Remove the reverb": -1.0, "Remove the delay": -1.2}, switch_margin=0.5)
    hearing = WhisperHearing("Remove the reverb.", ["Remove the reverb."])
    assert r.second_opinion("Remove the reverb.", hearing, moon("Remove the delay.")) == "Remove the reverb."
    assert r.stats["switched"] == 0


def test_words_that_ask_nothing_stay_what_they_are() -> None:
    # Replacing them with Moonshine's command gained nothing on the tune split: never done.
    r = checked({"Add distortion": -0.1}, {"Add distortion": -0.1})
    hearing = WhisperHearing("What's the weather?", ["What's the weather?"])
    assert r.second_opinion("What's the weather?", hearing, moon("Add distortion.")) == "What's the weather?"
    assert r.combined.whisper.asked == []


def test_nothing_below_the_floor() -> None:
    whisper = {"Remove the reverb": -5.0, "Remove the delay": -3.0}
    r = checked(whisper, {"Remove the reverb": -5.0, "Remove the delay": -3.5}, floor=-6.0)
    hearing = WhisperHearing("Remove the reverb.", ["Remove the reverb."])
    assert r.second_opinion("Remove the reverb.", hearing, moon("Remove the delay.")) == "Remove the reverb."
