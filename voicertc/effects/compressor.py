"""Feed-forward soft-knee compressor with the DynamicsCompressorNode's parameter meanings.

The knee is one-sided as in Web Audio: compression fades in from threshold_db up to
threshold_db + knee_db. There is no makeup gain. Level detection and the attack/release
smoothing run at a 1 ms control rate (per-sample branching recursion cannot be
vectorised), and the gain is interpolated linearly between control points.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from .dsp import Signal

CONTROL_S = 0.001


def reduction_db(level_db: Signal, threshold: float, ratio: float, knee: float) -> Signal:
    """Static gain reduction (dB, >= 0) for input peak levels in dBFS."""
    over = np.maximum(level_db - threshold, 0.0)
    slope = 1.0 - 1.0 / ratio
    if knee <= 0:
        return slope * over
    # Quadratic knee: its slope grows from 0 to `slope` across the knee, so the curve
    # and its derivative are continuous at both ends.
    return np.where(over < knee, slope * over**2 / (2 * knee), slope * (over - knee / 2))


class CompressorStage:
    def __init__(self, params: Mapping[str, float], sample_rate: int) -> None:
        self.rate = sample_rate
        self.sub = max(2, round(CONTROL_S * sample_rate))
        self.reduction = 0.0  # smoothed gain reduction in dB at the last sample
        self.set_params(params)

    def set_params(self, params: Mapping[str, float]) -> None:
        # A change only moves the target; attack/release smoothing keeps it click-free.
        self.threshold = params["threshold_db"]
        self.ratio = params["ratio"]
        self.knee = params["knee_db"]
        self.attack = self._coef(params["attack_ms"], self.sub)
        self.release = self._coef(params["release_ms"], self.sub)
        self.attack_ms = params["attack_ms"]
        self.release_ms = params["release_ms"]

    def _coef(self, ms: float, samples: int) -> float:
        return math.exp(-samples / (self.rate * ms / 1000.0)) if ms > 0 else 0.0

    def process(self, x: Signal) -> Signal:
        n = len(x)
        if n == 0:
            return x.copy()
        k = -(-n // self.sub)
        padded = np.zeros(k * self.sub)
        padded[:n] = np.abs(x)
        peaks = padded.reshape(k, self.sub).max(axis=1)
        level = 20.0 * np.log10(np.maximum(peaks, 1e-9))
        targets = reduction_db(level, self.threshold, self.ratio, self.knee).tolist()
        tail = n - (k - 1) * self.sub
        smoothed = []
        red = self.reduction
        for i, target in enumerate(targets):
            if i == k - 1 and tail != self.sub:
                ms = self.attack_ms if target > red else self.release_ms
                coef = self._coef(ms, tail)
            else:
                coef = self.attack if target > red else self.release
            red = target + coef * (red - target)
            smoothed.append(red)
        ends = np.minimum(np.arange(1, k + 1) * self.sub, n) - 1
        curve = np.interp(np.arange(n), np.concatenate(([-1], ends)), [self.reduction, *smoothed])
        self.reduction = red
        return x * 10.0 ** (-curve / 20.0)
