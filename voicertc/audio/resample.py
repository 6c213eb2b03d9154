"""Sample-rate conversion between WebRTC's 48 kHz and the Realtime API's 24 kHz.

The ratio is exactly 2, so a polyphase half-band FIR does it with a fixed delay of
under a millisecond and one small matrix product per frame. soxr (measured in
docs/benchmarks.md) has similar quality but releases output in bursts of two frames,
which would add up to 20 ms to every inbound frame's trip upstream.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

WEBRTC_RATE = 48000
UPSTREAM_RATE = 24000
_TAPS = 61  # odd, and a delay (30 samples at 48 kHz) that is a whole sample at 24 kHz too


def _design_lowpass(taps: int = _TAPS, cutoff: float = 0.5, beta: float = 8.0) -> np.ndarray:
    """Kaiser-windowed sinc; `cutoff` is a fraction of the 48 kHz Nyquist frequency."""
    n = np.arange(taps) - (taps - 1) / 2
    h = cutoff * np.sinc(cutoff * n) * np.kaiser(taps, beta)
    return (h / h.sum()).astype(np.float32)


_H = _design_lowpass()
# Reversed so a sliding window dotted with it is a convolution.
_H_REV = _H[::-1].copy()
# Polyphase branches for upsampling; x2 restores the energy the zero-stuffing spreads.
_H_EVEN_REV = (_H[0::2] * 2)[::-1].copy()
_H_ODD_REV = (_H[1::2] * 2)[::-1].copy()


def _to_int16(x: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(x), -32768, 32767).astype(np.int16)


class Downsampler:
    """Decoded WebRTC frames (s16, interleaved stereo or mono, 48 kHz) to 24 kHz mono PCM16."""

    def __init__(self) -> None:
        self._history = np.zeros(_TAPS - 1, dtype=np.float32)

    def process(self, samples: np.ndarray, channels: int) -> bytes:
        """`samples` holds one frame's interleaved int16 samples; returns PCM16 LE bytes."""
        if channels == 2:
            pairs = samples.reshape(-1, 2).astype(np.float32)
            mono = (pairs[:, 0] + pairs[:, 1]) * 0.5
        else:
            mono = samples.reshape(-1).astype(np.float32)
        buf = np.concatenate((self._history, mono))
        self._history = buf[len(buf) - (_TAPS - 1) :]
        # Only every second output sample is kept, so only those windows are computed.
        out = sliding_window_view(buf, _TAPS)[::2] @ _H_REV
        return _to_int16(out).tobytes()


class Upsampler:
    """24 kHz mono PCM16 from the upstream to 48 kHz mono int16 samples."""

    _BRANCH = (_TAPS + 1) // 2

    def __init__(self) -> None:
        self._history = np.zeros(self._BRANCH - 1, dtype=np.float32)

    def process(self, pcm16: bytes) -> np.ndarray:
        if len(pcm16) % 2:
            pcm16 = pcm16[:-1]
        x = np.frombuffer(pcm16, dtype=np.int16).astype(np.float32)
        buf = np.concatenate((self._history, x))
        self._history = buf[len(buf) - (self._BRANCH - 1) :]
        even = sliding_window_view(buf, self._BRANCH) @ _H_EVEN_REV
        odd = sliding_window_view(buf[1:], self._BRANCH - 1) @ _H_ODD_REV
        out = np.empty(2 * len(x), dtype=np.float32)
        out[0::2] = even
        out[1::2] = odd
        return _to_int16(out)

    def reset(self) -> None:
        self._history[:] = 0
