"""Reverb: a 16-line feedback delay network whose tail decays by 60 dB in decay_s.

The web client convolves with white noise decaying to -60 dB at decay_s; a lossless
FDN with per-line attenuation tuned to the same RT60 gives a statistically similar
flat-spectrum, exponentially decaying tail at a fixed cost per sample, where a
convolution with a 10 s response would cost tens of times more. The wet signal is
scaled so its impulse response carries unit energy.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from .dsp import Ramp, Signal, fade_samples

# Mutually prime line lengths at 48 kHz, geometrically spread over 21-69 ms.
LENGTHS_48K = (1021, 1109, 1201, 1291, 1399, 1511, 1637, 1777,
               1913, 2069, 2237, 2417, 2617, 2833, 3061, 3301)  # fmt: skip
LINES = len(LENGTHS_48K)
ROOM = 8192  # samples written between compactions of the line buffer


def _hadamard(n: int) -> Signal:
    h = np.ones((1, 1))
    while h.shape[0] < n:
        h = np.block([[h, h], [h, -h]])
    return h / math.sqrt(n)


class ReverbStage:
    def __init__(self, params: Mapping[str, float], sample_rate: int) -> None:
        self.rate = sample_rate
        self.d = np.array([max(2, round(v * sample_rate / 48000)) for v in LENGTHS_48K])
        self.dmin, self.dmax = int(self.d.min()), int(self.d.max())
        self.buf = np.zeros((LINES, self.dmax + ROOM))
        self.w = self.dmax
        signs = np.where(np.arange(LINES) % 3 == 0, -1.0, 1.0)
        self.b = np.ones((LINES, 1)) / math.sqrt(LINES)
        self.c = signs / math.sqrt(LINES)
        self.matrix = _hadamard(LINES)
        fade = fade_samples(sample_rate)
        self.decay = params["decay_s"]
        self.feedback, norm = self._tune(self.decay)
        self.norm = Ramp(norm, fade)
        self.mix = Ramp(params["mix"] / 100.0, fade)

    def _tune(self, decay: float) -> tuple[Signal, float]:
        """Mixing matrix with the per-line losses folded in, and the wet normalisation."""
        gains = 10.0 ** (-3.0 * self.d / (self.rate * decay))
        # Each trip round the loop keeps mean(g^2) of the energy, and the first trip
        # emits 1/LINES of it through the output taps.
        energy = 1.0 / (LINES * (1.0 - float(np.mean(gains**2))))
        return self.matrix * gains[None, :], 1.0 / math.sqrt(energy)

    def set_params(self, params: Mapping[str, float]) -> None:
        if params["decay_s"] != self.decay:
            self.decay = params["decay_s"]
            self.feedback, norm = self._tune(self.decay)
            self.norm.set(norm)
        self.mix.set(params["mix"] / 100.0)

    def process(self, x: Signal) -> Signal:
        n = len(x)
        wet = np.empty(n)
        taps = np.empty((LINES, self.dmin))
        pos = 0
        while pos < n:
            # A chunk no longer than the shortest line reads only samples already written.
            size = min(n - pos, self.dmin, ROOM)
            if self.w + size > self.buf.shape[1]:
                self.buf[:, : self.dmax] = self.buf[:, self.w - self.dmax : self.w]
                self.w = self.dmax
            out = taps[:, :size]
            for i, d in enumerate(self.d.tolist()):
                out[i] = self.buf[i, self.w - d : self.w - d + size]
            wet[pos : pos + size] = self.c @ out
            mixed = self.feedback @ out
            self.buf[:, self.w : self.w + size] = mixed + self.b * x[pos : pos + size]
            self.w += size
            pos += size
        wet *= self.norm.next(n)
        return x + self.mix.next(n) * (wet - x)
