"""The caller's audio as it arrives: stream positions, and turns found by voice activity.

Protocol-neutral: the Realtime handler (and any other protocol adapter) feeds it audio
and turns what it returns into its own events.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...protocol.realtime import BYTES_PER_MS, MAX_INPUT_AUDIO_BYTES, PREFIX_PADDING_MS, new_id
from ..vad import VadEvent, VoiceActivityDetector

# Audio kept before speech starts, beyond prefix padding, so a late VAD onset loses nothing.
IDLE_KEEP_MS = 1000
MAX_TURN_MS = 30_000


@dataclass(frozen=True)
class SpeechStarted:
    item_id: str
    audio_start_ms: int  # stream position, prefix padding included


@dataclass(frozen=True)
class TurnEnded:
    item_id: str
    audio_end_ms: int
    pcm: bytes  # the turn's audio, from its start (with padding) to its end


TurnEvent = SpeechStarted | TurnEnded


class BufferFull(Exception):
    """The audio would take the buffer over its bound; nothing was added."""


class InputBuffer:
    """Holds the audio not yet committed; every position is ms since the stream began."""

    def __init__(
        self,
        new_item_id: Callable[[], str] = lambda: new_id("item"),
        max_bytes: int = MAX_INPUT_AUDIO_BYTES,
    ) -> None:
        self._new_item_id = new_item_id
        self.max_bytes = max_bytes
        self._audio = bytearray()
        self._audio_start_ms = 0  # stream position of self._audio[0]
        self._stream_ms = 0.0
        self._vad: VoiceActivityDetector | None = None
        # Where in the stream the current detector started: its positions count from there.
        self._vad_origin_ms = 0
        self._prefix_padding_ms = PREFIX_PADDING_MS
        self.speech_item: str | None = None
        self._speech_start_ms = 0

    @property
    def stream_ms(self) -> float:
        return self._stream_ms

    @property
    def buffered_bytes(self) -> int:
        return len(self._audio)

    def use_detector(
        self, vad: VoiceActivityDetector | None, prefix_padding_ms: int = PREFIX_PADDING_MS
    ) -> None:
        """Turn detection from now on with `vad` (None: off, the client commits)."""
        self._vad = vad
        self._vad_origin_ms = int(self._stream_ms)
        self._prefix_padding_ms = prefix_padding_ms

    @property
    def detecting(self) -> bool:
        return self._vad is not None

    def append(self, pcm: bytes) -> list[TurnEvent]:
        """Adds PCM16 audio; returns the turn events it completes, in order."""
        self.add(pcm)
        return self.apply(self.scan(pcm))

    def add(self, pcm: bytes) -> None:
        """Adds audio without detection (see `scan`); raises BufferFull past the bound."""
        if len(self._audio) + len(pcm) > self.max_bytes:
            raise BufferFull(f"the input audio buffer holds at most {self.max_bytes} bytes")
        self._audio += pcm
        self._stream_ms += len(pcm) / BYTES_PER_MS

    def scan(self, pcm: bytes) -> list[VadEvent]:
        """Runs the detector over audio just `add`ed. Safe in a worker thread as long as
        nothing else touches this buffer until `apply` has taken its result."""
        return self._vad.process(pcm) if self._vad is not None else []

    def apply(self, vad_events: list[VadEvent]) -> list[TurnEvent]:
        """The turn events of what the detector found in audio already `add`ed."""
        out: list[TurnEvent] = []
        if self._vad is None:
            return out
        for vad_event in vad_events:
            at_ms = self._vad_origin_ms + vad_event.audio_ms
            if vad_event.kind == "speech_started" and self.speech_item is None:
                out.append(self._speech_started(at_ms))
            elif vad_event.kind == "speech_stopped" and self.speech_item is not None:
                out.append(self._end_turn(at_ms))
        if self.speech_item is None:
            self._trim(int(self._stream_ms) - IDLE_KEEP_MS)
        elif self._stream_ms - self._speech_start_ms > MAX_TURN_MS:
            out.append(self._end_turn(int(self._stream_ms)))
        return out

    def commit(self) -> tuple[str, bytes]:
        """Everything buffered as one turn (a manual commit); the caller checks it is not empty."""
        item_id = self.speech_item or self._new_item_id()
        self.speech_item = None
        pcm = bytes(self._audio)
        self._audio.clear()
        self._audio_start_ms = int(self._stream_ms)
        return item_id, pcm

    def clear(self) -> None:
        self._audio.clear()
        self._audio_start_ms = int(self._stream_ms)
        self.speech_item = None
        if self._vad is not None:
            self._vad.reset()
            self._vad_origin_ms = int(self._stream_ms)

    def _trim(self, keep_from_ms: int) -> None:
        drop = (keep_from_ms - self._audio_start_ms) * BYTES_PER_MS
        if drop > 0:
            del self._audio[:drop]
            self._audio_start_ms = keep_from_ms

    def _speech_started(self, at_ms: int) -> SpeechStarted:
        start = max(self._audio_start_ms, at_ms - self._prefix_padding_ms)
        self.speech_item = self._new_item_id()
        self._speech_start_ms = start
        return SpeechStarted(self.speech_item, start)

    def _end_turn(self, end_ms: int) -> TurnEnded:
        item_id = self.speech_item or self._new_item_id()
        self.speech_item = None
        start = (self._speech_start_ms - self._audio_start_ms) * BYTES_PER_MS
        end = (end_ms - self._audio_start_ms) * BYTES_PER_MS
        pcm = bytes(self._audio[max(0, start) : max(0, end)])
        self._trim(end_ms)
        return TurnEnded(item_id, end_ms, pcm)
