"""Shared rendering pieces: parameter ramps, and the simple stages (gain, distortion, delay)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

Signal = NDArray[np.float64]
Level = float | Signal  # a ramp is a scalar once settled, so steady blocks skip the arrays

# Long enough that a step in gain or a swapped filter is not heard as a click, short
# enough that a change feels immediate.
FADE_S = 0.02


class Stage(Protocol):
    def set_params(self, params: Mapping[str, float]) -> None: ...

    def process(self, x: Signal) -> Signal: ...


def fade_samples(sample_rate: int) -> int:
    return max(1, round(FADE_S * sample_rate))


class Ramp:
    """A value that glides linearly to each new target over a fixed number of samples."""

    def __init__(self, value: float, length: int) -> None:
        self.value = value
        self.target = value
        self.length = max(1, length)
        self.left = 0
        self.step = 0.0

    def set(self, target: float) -> None:
        if target != self.target:
            self.target = target
            self.left = self.length
            self.step = (target - self.value) / self.length

    def next(self, n: int) -> Level:
        if self.left == 0:
            return self.target
        if n == 0:
            return self.value
        k = min(n, self.left)
        out = np.full(n, self.target)
        out[:k] = self.value + self.step * np.arange(1, k + 1)
        self.left -= k
        self.value = self.target if self.left == 0 else float(out[k - 1])
        return out


class Crossfade:
    """Weights 0 -> 1 over ``length`` samples, spread across however many blocks it takes."""

    def __init__(self, length: int) -> None:
        self.length = length
        self.pos = length

    def start(self) -> None:
        self.pos = 0

    @property
    def active(self) -> bool:
        return self.pos < self.length

    def next(self, n: int) -> Signal:
        weights = np.minimum((self.pos + np.arange(1, n + 1)) / self.length, 1.0)
        self.pos = min(self.pos + n, self.length)
        return weights


class GainStage:
    def __init__(self, params: Mapping[str, float], sample_rate: int) -> None:
        self.gain = Ramp(self._linear(params), fade_samples(sample_rate))

    @staticmethod
    def _linear(params: Mapping[str, float]) -> float:
        return float(10.0 ** (params["gain_db"] / 20.0))

    def set_params(self, params: Mapping[str, float]) -> None:
        self.gain.set(self._linear(params))

    def process(self, x: Signal) -> Signal:
        return x * self.gain.next(len(x))


class DistortionStage:
    """tanh(k x) / tanh(k): unity at full scale, ever harder saturation as drive rises."""

    def __init__(self, params: Mapping[str, float], sample_rate: int) -> None:
        self.k = Ramp(self._k(params), fade_samples(sample_rate))

    @staticmethod
    def _k(params: Mapping[str, float]) -> float:
        return 0.01 + 0.2 * params["drive"]

    def set_params(self, params: Mapping[str, float]) -> None:
        self.k.set(self._k(params))

    def process(self, x: Signal) -> Signal:
        k = self.k.next(len(x))
        return np.tanh(k * x) / np.tanh(k)


class DelayStage:
    """Feedback delay line; dry and wet crossfaded by mix (0 dry only, 100 echoes only)."""

    def __init__(self, params: Mapping[str, float], sample_rate: int) -> None:
        self.rate = sample_rate
        self.size = 1 << int(np.ceil(np.log2(2.0 * sample_rate + 2)))  # 2 s plus a guard
        self.buf = np.zeros(self.size)
        self.w = 0
        fade = fade_samples(sample_rate)
        self.d = self._samples(params)
        self.d_old = self.d
        self.move = Crossfade(fade)
        self.feedback = Ramp(params["feedback"] / 100.0, fade)
        self.mix = Ramp(params["mix"] / 100.0, fade)

    def _samples(self, params: Mapping[str, float]) -> int:
        return max(1, round(params["time_ms"] * self.rate / 1000.0))

    def set_params(self, params: Mapping[str, float]) -> None:
        d = self._samples(params)
        if d != self.d:
            # Jumping the read point would click; fade from the old tap to the new one.
            self.d_old, self.d = self.d, d
            self.move.start()
        self.feedback.set(params["feedback"] / 100.0)
        self.mix.set(params["mix"] / 100.0)

    def _read(self, d: int, n: int) -> Signal:
        start = (self.w - d) % self.size
        if start + n <= self.size:
            return self.buf[start : start + n].copy()
        return np.concatenate((self.buf[start:], self.buf[: start + n - self.size]))

    def _write(self, x: Signal) -> None:
        n, w = len(x), self.w
        first = min(n, self.size - w)
        self.buf[w : w + first] = x[:first]
        self.buf[: n - first] = x[first:]
        self.w = (w + n) % self.size

    def process(self, x: Signal) -> Signal:
        n = len(x)
        wet = np.empty(n)
        feedback = self.feedback.next(n)
        moving = self.move.active
        weights = self.move.next(n) if moving else None
        shortest = min(self.d, self.d_old) if moving else self.d
        pos = 0
        while pos < n:
            # Chunks no longer than the delay only read samples already written.
            end = min(n, pos + shortest)
            tap = self._read(self.d, end - pos)
            if weights is not None:
                old = self._read(self.d_old, end - pos)
                tap = old + weights[pos:end] * (tap - old)
            fb = feedback if isinstance(feedback, float) else feedback[pos:end]
            self._write(x[pos:end] + fb * tap)
            wet[pos:end] = tap
            pos = end
        return x + self.mix.next(n) * (wet - x)
