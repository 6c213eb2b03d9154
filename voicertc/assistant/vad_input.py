"""The stream's PCM16 as the voice activity scorer hears it: float32 at 16 kHz.

Digital silence (a muted microphone, a browser's silenced pause, the capacity benchmark's
load between utterances) comes 50 frames a second; converting and resampling each costs
~4 us for zeros the scorer then skips. Once the resampler has been fed silence for a while
its history holds only zeros, and a further silent chunk that maps to a whole number of
output samples leaves it exactly as it was: it would put out that many zeros. So such a
chunk is answered with zeros without the resampler, and what follows comes out as it
would have (tested sample for sample against the resampler fed everything).
"""

from __future__ import annotations

import numpy as np
import soxr

# Silent input, in samples, the resampler must have been fed before it is skipped: 40 ms
# at 24 kHz, far longer than its filter's reach ("QQ": a few samples).
_SETTLED_SAMPLES = 960
# Chunks up to this size (200 ms at 24 kHz) are checked for silence, against zeros kept
# per size: a client's 20-100 ms appends; longer ones just take the resampler.
_CHECKED_BYTES = 9600
# Zeros kept for this many sizes (the bridge sends one; a client choosing a new size for
# every append must not grow them).
_KEPT_SIZES = 8

_zero_bytes: dict[int, bytes] = {}
_zero_floats: dict[int, np.ndarray] = {}


def _is_silent(pcm16: bytes) -> bool:
    size = len(pcm16)
    if size > _CHECKED_BYTES:
        return False
    zeros = _zero_bytes.get(size)
    if zeros is None:
        zeros = bytes(size)
        if len(_zero_bytes) < _KEPT_SIZES:
            _zero_bytes[size] = zeros
    return pcm16 == zeros


def _silent_floats(count: int) -> np.ndarray:
    zeros = _zero_floats.get(count)
    if zeros is None:
        zeros = np.zeros(count, dtype=np.float32)
        zeros.flags.writeable = False  # shared by every stream
        if len(_zero_floats) < _KEPT_SIZES:
            _zero_floats[count] = zeros
    return zeros


class ScorerInput:
    """PCM16 chunks of any size in, float32 samples at `out_rate` out, in stream order."""

    def __init__(self, in_rate: int, out_rate: int) -> None:
        self._in_rate = in_rate
        self._out_rate = out_rate
        self._resampler = (
            soxr.ResampleStream(in_rate, out_rate, 1, dtype="float32", quality="QQ")
            if in_rate != out_rate
            else None
        )
        self._silent_run = 0  # samples of digital silence fed to the resampler in a row
        self._steady = False  # the resampler's last output was its input's exact share

    def process(self, pcm16: bytes) -> np.ndarray:
        n = len(pcm16) // 2
        silent = _is_silent(pcm16)
        if self._resampler is None:
            return _silent_floats(n) if silent else self._floats(pcm16)
        out_n, remainder = divmod(n * self._out_rate, self._in_rate)
        if silent and self._steady and not remainder and self._silent_run >= _SETTLED_SAMPLES:
            return _silent_floats(out_n)
        out = self._resampler.resample_chunk(self._floats(pcm16))
        self._silent_run = self._silent_run + n if silent else 0
        self._steady = not remainder and out.size == out_n
        return out

    @staticmethod
    def _floats(pcm16: bytes) -> np.ndarray:
        return np.frombuffer(pcm16, dtype="<i2").astype(np.float32) / 32768.0
