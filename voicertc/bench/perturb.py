"""The same turn heard differently: speed, tempo, pitch and band changes of 16 kHz audio.

Test-time augmentation for the recogniser, measured in session 9 (docs/speech.md;
``perturbed_dump``, ``perturbed_replay``; not in the recogniser: it did not win): Whisper
decodes a perturbed copy of the turn and the listens are compared. Numpy and soxr only,
0.5 ms (speed, band) to 10-20 ms (tempo, pitch) a turn.

- ``speed``: played faster or slower by resampling (tempo and pitch together);
- ``tempo``: faster or slower at the same pitch (WSOLA: overlap-add of windows moved by
  up to ``TOLERANCE`` to where they continue the waveform best);
- ``pitch``: higher or lower at the same length (a speed change undone by a tempo change);
- ``band``: the band above ``cutoff_hz`` removed (a telephone-like channel).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import soxr

RATE = 16000
WINDOW = 512  # 32 ms: a few pitch periods of speech
TOLERANCE = 160  # 10 ms either way: a low voice's period


def speed(x: np.ndarray, factor: float) -> np.ndarray:
    """``x`` played ``factor`` times as fast: shorter by ``factor``, pitch up by it."""
    return soxr.resample(np.asarray(x, dtype=np.float64), RATE * factor, RATE)


def tempo(x: np.ndarray, factor: float) -> np.ndarray:
    """``x`` ``factor`` times as fast at the same pitch (WSOLA)."""
    x = np.asarray(x, dtype=np.float64)
    hop = WINDOW // 2
    if x.size < WINDOW + 2 * TOLERANCE or factor == 1.0:
        return x.copy()
    padded = np.concatenate([np.zeros(TOLERANCE), x, np.zeros(WINDOW + 2 * TOLERANCE + hop)])
    window = np.hanning(WINDOW + 1)[:-1]  # periodic: sums to 1 at 50% overlap
    count = int(np.ceil(x.size / factor / hop))
    out = np.zeros(count * hop + WINDOW)
    views = np.lib.stride_tricks.sliding_window_view(padded, WINDOW)
    prev = TOLERANCE  # where the last window was taken from (in ``padded``)
    for k in range(count):
        centre = TOLERANCE + round(k * hop * factor)
        lo = max(0, centre - TOLERANCE)
        hi = min(views.shape[0] - 1, centre + TOLERANCE)
        if k == 0 or lo > hi:
            start = min(centre, views.shape[0] - 1)
        else:
            # The window that best continues what the last one would have played next.
            natural = views[min(prev + hop, views.shape[0] - 1)]
            start = lo + int(np.argmax(views[lo : hi + 1] @ natural))
        out[k * hop : k * hop + WINDOW] += views[start] * window
        prev = start
    return out[: round(x.size / factor)]


def pitch(x: np.ndarray, factor: float) -> np.ndarray:
    """``x`` with its pitch (and formants) raised by ``factor``, its length kept."""
    return tempo(speed(x, factor), 1.0 / factor)[: np.asarray(x).size]


def band(x: np.ndarray, cutoff_hz: float) -> np.ndarray:
    """``x`` without what lies above ``cutoff_hz`` (through a lower rate and back)."""
    low = soxr.resample(np.asarray(x, dtype=np.float64), RATE, 2 * cutoff_hz)
    return soxr.resample(low, 2 * cutoff_hz, RATE)[: np.asarray(x).size]


Perturbation = Callable[[np.ndarray], np.ndarray]

# The perturbations measured in session 9, by name.
PERTURBATIONS: dict[str, Perturbation] = {
    "speed0.9": lambda x: speed(x, 0.9),
    "speed1.1": lambda x: speed(x, 1.1),
    "tempo0.9": lambda x: tempo(x, 0.9),
    "tempo1.1": lambda x: tempo(x, 1.1),
    "pitch0.92": lambda x: pitch(x, 0.92),
    "pitch1.08": lambda x: pitch(x, 1.08),
    "band4k": lambda x: band(x, 4000.0),
}
