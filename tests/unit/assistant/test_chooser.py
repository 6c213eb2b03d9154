"""The learned chooser among a turn's candidate transcripts (voicertc/assistant/chooser.py),
with the weights the package ships, and the combined recogniser driving it."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from voicertc.assistant import candidates, chooser, dialogue
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


class ScriptedWhisper:
    """Whisper's listens of one turn as given, each sentence scored as given."""

    def __init__(
        self, first: list[str], again: list[str], within: list[str], scores: dict[str, float]
    ) -> None:
        self.first, self.again, self.within, self.scores = first, again, within, scores

    def listen(self, samples: np.ndarray) -> Hearing:
        hearing = Hearing(self.first[0], None, 100, list(self.first))
        hearing.scores = [self.scores[t] for t in self.first]
        return hearing

    def listen_again(self, hearing: Hearing) -> list[str]:
        return list(self.again)

    def listen_within(self, hearing: Hearing, words: frozenset[str]) -> list[str]:
        return list(self.within)

    def listen_again_scored(self, hearing: Hearing) -> list[tuple[str, float]]:
        return [(t, -0.5) for t in self.again]

    def listen_within_scored(self, hearing: Hearing, words: frozenset[str]) -> list[tuple[str, float]]:
        return [(t, -0.5) for t in self.within]

    def log_prob(self, hearing: Hearing, text: str) -> float:
        return self.scores[text]


class ScriptedGrammar:
    def __init__(self, text: str) -> None:
        self.text = text

    def transcribe_16k(self, samples: np.ndarray, *, denoised: bool = False) -> str:
        return self.text

    def hear_16k(self, samples: np.ndarray, *, denoised: bool = False) -> tuple[str, float]:
        return self.text, -1.0


@pytest.mark.parametrize(
    ("first", "again", "grammar", "within", "scores", "expected"),
    [
        # Whisper's words stand; the grammar's different command is less likely.
        (
            ["Add some reverb."],
            [],
            "add some delay",
            [],
            {"Add some reverb.": -0.3, "add some delay": -2.0},
            "Add some reverb.",
        ),
        # A likely grammar command, but less likely than Whisper's own words: no overrule.
        (
            ["Add some reverb."],
            [],
            "add some delay",
            [],
            {"Add some reverb.": -0.3, "add some delay": -1.0},
            "Add some reverb.",
        ),
        # The grammar overrules a command Whisper itself finds less likely.
        (
            ["Turn it up, free NASA bills."],
            [],
            "turn it up three decibels",
            [],
            {"Turn it up, free NASA bills.": -1.2, "turn it up three decibels": -0.9},
            "turn it up three decibels",
        ),
        # Whisper heard nothing asked; the second listen did.
        (
            ["Put for speed."],
            ["Put fuzz on it."],
            "",
            [],
            {"Put for speed.": -0.8, "Put fuzz on it.": -0.9},
            "Put fuzz on it.",
        ),
        # Nothing understood in noise, Whisper doubted its words: the third listen's command.
        (
            ["Molybab."],
            ["Molybab."],
            "",
            ["More reverb."],
            {"Molybab.": -2.0, "More reverb.": -2.5},
            "More reverb.",
        ),
    ],
)
def test_the_rule_replayed_on_gathered_candidates_is_the_rule(
    first: list[str],
    again: list[str],
    grammar: str,
    within: list[str],
    scores: dict[str, float],
    expected: str,
) -> None:
    """``rule_on`` (the chooser's view of the rule, and chooser_fit's baseline) gives what
    the live rule gives when both recognisers hear the turn alike."""
    audio = (np.random.default_rng(0).normal(0, 3000, 24000)).astype("<i2").tobytes()  # noisy: SNR ~0 dB
    whisper_, grammar_ = ScriptedWhisper(first, again, within, scores), ScriptedGrammar(grammar)
    live = CombinedRecognizer(grammar_, whisper_)  # type: ignore[arg-type]
    try:
        said = live.transcribe(audio, 24000)
        samples = np.frombuffer(audio, "<i2").astype(np.float32)
        turn = candidates.gather(
            whisper_, grammar_, samples, whisper_.listen(samples), snr=0.0, words=frozenset(), side=None
        )
        assert said == expected
        assert live.rule_on(turn) == expected
    finally:
        live.close()
