"""The adapter's training perturbations: reproducible, level-keeping, and what they say."""

from __future__ import annotations

import numpy as np

from training.whisper_adapter import augment, utterances
from voicertc.bench.speech import RATE


def _tone(hz: float, seconds: float = 1.0) -> np.ndarray:
    t = np.arange(int(RATE * seconds)) / RATE
    return (8000 * np.sin(2 * np.pi * hz * t)).astype(np.int16)


def _peak_hz(x: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(x.astype(np.float64)))
    return float(np.fft.rfftfreq(x.size, 1 / RATE)[np.argmax(spectrum)])


def test_the_same_seed_gives_the_same_utterance() -> None:
    pcm = _tone(440)
    a = augment.perturb(pcm, np.random.default_rng(7))
    b = augment.perturb(pcm, np.random.default_rng(7))
    assert a.dtype == np.int16 and np.array_equal(a, b)


def test_level_is_kept() -> None:
    pcm = _tone(300)
    for seed in range(10):
        out = augment.perturb(pcm, np.random.default_rng(seed)).astype(np.float64)
        rms = np.sqrt(np.mean(out**2))
        assert abs(rms / np.sqrt(np.mean(pcm.astype(np.float64) ** 2)) - 1) < 0.05


def test_resampling_moves_pitch_by_at_most_three_semitones() -> None:
    pcm = _tone(500)
    peaks = [_peak_hz(augment.perturb(pcm, np.random.default_rng(s))) for s in range(30)]
    assert min(peaks) >= 500 * 2 ** (-3 / 12) - 3 and max(peaks) <= 500 * 2 ** (3 / 12) + 3
    assert max(peaks) - min(peaks) > 50  # some utterances are moved


def test_a_band_limit_cuts_the_highs() -> None:
    freqs = np.array([1000.0, 8000.0])
    gain = augment._gain(freqs, 0.0, (300.0, 3400.0))
    assert gain[0] > 0.9 and gain[1] < 0.05


def test_the_share_perturbed_is_the_one_asked_for() -> None:
    assert not any(item[6] for item in utterances.train_items(("tune", "tune2"), 4, 0.0))  # session 12's
    mixed = utterances.train_items()
    assert 0.5 < sum(item[6] for item in mixed) / len(mixed) < 0.7


def _voice(pitch_hz: float, formant_hz: float, seconds: float = 1.0) -> np.ndarray:
    """A sawtooth at ``pitch_hz`` through one narrow resonance at ``formant_hz``."""
    n = int(RATE * seconds)
    saw = 2 * ((np.arange(n) * pitch_hz / RATE) % 1.0) - 1
    r, theta = 0.99, 2 * np.pi * formant_hz / RATE
    out = np.zeros(n)
    for i in range(2, n):
        out[i] = saw[i] + 2 * r * np.cos(theta) * out[i - 1] - r * r * out[i - 2]
    return 4000 * out / np.abs(out).max()


def _at(x: np.ndarray, hz: float) -> float:
    middle = x[RATE // 4 : -RATE // 4]
    spectrum = np.abs(np.fft.rfft(middle * np.hanning(middle.size)))
    return float(spectrum[np.argmin(np.abs(np.fft.rfftfreq(middle.size, 1 / RATE) - hz))])


def test_a_formant_shift_moves_the_resonance_and_keeps_the_pitch() -> None:
    voice = _voice(200, 2000)
    assert _at(voice, 2000) > 2 * _at(voice, 2400)
    up = augment._shift_formants(voice, 1.2)
    assert _at(up, 2400) > 2 * _at(up, 2000)  # the resonance moved up a fifth of itself
    assert _at(up, 2400) > 20 * _at(up, 2300)  # still a 200 Hz voice: harmonics, nothing between
    assert np.array_equal(augment._shift_formants(voice, 1.0).round(6), voice.round(6))


def test_formant_shifts_are_drawn_after_the_rest() -> None:
    pcm = _tone(440)
    for seed in range(5):  # without them a seed still gives session 20's utterance
        old = augment.perturb(pcm, np.random.default_rng(seed))
        assert np.array_equal(old, augment.perturb(pcm, np.random.default_rng(seed), formants=False))
    moved = [
        not np.array_equal(
            augment.perturb(pcm, np.random.default_rng(s)),
            augment.perturb(pcm, np.random.default_rng(s), True),
        )
        for s in range(20)
    ]
    assert 3 < sum(moved) < 17  # about half are shifted
