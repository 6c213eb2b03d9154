"""The caller's Opus decoded straight to 24 kHz mono PCM16, what the upstream takes.

aiortc decodes Opus through FFmpeg, which always asks libopus for 48 kHz stereo; the
server then turned every frame into a numpy array, averaged the channels and halved the
rate with a FIR (`resample.Downsampler`): about a tenth of a call's CPU, for audio that
libopus can produce itself at 24 kHz mono (it band-limits in the MDCT domain and
downmixes before synthesis). This calls libopus through ctypes: the copy PyAV's wheel
bundles (``av.libs``) or the system's ``libopus``. Without either, `available()` is False
and the FFmpeg path stays.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import glob
import os
import weakref
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

RATE = 24000
TIME_BASE = Fraction(1, 48000)  # RTP's Opus clock, whatever the output rate
_MAX_SAMPLES = RATE * 120 // 1000  # the longest Opus packet: 120 ms


def _load() -> Any:
    candidates: list[str] = []
    try:
        import av

        libs = os.path.join(os.path.dirname(os.path.dirname(av.__file__)), "av.libs")
        candidates += sorted(glob.glob(os.path.join(libs, "libopus*.so*")))
    except ImportError:  # pragma: no cover - av is a dependency
        pass
    system = ctypes.util.find_library("opus")
    if system:
        candidates.append(system)
    for path in candidates:
        try:
            lib = ctypes.CDLL(path)
            lib.opus_decoder_create.restype = ctypes.c_void_p
            lib.opus_decoder_create.argtypes = [ctypes.c_int32, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
            lib.opus_decode.restype = ctypes.c_int
            lib.opus_decode.argtypes = [
                ctypes.c_void_p,
                ctypes.c_char_p,
                ctypes.c_int32,
                ctypes.c_void_p,
                ctypes.c_int,
                ctypes.c_int,
            ]
            lib.opus_decoder_destroy.restype = None
            lib.opus_decoder_destroy.argtypes = [ctypes.c_void_p]
            return lib
        except (OSError, AttributeError):
            continue
    return None


_lib = _load()


def available() -> bool:
    return _lib is not None


@dataclass(slots=True)
class PcmFrame:
    """A decoded frame as the inbound pump takes it: 24 kHz mono PCM16 LE bytes."""

    pcm: bytes
    pts: int
    sample_rate: int = RATE
    time_base: Fraction = TIME_BASE


class Opus24Decoder:
    """One Opus stream to 24 kHz mono; `decode` has the shape of aiortc's decoders."""

    def __init__(self) -> None:
        if _lib is None:
            raise RuntimeError("libopus was not found")
        error = ctypes.c_int(0)
        state = _lib.opus_decoder_create(RATE, 1, ctypes.byref(error))
        if not state or error.value != 0:
            raise RuntimeError(f"opus_decoder_create failed ({error.value})")
        self._state = state
        self._out = ctypes.create_string_buffer(_MAX_SAMPLES * 2)
        weakref.finalize(self, _lib.opus_decoder_destroy, state)

    def decode(self, encoded_frame: Any) -> list[PcmFrame]:
        """`encoded_frame` has `data` (one Opus packet) and `timestamp`; [] if it is not Opus."""
        data = encoded_frame.data
        samples = _lib.opus_decode(self._state, data, len(data), self._out, _MAX_SAMPLES, 0)
        if samples < 0:
            raise ValueError(f"opus_decode failed ({samples})")
        return [PcmFrame(ctypes.string_at(self._out, samples * 2), encoded_frame.timestamp)]
