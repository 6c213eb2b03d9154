"""How the held-out scenes scale their noise: broadband as before, or within the speech band."""

from __future__ import annotations

import numpy as np

from voicertc.bench import heldout, snr

RATE = 24000


def _tone(hz: float, seconds: float = 1.0, amplitude: float = 1000.0) -> np.ndarray:
    t = np.arange(int(RATE * seconds)) / RATE
    return amplitude * np.sin(2 * np.pi * hz * t)


def test_broadband_is_the_mean_square() -> None:
    x = _tone(1000.0)
    assert snr.broadband(x, RATE) == np.mean(np.square(x))


def test_speech_band_counts_only_what_lies_in_the_band() -> None:
    inside, below = _tone(1000.0), _tone(150.0)
    assert np.isclose(snr.speech_band(inside, RATE), snr.broadband(inside, RATE), rtol=1e-3)
    assert snr.speech_band(below, RATE) < 1e-3 * snr.broadband(below, RATE)
    assert np.isclose(snr.speech_band(inside + below, RATE), snr.broadband(inside, RATE), rtol=1e-3)


def _white(kind: str, n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=n)


def test_a_dark_voice_meets_less_noise_when_measured_in_the_speech_band() -> None:
    # Most of the power in a low harmonic, a little where words are told apart.
    voice = (_tone(150.0, amplitude=8000.0) + _tone(1500.0, amplitude=800.0)).astype(np.int16)
    broad = heldout.scene(voice, ("white", 10.0), seed=1, noise_of=_white)
    band = heldout.scene(voice, ("white", 10.0), seed=1, noise_of=_white, snr="speech-band")
    lead = int(0.8 * RATE) // 2  # noise alone before the speech
    assert np.std(band[:lead]) < 0.2 * np.std(broad[:lead])


def test_broadband_scenes_are_unchanged_by_default() -> None:
    voice = _tone(500.0).astype(np.int16)
    assert np.array_equal(
        heldout.scene(voice, ("white", 10.0), seed=3, noise_of=_white),
        heldout.scene(voice, ("white", 10.0), seed=3, noise_of=_white, snr="broadband"),
    )
