"""Session 9's tools: the perturbations turns were heard through change what they say
they change and keep the rest (a tempo change that moved the pitch would be a speed
change), and the rules replayed on the perturbed listens do what they say."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from voicertc.assistant.candidates import Candidate, Turn
from voicertc.bench import perturb, perturbed_replay

RATE = perturb.RATE


def _tone(hz: float, seconds: float = 1.0) -> np.ndarray:
    t = np.arange(int(RATE * seconds)) / RATE
    return 8000.0 * np.sin(2 * np.pi * hz * t)


def _peak_hz(x: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(x * np.hanning(x.size)))
    return float(np.argmax(spectrum)) * RATE / x.size


@pytest.mark.parametrize("factor", [0.9, 1.1])
def test_speed_changes_length_and_pitch_together(factor: float) -> None:
    y = perturb.speed(_tone(220.0), factor)
    assert abs(y.size - RATE / factor) <= 2
    assert _peak_hz(y) == pytest.approx(220.0 * factor, abs=2.0)


@pytest.mark.parametrize("factor", [0.9, 1.1])
def test_tempo_changes_length_and_keeps_pitch(factor: float) -> None:
    x = _tone(220.0)
    y = perturb.tempo(x, factor)
    assert abs(y.size - RATE / factor) <= 2
    assert _peak_hz(y) == pytest.approx(220.0, abs=2.0)
    # The overlap-add continues the waveform: no gaps or doubled windows in the middle.
    middle = y[RATE // 4 : -RATE // 4]
    assert np.sqrt(np.mean(middle**2)) == pytest.approx(8000.0 / np.sqrt(2), rel=0.05)


@pytest.mark.parametrize("factor", [0.92, 1.08])
def test_pitch_changes_pitch_and_keeps_length(factor: float) -> None:
    x = _tone(220.0)
    y = perturb.pitch(x, factor)
    assert y.size == x.size
    assert _peak_hz(y) == pytest.approx(220.0 * factor, abs=3.0)


def test_band_removes_only_what_lies_above_the_cutoff() -> None:
    low, high = _tone(500.0), _tone(6000.0)
    assert np.std(perturb.band(low, 4000.0)) == pytest.approx(np.std(low), rel=0.02)
    assert np.std(perturb.band(high, 4000.0)) < 0.01 * np.std(high)


def test_every_named_perturbation_returns_audio_of_about_the_same_length() -> None:
    x = _tone(300.0, 0.5)
    for name, f in perturb.PERTURBATIONS.items():
        y = f(x)
        assert 0.85 * x.size <= y.size <= 1.15 * x.size, name
        assert np.isfinite(y).all(), name


# --- the replay of rules using perturbed listens -----------------------------------------


def _turn_and_copies(copies: dict[str, list[str]], scores: dict[str, float]) -> tuple[Turn, dict[str, Any]]:
    """A turn the rule hears as asking nothing ("Molly bob."), and what the copies heard."""
    turn = Turn(
        [Candidate("Molly bob.", "first", 0, beam_score=-1.0, log_prob=-1.0)], snr_db=30.0, seconds=1.0
    )
    views = {v: {"texts": t, "scores": [-0.5] * len(t)} for v, t in copies.items()}
    return turn, {"views": views, "scores": {t: {"orig": s} for t, s in scores.items()}}


def test_a_rescue_takes_the_copies_command_only_when_about_as_likely_as_whispers_words() -> None:
    turn, pt = _turn_and_copies({"tempo0.9": ["More reverb."]}, {"Molly bob.": -1.0, "More reverb.": -1.5})
    rescue = perturbed_replay.rescue(["tempo0.9"], margin=1.0, floor=-2.0)
    assert rescue("Molly bob.", turn, pt) == "More reverb."
    assert (
        perturbed_replay.rescue(["tempo0.9"], margin=0.3, floor=-2.0)("Molly bob.", turn, pt) == "Molly bob."
    )
    assert (
        perturbed_replay.rescue(["tempo1.1"], margin=1.0, floor=-2.0)("Molly bob.", turn, pt) == "Molly bob."
    )
    # Only in place of words that ask nothing: a command the rule chose stays.
    assert rescue("Add some delay.", turn, pt) == "Add some delay."


def test_a_doubt_vote_needs_k_listens_to_agree_and_never_replaces_a_command() -> None:
    copies = {"speed0.9": ["More reverb."], "speed1.1": ["More reverb!"], "tempo0.9": ["Molly bob."]}
    turn, pt = _turn_and_copies(copies, {})
    views = list(copies)
    assert perturbed_replay.vote(views, 2, "doubt")("Molly bob.", turn, pt) == "More reverb."
    assert perturbed_replay.vote(views, 3, "doubt")("Molly bob.", turn, pt) == "Molly bob."
    assert perturbed_replay.vote(views, 1, "doubt")("Add some delay.", turn, pt) == "Add some delay."
    # A plain vote lets a majority of "nothing" undo a command the rule chose.
    nothing = {"speed0.9": ["Molly bob."], "speed1.1": ["Molly bob!"], "tempo0.9": ["Add some delay."]}
    turn, pt = _turn_and_copies(nothing, {})
    assert perturbed_replay.vote(list(nothing), 2)("Add some delay.", turn, pt) == ""
