"""The learned chooser among a turn's candidate transcripts (voicertc/assistant/chooser.py),
with the weights the package ships, and the combined recogniser driving it."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from voicertc.assistant import chooser, dialogue
from voicertc.assistant.asr import CombinedRecognizer
from voicertc.assistant.candidates import Candidate, Turn
from voicertc.assistant.whisper import Hearing


def turn(*candidates: tuple[str, str, int, float, float | None], snr: float = 30.0) -> Turn:
    return Turn([Candidate(*c) for c in candidates], snr, 2.0)


def test_the_shipped_weights_load_and_fit_the_features() -> None:
    model = chooser.load()
    assert model.weights.shape == (len(chooser.FEATURES),)
    assert 0.0 < model.threshold < 1.0
    data = json.loads(chooser.WEIGHTS.read_text())
    assert data["features"] == list(chooser.FEATURES)


@pytest.mark.parametrize(
    "change",
    [
        {"features": ["bias", "log_prob"]},
        {"weights": [0.0]},
        {"threshold": math.nan},
        {"scoring": "some"},
    ],
)
def test_weights_that_do_not_fit_are_refused(change: dict[str, object], tmp_path: Path) -> None:
    data = json.loads(chooser.WEIGHTS.read_text()) | change
    with pytest.raises(ValueError):
        chooser.Chooser.from_json(data)


def test_whispers_confident_command_beats_a_grammar_sentence_it_finds_unlikely() -> None:
    heard = turn(
        ("Add some reverb.", "first", 0, -0.2, None),
        ("Add some reverb!", "first", 1, -0.9, None),
        ("set the delay to thirty", "grammar", 0, -3.0, -4.5),
        ("Add some reverb.", "again", 0, -0.3, None),
        ("Add some reverb.", "within", 0, -0.2, None),
    )
    assert chooser.load().choose(heard) == "Add some reverb."


def test_a_command_every_source_heard_beats_a_lone_runner_up() -> None:
    heard = turn(
        ("Cut the lows.", "first", 0, -0.3, None),
        ("Cut the highs.", "first", 1, -1.4, None),
        ("cut the lows", "grammar", 0, -2.0, -0.35),
        ("Cut the lows.", "again", 0, -0.4, None),
    )
    index, intents = chooser.load().pick(heard)
    assert index is not None and intents[index] == dialogue.understand("cut the lows")


def test_no_command_when_no_candidate_gives_one() -> None:
    heard = turn(
        ("What's the weather like today?", "first", 0, -0.2, None),
        ("What is the weather like today?", "first", 1, -0.6, None),
        ("What's the weather like today?", "again", 0, -0.3, None),
    )
    assert chooser.load().choose(heard) == "What's the weather like today?"
    assert chooser.load().choose(turn()) == ""


def test_a_forced_grammar_command_on_fluent_off_topic_speech_is_declined() -> None:
    heard = turn(
        ("My flight leaves at nine tomorrow morning.", "first", 0, -0.15, None),
        ("My flight leaves at 9 tomorrow morning.", "first", 1, -0.5, None),
        ("set the delay to nine", "grammar", 0, -6.0, -5.5),
        ("My flight leaves at nine tomorrow morning.", "again", 0, -0.2, None),
    )
    said = chooser.load().choose(heard)
    assert not isinstance(dialogue.understand(said), dialogue.ToolCall), said
    assert said == "My flight leaves at nine tomorrow morning."


def test_the_rating_grows_with_whispers_score_of_the_command() -> None:
    model = chooser.load()
    ratings = []
    for lp in (-5.0, -3.0, -1.0, -0.2):
        heard = turn(
            ("Play some music.", "first", 0, -0.3, None),
            ("add some reverb", "grammar", 0, -2.0, lp),
        )
        rows, x = chooser.features(
            heard, [dialogue.understand(c.text) for c in heard.candidates], model.scoring
        )
        assert rows == [1]
        ratings.append(float(model.rate(x)[0]))
    assert ratings == sorted(ratings) and ratings[-1] > ratings[0] + 0.2, ratings


def test_teacher_forced_scores_are_asked_only_where_the_features_read_them() -> None:
    cands = [
        Candidate("Cut the lows.", "first", 0, -0.3),
        Candidate("Cut the lows.", "again", 0, -0.4),
        Candidate("cut the lows", "grammar", 0, -2.0),
        Candidate("Cut the lowest.", "within", 0, -0.5),
    ]
    assert [chooser.needs_score(cands, c, "all") for c in cands] == [False, False, True, True]
    assert [chooser.needs_score(cands, c, "grammar") for c in cands] == [False, False, True, False]


class FakeWhisper:
    """Whisper's four ways of hearing one turn, without a model."""

    def __init__(self) -> None:
        self.scored: list[str] = []

    def listen(self, samples: np.ndarray) -> Hearing:
        hearing = Hearing("Add some reverb.", None, 100, ["Add some reverb.", "Add sun reverb."])
        hearing.scores = [-0.2, -1.5]
        return hearing

    def listen_again_scored(self, hearing: Hearing) -> list[tuple[str, float]]:
        return [("Add some reverb.", -0.3)]

    def listen_within_scored(self, hearing: Hearing, words: frozenset[str]) -> list[tuple[str, float]]:
        return [("Add some reverb.", -0.2)]

    def log_prob(self, hearing: Hearing, text: str) -> float:
        self.scored.append(text)
        return -4.0


class FakeGrammar:
    def hear_16k(self, samples: np.ndarray, *, denoised: bool = False) -> tuple[str, float]:
        return "set the delay to thirty", -3.0


def test_the_combined_recogniser_takes_the_choosers_pick() -> None:
    fake = FakeWhisper()
    recognizer = CombinedRecognizer(FakeGrammar(), fake, chooser=chooser.load())  # type: ignore[arg-type]
    try:
        heard = recognizer.transcribe(b"\1\0" * 24000, 24000)
    finally:
        recognizer.close()
    assert heard == "Add some reverb."
    assert fake.scored == ["set the delay to thirty"]  # the first listen's sentences carry their score
