"""Channel and speaker perturbations of a training utterance.

espeak-ng's voices share one formant synthesiser, so an adapter trained on them alone hears
the benchmark's other synthesisers (flite, piper) and its darker or thinner voices worst
(session 19: piper joe 60% of commands clean, flite awb and slt, espeak en-029). These
perturbations widen what it hears without using any of those voices:

- resampling by up to three semitones either way, which moves pitch, formants and tempo
  together (a longer or shorter vocal tract, a faster or slower talker);
- a spectral tilt of up to 4 dB per octave (a dark or a bright voice or microphone);
- a band limit: a telephone-like high pass at 150-400 Hz and low pass at 3-5 kHz.

Each is drawn independently from the utterance's own seed, so a set is reproducible.
"""

from __future__ import annotations

import numpy as np

from voicertc.bench.speech import RATE


def _resample(x: np.ndarray, factor: float) -> np.ndarray:
    """Played ``factor`` times faster: pitch and formants up by ``factor``."""
    n = max(1, round(x.size / factor))
    return np.interp(np.arange(n) * factor, np.arange(x.size), x)


def _gain(freqs: np.ndarray, tilt_db: float, band: tuple[float, float] | None) -> np.ndarray:
    db = tilt_db * np.log2(np.maximum(freqs, 100.0) / 1000.0)
    gain = 10 ** (db / 20)
    if band is not None:
        low, high = band
        f = np.maximum(freqs, 1e-3)
        gain = gain / np.sqrt(1 + (low / f) ** 8) / np.sqrt(1 + (f / high) ** 8)  # 4th-order slopes
    return gain


def perturb(pcm: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """``pcm`` (int16 at ``RATE``) as another talker or channel might give it; same level."""
    x = pcm.astype(np.float64)
    level = np.sqrt(np.mean(x**2)) + 1e-9
    if rng.random() < 0.6:
        x = _resample(x, 2 ** (rng.uniform(-3, 3) / 12))
    tilt = rng.uniform(-4, 4) if rng.random() < 0.6 else 0.0
    band = (rng.uniform(150, 400), rng.uniform(3000, 5000)) if rng.random() < 0.3 else None
    if tilt or band:
        spectrum = np.fft.rfft(x)
        x = np.fft.irfft(spectrum * _gain(np.fft.rfftfreq(x.size, 1 / RATE), tilt, band), x.size)
    x *= level / (np.sqrt(np.mean(x**2)) + 1e-9)
    return np.clip(np.round(x), -32768, 32767).astype(np.int16)
