"""RBJ-cookbook biquads (the same formulas as Web Audio's BiquadFilterNode), vectorised.

A per-sample Python loop costs about a millisecond per 20 ms block, so the recursion is
split into chunks of CHUNK samples: each chunk's zero-state response is one matrix
product for all chunks at once, and only the two-sample state is carried chunk to chunk
in a short scalar loop. The result is the exact recursion, not an approximation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import lru_cache

import numpy as np

from .dsp import Crossfade, Signal, fade_samples

CHUNK = 64
State = tuple[float, float, float, float]  # x[n-1], x[n-2], y[n-1], y[n-2]
ZERO: State = (0.0, 0.0, 0.0, 0.0)


def rbj(kind: str, cutoff_hz: float, q: float, sample_rate: int) -> tuple[float, ...]:
    """(b0, b1, b2, a1, a2) normalised by a0, with q as a linear Q."""
    w0 = 2 * math.pi * min(cutoff_hz, 0.49 * sample_rate) / sample_rate
    cos, alpha = math.cos(w0), math.sin(w0) / (2 * q)
    if kind == "lowpass":
        b0, b1 = (1 - cos) / 2, 1 - cos
    else:
        b0, b1 = (1 + cos) / 2, -(1 + cos)
    a0 = 1 + alpha
    return b0 / a0, b1 / a0, b0 / a0, -2 * cos / a0, (1 - alpha) / a0


class Kernel:
    """Precomputed chunk matrices for one set of coefficients."""

    def __init__(self, coeffs: tuple[float, ...]) -> None:
        b0, b1, b2, a1, a2 = coeffs
        # Column 0: impulse response; columns 1-4: zero-input response to each state entry.
        resp = np.zeros((CHUNK, 5))
        for col, (x1, x2, y1, y2) in enumerate(((0, 0, 0, 0), *np.eye(4).tolist())):
            for n in range(CHUNK):
                x0 = 1.0 if (col == 0 and n == 0) else 0.0
                y0 = b0 * x0 + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
                resp[n, col] = y0
                x1, x2, y1, y2 = x0, x1, y0, y1
        lag = np.subtract.outer(np.arange(CHUNK), np.arange(CHUNK))
        self.toeplitz_t = np.where(lag >= 0, resp[np.clip(lag, 0, None), 0], 0.0).T.copy()
        self.zir = resp[:, 1:]
        self.zir_t = self.zir.T.copy()
        self.last = tuple(self.zir[-1].tolist())
        self.prev = tuple(self.zir[-2].tolist())

    def run(self, x: Signal, state: State) -> tuple[Signal, State]:
        n = len(x)
        if n == 0:
            return x.copy(), state
        k = -(-n // CHUNK)
        chunks = np.zeros(k * CHUNK)
        chunks[:n] = x
        chunks = chunks.reshape(k, CHUNK)
        zero_state = chunks @ self.toeplitz_t
        ends, befores = zero_state[:, -1].tolist(), zero_state[:, -2].tolist()
        x_ends, x_befores = chunks[:, -1].tolist(), chunks[:, -2].tolist()
        l0, l1, l2, l3 = self.last
        p0, p1, p2, p3 = self.prev
        states = []
        x1, x2, y1, y2 = state
        for i in range(k):
            states.append((x1, x2, y1, y2))
            end = ends[i] + l0 * x1 + l1 * x2 + l2 * y1 + l3 * y2
            before = befores[i] + p0 * x1 + p1 * x2 + p2 * y1 + p3 * y2
            x1, x2, y1, y2 = x_ends[i], x_befores[i], end, before
        y = (zero_state + np.asarray(states) @ self.zir_t).reshape(-1)[:n]
        if n >= 2:
            return y, (float(x[-1]), float(x[-2]), float(y[-1]), float(y[-2]))
        return y, (float(x[0]), state[0], float(y[0]), state[2])


@lru_cache(maxsize=64)
def _kernel(coeffs: tuple[float, ...]) -> Kernel:
    return Kernel(coeffs)


class FilterStage:
    """A lowpass or highpass; a parameter change crossfades from the old filter to the new."""

    def __init__(self, kind: str, params: Mapping[str, float], sample_rate: int) -> None:
        self.kind = kind
        self.rate = sample_rate
        self.coeffs = self._coeffs(params)
        self.kernel = _kernel(self.coeffs)
        self.state: State = ZERO
        self.old: tuple[Kernel, State] | None = None
        self.fade = Crossfade(fade_samples(sample_rate))

    def _coeffs(self, params: Mapping[str, float]) -> tuple[float, ...]:
        return rbj(self.kind, params["cutoff_hz"], params["q"], self.rate)

    def set_params(self, params: Mapping[str, float]) -> None:
        coeffs = self._coeffs(params)
        if coeffs != self.coeffs:
            # Both filters share the history (past x and y), so the new one starts warm.
            self.old = (self.kernel, self.state)
            self.coeffs, self.kernel = coeffs, _kernel(coeffs)
            self.fade.start()

    def process(self, x: Signal) -> Signal:
        y, self.state = self.kernel.run(x, self.state)
        if self.old is None:
            return y
        kernel, state = self.old
        y_old, state = kernel.run(x, state)
        self.old = (kernel, state)
        y = y_old + self.fade.next(len(x)) * (y - y_old)
        if not self.fade.active:
            self.old = None
        return y
