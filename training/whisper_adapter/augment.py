"""Channel and speaker perturbations of a training utterance.

espeak-ng's voices share one formant synthesiser, so an adapter trained on them alone hears
the benchmark's other synthesisers (flite, piper) and its darker or thinner voices worst
(session 19: piper joe 60% of commands clean, flite awb and slt, espeak en-029). These
perturbations widen what it hears without using any of those voices:

- resampling by up to three semitones either way, which moves pitch, formants and tempo
  together (a longer or shorter vocal tract, a faster or slower talker);
- a spectral tilt of up to 4 dB per octave (a dark or a bright voice or microphone);
- a band limit: a telephone-like high pass at 150-400 Hz and low pass at 3-5 kHz;
- from session 24's recipe (``formants=True``), a formant shift of up to 15% either way that
  keeps the pitch (a longer or shorter vocal tract at the same voice pitch: flite's and
  piper's talkers differ from espeak-ng's in both, apart).

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


def _shift_formants(x: np.ndarray, factor: float, size: int = 1024, hop: int = 256) -> np.ndarray:
    """Each frame's spectral envelope (cepstrum below 2 ms, under any voice's pitch period)
    stretched by ``factor`` along frequency; the harmonics stay where they are."""
    length = x.size
    x = np.concatenate([np.zeros(size), x, np.zeros(2 * size)])  # every sample under full windows
    window = np.hanning(size)
    starts = range(0, x.size - size + 1, hop)
    lifter = int(0.002 * RATE)
    bins = np.arange(size // 2 + 1)
    out = np.zeros(x.size)
    weight = np.zeros(x.size)
    for start in starts:
        spectrum = np.fft.rfft(x[start : start + size] * window)
        cepstrum = np.fft.irfft(np.log(np.abs(spectrum) + 1e-6), size)
        cepstrum[lifter:-lifter] = 0
        envelope = np.fft.rfft(cepstrum).real  # the log envelope
        moved = np.interp(bins / factor, bins, envelope)
        frame = np.fft.irfft(spectrum * np.exp(moved - envelope), size) * window
        out[start : start + size] += frame
        weight[start : start + size] += window**2
    return (out / np.maximum(weight, 1e-3))[size : size + length]


def perturb(pcm: np.ndarray, rng: np.random.Generator, formants: bool = False) -> np.ndarray:
    """``pcm`` (int16 at ``RATE``) as another talker or channel might give it; same level.
    ``formants`` draws the formant shift after the others, so without it a seed gives
    session 20's utterance exactly."""
    x = pcm.astype(np.float64)
    level = np.sqrt(np.mean(x**2)) + 1e-9
    if rng.random() < 0.6:
        x = _resample(x, 2 ** (rng.uniform(-3, 3) / 12))
    tilt = rng.uniform(-4, 4) if rng.random() < 0.6 else 0.0
    band = (rng.uniform(150, 400), rng.uniform(3000, 5000)) if rng.random() < 0.3 else None
    if tilt or band:
        spectrum = np.fft.rfft(x)
        x = np.fft.irfft(spectrum * _gain(np.fft.rfftfreq(x.size, 1 / RATE), tilt, band), x.size)
    if formants and rng.random() < 0.5:
        x = _shift_formants(x, rng.uniform(0.85, 1.15))
    x *= level / (np.sqrt(np.mean(x**2)) + 1e-9)
    return np.clip(np.round(x), -32768, 32767).astype(np.int16)
