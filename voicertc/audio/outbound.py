"""The assistant's outbound track: paced 20 ms frames, silence when idle, instant clear."""

from __future__ import annotations

import asyncio
import fractions
import logging
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack
from av import AudioFrame

from ..metrics import Counter, Histogram
from .resample import WEBRTC_RATE

logger = logging.getLogger(__name__)

# The track plays the upstream's 24 kHz as it is: Opus codes 24 kHz input itself (its
# decoders play it at 48 kHz), so upsampling here would only cost the loop time (a
# half-band FIR a frame) and the encoder 12% more for the same 12 kHz of sound.
TRACK_RATE = 24000
FRAME_SAMPLES = 480  # 20 ms at 24 kHz
FRAME_SECONDS = FRAME_SAMPLES / TRACK_RATE
# Timestamps stay on RTP's 48 kHz Opus clock whatever the input rate (RFC 7587).
PTS_PER_FRAME = 960
_TIME_BASE = fractions.Fraction(1, WEBRTC_RATE)
_ZEROS = np.zeros(FRAME_SAMPLES, dtype=np.int16)
# A frame later than this re-anchors the clock instead of being caught up with a burst
# of back-to-back frames, which the receiver's jitter buffer would have to absorb.
_MAX_LATENESS_S = 0.06
_REMEMBERED_ITEMS = 16


class _SilentMark:
    """The `opaque` of the track's silent frame: a coder may trust it instead of reading
    the samples (`patches/inline_media.py` does)."""

    def __repr__(self) -> str:
        return "SILENT_FRAME"


#: The mark the track's one silent frame carries as its `opaque`.
SILENT_FRAME = _SilentMark()
_MONITOR_MAX = FRAME_SAMPLES * 3


def _frame_of(mono: np.ndarray) -> AudioFrame:
    frame = AudioFrame.from_ndarray(mono.reshape(1, -1), format="s16", layout="mono")
    frame.sample_rate = TRACK_RATE
    frame.time_base = _TIME_BASE
    return frame


def _settle(future: asyncio.Future[bool], value: bool) -> None:
    if not future.done():
        future.set_result(value)


@dataclass
class _Chunk:
    item_id: str
    samples: np.ndarray
    offset: int = 0
    #: When it arrived, if nothing was queued ahead of it (its wait is then all ours).
    idle_fed_at: float | None = None


@dataclass(frozen=True)
class Cleared:
    """What a clear() cut off: the item that was playing and how much of it was sent."""

    item_id: str | None
    audio_end_ms: int
    dropped_ms: int


class AssistantTrack(MediaStreamTrack):
    """An audio track fed with the assistant's 24 kHz PCM16 and played at real time, as
    24 kHz mono frames stamped on the 48 kHz clock.

    Frames are paced on a monotonic clock anchored at the first frame, so timing does not
    drift however long the call. The track counts, per item, the samples actually handed
    to the encoder: that is the `audio_end_ms` a truncate may claim the listener heard.
    Silent frames are one `AudioFrame` handed out again with each new `pts`: a consumer
    uses a frame before it asks for the next (aiortc's sender does), and never keeps one.
    """

    kind = "audio"

    def __init__(
        self,
        *,
        max_buffered_s: float = 300.0,
        lateness: Histogram | None = None,
        late: Counter | None = None,
        delta_to_frame: Histogram | None = None,
    ) -> None:
        super().__init__()
        self._lateness = lateness
        self._late = late
        self._delta_to_frame = delta_to_frame
        self._chunks: deque[_Chunk] = deque()
        self._buffered = 0
        self._max_buffered = int(max_buffered_s * TRACK_RATE)
        self._sent: OrderedDict[str, int] = OrderedDict()
        self._start: float | None = None
        self._timestamp = 0
        self._drained = asyncio.Event()
        self._drained.set()
        self.late_frames = 0
        self.frames_sent = 0
        self._silence_frame: AudioFrame | None = None
        self._frame_waiters: list[asyncio.Future[float]] = []
        # Set while recv() waits for the next slot, so new audio on an idle track can go
        # out at once instead of waiting up to 20 ms (half of it on average) for its slot.
        self._waker: asyncio.Future[bool] | None = None
        # How far the schedule was pulled ahead by that; given back in the next quiet frame
        # so the stream never runs ahead of real time.
        self._lead = 0.0
        self.early_starts = 0
        self._monitor = np.zeros(0, dtype=np.int16)
        #: Called with the item id when the first sample of an item goes out.
        self.on_item_started: Callable[[str], None] | None = None
        #: Called with each frame's 24 kHz mono samples as it goes out (a call recording).
        self.on_frame: Callable[[np.ndarray], None] | None = None

    # -- feeding -----------------------------------------------------------------

    def feed(self, item_id: str, pcm16_24k: bytes) -> None:
        """Queue a chunk of an assistant item's audio (24 kHz mono PCM16)."""
        samples = np.frombuffer(pcm16_24k, dtype=np.int16, count=len(pcm16_24k) // 2).copy()
        if not len(samples):
            return
        if self._buffered + len(samples) > self._max_buffered:
            logger.warning("outbound buffer full, dropping %d samples", len(samples))
            return
        idle = time.monotonic() if self._buffered == 0 else None
        self._chunks.append(_Chunk(item_id, samples, idle_fed_at=idle))
        self._buffered += len(samples)
        self._drained.clear()
        if idle is not None and self._lead == 0 and self._waker is not None:
            _settle(self._waker, True)

    def clear(self) -> Cleared:
        """Drop everything queued; the next frame out is silence."""
        playing = self._chunks[0].item_id if self._chunks else None
        dropped = self._buffered
        self._chunks.clear()
        self._buffered = 0
        self._drained.set()
        item = playing or self.last_item
        return Cleared(
            item_id=item,
            audio_end_ms=self.sent_ms(item) if item else 0,
            dropped_ms=dropped * 1000 // TRACK_RATE,
        )

    @property
    def playing_item(self) -> str | None:
        return self._chunks[0].item_id if self._chunks else None

    @property
    def last_item(self) -> str | None:
        return next(reversed(self._sent), None)

    @property
    def buffered_ms(self) -> int:
        return self._buffered * 1000 // TRACK_RATE

    def sent_ms(self, item_id: str) -> int:
        """Milliseconds of `item_id` handed to the encoder so far (floored)."""
        return self._sent.get(item_id, 0) * 1000 // TRACK_RATE

    async def wait_drained(self) -> None:
        await self._drained.wait()

    async def next_frame(self) -> float:
        """Waits for the next frame to be handed out; returns its monotonic time."""
        waiter = asyncio.get_running_loop().create_future()
        self._frame_waiters.append(waiter)
        return await waiter

    # -- MediaStreamTrack ------------------------------------------------------------

    async def recv(self) -> AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        now = time.monotonic()
        if self._start is None:
            self._start = now
        else:
            self._timestamp += PTS_PER_FRAME
            if self._lead and not self._chunks and len(self._monitor) < FRAME_SAMPLES:
                # Quiet again: one longer gap hands back what an early start took.
                self._start += self._lead
                self._lead = 0.0
            due = self._start + self._timestamp / WEBRTC_RATE
            wait = due - now
            if wait > 0 and await self._sleep(wait):
                early = due - time.monotonic()
                if early > 0:
                    self.early_starts += 1
                    self._start -= early
                    self._lead += early
                    due -= early
            elif wait < -_MAX_LATENESS_S:
                self.late_frames += 1
                if self._late is not None:
                    self._late.inc()
                self._start -= wait
            if self._lateness is not None:
                self._lateness.observe(max(0.0, time.monotonic() - due))
        # Mono, coded as mono Opus by the direct encoder (`patches/inline_media.py`): aiortc's
        # own encoder would upmix it at -3 dB, which the listener hears as lost level, so the
        # track relies on the inline path (`tests/integration/test_inline_media.py`).
        mono = self._next_samples()
        if self.on_frame is not None:
            self.on_frame(mono)
        frame = self._silent_frame() if mono is _ZEROS else _frame_of(mono)
        frame.pts = self._timestamp
        self.frames_sent += 1
        if self._frame_waiters:
            sent_at = time.monotonic()
            for waiter in self._frame_waiters:
                if not waiter.done():
                    waiter.set_result(sent_at)
            self._frame_waiters.clear()
        return frame

    def _silent_frame(self) -> AudioFrame:
        """One frame of silence, handed out again with each new `pts` (the track is idle
        most of a call; making a frame costs ~2.5 us). The sender encodes a frame before
        it asks for the next, and libopus copies what it keeps, so no earlier use sees the
        new `pts`; the samples are never written."""
        if self._silence_frame is None:
            self._silence_frame = _frame_of(_ZEROS)
            self._silence_frame.opaque = SILENT_FRAME
        return self._silence_frame

    async def _sleep(self, seconds: float) -> bool:
        """Waits `seconds`, or less if feed() brings audio to an idle track: True then."""
        loop = asyncio.get_running_loop()
        waker: asyncio.Future[bool] = loop.create_future()
        timer = loop.call_later(seconds, _settle, waker, False)
        self._waker = waker
        try:
            return await waker
        finally:
            timer.cancel()
            self._waker = None

    def monitor(self, samples: np.ndarray) -> None:
        """Mix 24 kHz mono int16 `samples` (the caller's processed audio) into what goes out.

        Kept short: a monitor is only useful with low latency, so a backlog is dropped.
        """
        self._monitor = np.concatenate((self._monitor, samples))[-_MONITOR_MAX:]

    def _next_samples(self) -> np.ndarray:
        out = self._next_assistant_samples()
        if len(self._monitor) >= FRAME_SAMPLES:
            mixed = out.astype(np.int32) + self._monitor[:FRAME_SAMPLES]
            self._monitor = self._monitor[FRAME_SAMPLES:]
            out = np.clip(mixed, -32768, 32767).astype(np.int16)
        return out

    def _next_assistant_samples(self) -> np.ndarray:
        if not self._chunks:
            return _ZEROS
        out = np.zeros(FRAME_SAMPLES, dtype=np.int16)
        filled = 0
        while filled < FRAME_SAMPLES and self._chunks:
            chunk = self._chunks[0]
            if chunk.idle_fed_at is not None and self._delta_to_frame is not None:
                self._delta_to_frame.observe(time.monotonic() - chunk.idle_fed_at)
                chunk.idle_fed_at = None
            take = min(FRAME_SAMPLES - filled, len(chunk.samples) - chunk.offset)
            out[filled : filled + take] = chunk.samples[chunk.offset : chunk.offset + take]
            self._count_sent(chunk.item_id, take)
            filled += take
            chunk.offset += take
            if chunk.offset == len(chunk.samples):
                self._chunks.popleft()
        self._buffered -= filled
        if not self._chunks:
            self._drained.set()
        return out

    def _count_sent(self, item_id: str, samples: int) -> None:
        if item_id not in self._sent:
            self._sent[item_id] = 0
            while len(self._sent) > _REMEMBERED_ITEMS:
                self._sent.popitem(last=False)
            if self.on_item_started is not None:
                self.on_item_started(item_id)
        self._sent[item_id] += samples
