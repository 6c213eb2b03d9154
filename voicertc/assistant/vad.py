"""Voice activity detection on a live 24 kHz PCM16 stream.

Silero VAD (its 16 kHz model, shipped in ``models/``, one copy per process: see
``silero.py``) is used when ``onnxruntime`` imports; an adaptive energy detector is the
fallback. Both score 16 kHz audio, so the stream is resampled first and every position is
kept in stream time.
"""

from __future__ import annotations

import collections
import logging
from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np

from ..protocol.realtime import PREFIX_PADDING_MS, SILENCE_DURATION_MS, VAD_THRESHOLD
from . import silero
from .vad_input import ScorerInput

logger = logging.getLogger(__name__)

_RATE = silero.RATE
_CANDIDATE_GAP_MS = 100


@dataclass(frozen=True)
class VadEvent:
    kind: Literal["speech_started", "speech_stopped"]
    audio_ms: int  # stream position: where speech began, or where it ended


class _Scorer(Protocol):
    window: int  # samples at 16 kHz per score

    def score(self, samples: np.ndarray) -> float: ...

    def reset(self) -> None: ...


# Windows quieter than -60 dBFS RMS are scored as silence without the model: digital
# silence, a muted track, or a browser's noise-suppressed pause, which is most of a call.
# Running Silero costs ~0.4 ms a window; this check a few microseconds.
_SILENT_ENERGY = 512 * 10 ** (-60 / 10)  # sum of squares of a 512-sample window at -60 dBFS
# Silero's recurrent state must have heard the silence to score an onset after it as it
# would have: a synthetic vowel peaks at 0.43 from a fresh state, 0.95 after 8 windows of
# silence and 0.96 after 62. So the model is given the quiet it skipped, up to 8 windows.
_PRIMER = np.zeros(512, dtype=np.float32)
_PRIMER_WINDOWS = 8


class _SileroScorer:
    window = silero.WINDOW

    def __init__(self) -> None:
        self._model = silero.SileroStream()
        self._skipped = 0

    def score(self, samples: np.ndarray) -> float:
        buf = np.ascontiguousarray(samples, dtype=np.float32)
        if float(np.dot(buf, buf)) < _SILENT_ENERGY:
            self._skipped += 1
            return 0.0
        if self._skipped >= _PRIMER_WINDOWS:
            self._model.restart_after_silence(_PRIMER_WINDOWS)  # a fixed state: no model run
        elif self._skipped:
            for _ in range(self._skipped):
                self._model.process(_PRIMER)
        self._skipped = 0
        return self._model.process(buf)

    def reset(self) -> None:
        self._skipped = 0
        self._model.reset()


class _EnergyScorer:
    """Level above an adaptive noise floor, mapped to a pseudo-probability.

    The floor is a low percentile of recent frame levels, so steady noise raises it
    and is not taken for speech, while pauses between words keep it from drifting up.
    """

    window = 320  # 20 ms
    _HISTORY = 200  # frames (4 s)
    _MIN_DB = -55.0  # quieter than this is never speech

    def __init__(self) -> None:
        self._levels: collections.deque[float] = collections.deque(maxlen=self._HISTORY)

    def score(self, samples: np.ndarray) -> float:
        rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64)))) + 1e-9
        level = 20.0 * np.log10(rms)
        self._levels.append(level)
        if len(self._levels) < 5:
            return 0.0
        floor = float(np.percentile(self._levels, 10))
        if level < self._MIN_DB:
            return 0.0
        # 6 dB over the floor scores 0, 18 dB scores 1: 0.5 is 12 dB above the floor.
        return float(np.clip((level - floor - 6.0) / 12.0, 0.0, 1.0))

    def reset(self) -> None:
        self._levels.clear()


def silero_available() -> bool:
    return silero.available()


class VoiceActivityDetector:
    """Finds where speech starts and stops in a stream fed in chunks of any size."""

    def __init__(
        self,
        *,
        sample_rate: int = 24000,
        threshold: float = VAD_THRESHOLD,
        silence_duration_ms: int = SILENCE_DURATION_MS,
        prefix_padding_ms: int = PREFIX_PADDING_MS,
        min_speech_ms: int = 150,
        engine: Literal["auto", "silero", "energy"] = "auto",
    ) -> None:
        self.sample_rate = sample_rate
        self.threshold = threshold
        # Hysteresis: once speaking, only a clearly lower score counts as silence.
        self.off_threshold = max(threshold - 0.15, 0.01)
        self.silence_duration_ms = silence_duration_ms
        self.prefix_padding_ms = prefix_padding_ms  # applied by the caller
        self.min_speech_ms = min_speech_ms
        use_silero = engine == "silero" or (engine == "auto" and silero.available())
        if engine == "silero" and not silero.available():
            raise RuntimeError("onnxruntime is not installed: Silero cannot run")
        self._scorer: _Scorer = _SileroScorer() if use_silero else _EnergyScorer()
        self.engine = "silero" if use_silero else "energy"
        self._make_resampler()
        self.reset()

    def _make_resampler(self) -> None:
        self._input = ScorerInput(self.sample_rate, _RATE)

    def reset(self) -> None:
        """Forgets all audio and state; positions restart at 0 ms."""
        self._scorer.reset()
        self._make_resampler()
        self._pending = np.zeros(0, dtype=np.float32)
        self._windows = 0  # scored windows so far
        self._speaking = False
        self._candidate_ms: int | None = None  # possible speech start, not yet confirmed
        self._silence_ms: int | None = None  # where the current pause began

    def process(self, pcm16: bytes) -> list[VadEvent]:
        """Feeds 16-bit little-endian mono samples; returns the events they complete."""
        samples = self._input.process(pcm16)
        buf = np.concatenate((self._pending, samples)) if self._pending.size else samples
        win = self._scorer.window
        events: list[VadEvent] = []
        n = buf.size // win
        for k in range(n):
            self._step(self._scorer.score(buf[k * win : (k + 1) * win]), events)
        self._pending = buf[n * win :].copy()
        return events

    def _step(self, prob: float, events: list[VadEvent]) -> None:
        win_ms = self._scorer.window * 1000 // _RATE
        start_ms = self._windows * win_ms
        self._windows += 1
        end_ms = start_ms + win_ms
        if not self._speaking:
            if prob >= self.threshold and self._candidate_ms is None:
                self._candidate_ms = start_ms
            if self._candidate_ms is not None and prob >= self.off_threshold:
                self._silence_ms = None
                if end_ms - self._candidate_ms >= self.min_speech_ms:
                    self._speaking = True
                    events.append(VadEvent("speech_started", self._candidate_ms))
            elif self._candidate_ms is not None:
                # A short dip (the closure in "stop") does not end a candidate; a
                # real pause does.
                if self._silence_ms is None:
                    self._silence_ms = start_ms
                if end_ms - self._silence_ms >= _CANDIDATE_GAP_MS:
                    self._candidate_ms = None
                    self._silence_ms = None
            return
        if prob >= self.threshold:
            self._silence_ms = None
        elif prob < self.off_threshold:
            if self._silence_ms is None:
                self._silence_ms = start_ms
            if end_ms - self._silence_ms >= self.silence_duration_ms:
                events.append(VadEvent("speech_stopped", self._silence_ms))
                self._speaking = False
                self._candidate_ms = None
                self._silence_ms = None
