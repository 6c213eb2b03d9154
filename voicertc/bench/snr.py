"""How the held-out benchmark measures a scene's signal-to-noise ratio.

``broadband`` (the default, every figure before session 16): the mean power of the speech
over its active span against the noise's, whatever the frequency. ``speech-band``: the same
powers within 300-4000 Hz, where the words are told apart.

espeak-ng's voices put 70-98% of their power in that band; flite's ``slt`` puts 82% below
300 Hz, in its first harmonics, and 16% in it, so at a broadband 10 dB its words meet noise
about 7 dB closer than espeak's do, in white noise or babble. (White noise has 30% of its
power in the band: measured there, it grows for every voice that has more than that.)
On tune3 (session 16, docs/speech.md) slt's noisy commands went from 1 of 18 right to 5
of 18 measured the speech-band way, espeak en-us m1's from 19 of 20 to 18: slt stays the
weakest voice, but a quarter of its gap to the others is how the SNR is measured.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

BAND_HZ = (300.0, 4000.0)


def broadband(x: np.ndarray, rate: int) -> float:
    """Mean power of ``x``."""
    return float(np.mean(np.square(np.asarray(x, dtype=np.float64))))


def speech_band(x: np.ndarray, rate: int) -> float:
    """Mean power of ``x`` within ``BAND_HZ`` (Parseval: per sample, as ``broadband``)."""
    x = np.asarray(x, dtype=np.float64)
    spectrum = np.square(np.abs(np.fft.rfft(x)))
    freqs = np.fft.rfftfreq(x.size, 1.0 / rate)
    inside = (freqs >= BAND_HZ[0]) & (freqs < BAND_HZ[1])
    # rfft holds each positive frequency once: twice its power for the negative one.
    return float(2.0 * spectrum[inside].sum() / x.size**2)


POWERS: dict[str, Callable[[np.ndarray, int], float]] = {"broadband": broadband, "speech-band": speech_band}
