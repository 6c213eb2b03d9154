"""A benchmark call that costs the load generator as little as the server's view allows.

`CallClient` encodes every outbound frame and decodes every inbound one, as a real
client must; for the benchmark, which sends the same utterance and silence over and over
and only times what comes back, that made the load generator cost about 3% of a core per
call, so one core could not drive 40. Here:

- out: Opus packets encoded once per process (`PrecodedAudio`), handed to aiortc's
  sender as pre-encoded data (its `Encoder.pack` path), paced at 20 ms;
- in: each RTP packet's arrival time and payload size, taken where aiortc's receiver
  gets it (after SRTP), with no jitter buffer, decoder or track behind it;
- decoded: only what the mouth-to-ear figure needs, the first packets of an echo (those
  bigger than silence after silence), until the onset is found.

The server sees the same thing on the wire as from `CallClient`: Opus at 20 ms, digital
silence as the same settled silent packet.
"""

from __future__ import annotations

import asyncio
import fractions
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from aiortc.codecs.opus import SAMPLE_RATE, SAMPLES_PER_FRAME, OpusDecoder
from aiortc.jitterbuffer import JitterFrame
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack
from av import AudioFrame

from ..client import CallClient
from ..patches.inline_media import DirectOpusEncoder
from .utterance import first_above

FRAME_S = SAMPLES_PER_FRAME / SAMPLE_RATE
_TIME_BASE = fractions.Fraction(1, SAMPLE_RATE)
# Opus codes digital silence in a few bytes and the benchmark's vowel in ~100-200; an
# echo's onset frame is never this small.
QUIET_MAX_BYTES = 12
_SETTLE_FRAMES = 10  # silent frames encoded before the silent packet is taken
_MAX_ONSET_DECODES = 4  # loud packets decoded per echo at most, looking for its onset


@dataclass(frozen=True)
class PrecodedAudio:
    """The utterance and silence as Opus packets, one per 20 ms frame."""

    silence: bytes
    utterance: tuple[bytes, ...]


def precode(pcm16_24k: bytes) -> PrecodedAudio:
    """Encodes 24 kHz mono PCM16 (padded to whole frames) after settled silence."""
    encoder = DirectOpusEncoder()
    pts = 0

    def encode(mono48: np.ndarray) -> bytes:
        nonlocal pts
        frame = AudioFrame.from_ndarray(np.repeat(mono48, 2).reshape(1, -1), format="s16", layout="stereo")
        frame.sample_rate = SAMPLE_RATE
        frame.pts = pts
        frame.time_base = _TIME_BASE
        pts += SAMPLES_PER_FRAME
        packets, _ = encoder.encode(frame)
        return packets[0]

    quiet = np.zeros(SAMPLES_PER_FRAME, dtype=np.int16)
    silence = b""
    for _ in range(_SETTLE_FRAMES):
        silence = encode(quiet)
    mono24 = np.frombuffer(pcm16_24k, dtype="<i2")
    mono48 = np.repeat(mono24, 2)  # the vowel has nothing above 12 kHz to alias
    frames = -(-mono48.size // SAMPLES_PER_FRAME)
    padded = np.zeros(frames * SAMPLES_PER_FRAME, dtype=np.int16)
    padded[: mono48.size] = mono48
    utterance = tuple(
        encode(padded[k * SAMPLES_PER_FRAME : (k + 1) * SAMPLES_PER_FRAME]) for k in range(frames)
    )
    # The encoder's look-ahead: a few frames to let the utterance's tail out.
    tail = tuple(encode(quiet) for _ in range(3))
    return PrecodedAudio(silence, utterance + tail)


class _Packet:
    """What aiortc's `OpusEncoder.pack` reads from a pre-encoded packet."""

    __slots__ = ("payload", "pts", "time_base")

    def __init__(self, payload: bytes, pts: int) -> None:
        self.payload = payload
        self.pts = pts
        self.time_base = _TIME_BASE

    def __bytes__(self) -> bytes:
        return self.payload


class PrecodedTrack(MediaStreamTrack):
    """An audio track of pre-encoded packets at 20 ms: silence, or an utterance when asked."""

    kind = "audio"

    def __init__(self, audio: PrecodedAudio) -> None:
        super().__init__()
        self._audio = audio
        self._queue: list[bytes] = []
        self._pts = 0
        self._start: float | None = None
        self.on_item_started: Callable[[str], None] | None = None
        self._pending_items: list[str] = []
        self.frames_sent = 0

    def say(self, item_id: str) -> None:
        """Queues the utterance after whatever is queued."""
        if not self._queue:
            self._pending_items.append(item_id)
        self._queue.extend(self._audio.utterance)

    async def recv(self) -> Any:
        if self.readyState != "live":
            raise MediaStreamError
        now = time.monotonic()
        if self._start is None:
            self._start = now
        else:
            self._pts += SAMPLES_PER_FRAME
            wait = self._start + self._pts / SAMPLE_RATE - now
            if wait > 0:
                await asyncio.sleep(wait)
        if self._queue:
            payload = self._queue.pop(0)
            if self._pending_items:
                item_id = self._pending_items.pop(0)
                if self.on_item_started is not None:
                    self.on_item_started(item_id)
        else:
            payload = self._audio.silence
        self.frames_sent += 1
        return _Packet(payload, self._pts)


@dataclass
class ArrivalLog:
    """Per inbound RTP packet: when it arrived and, for an echo's first frame, its onset."""

    arrival: list[float] = field(default_factory=list)
    size: list[int] = field(default_factory=list)
    onset: list[int] = field(default_factory=list)  # first loud sample (48 kHz), -1 if none
    #: RTP sequence numbers, unwrapped past 65535: a gap is a frame that never arrived.
    sequence: list[int] = field(default_factory=list)
    decoded: int = 0

    def add_sequence(self, number: int) -> None:
        if not self.sequence:
            self.sequence.append(number)
            return
        last = self.sequence[-1]
        # The 16-bit number nearest the last one's: a wrap goes forward, a reorder back.
        self.sequence.append(last + ((number - last + 0x8000) & 0xFFFF) - 0x8000)


class OnsetFinder:
    """Finds an echo's onset in the first loud packets after quiet, decoding only those."""

    def __init__(self, threshold: float) -> None:
        self._threshold = threshold
        self._decoder = OpusDecoder()
        self._previous: bytes | None = None
        self._searching = 0  # loud packets decoded in this loud run, 0: none yet
        self._found = False
        self.decoded = 0

    def onset(self, payload: bytes, timestamp: int) -> int:
        """The onset's sample index in this packet, or -1."""
        previous, self._previous = self._previous, payload
        if len(payload) <= QUIET_MAX_BYTES:
            self._searching = 0
            self._found = False
            return -1
        if self._found or self._searching >= _MAX_ONSET_DECODES:
            return -1
        if self._searching == 0 and previous is not None:
            # The quiet packet before sets the decoder's state as a continuous decode would.
            self._decode(previous, timestamp - SAMPLES_PER_FRAME)
        self._searching += 1
        samples = self._decode(payload, timestamp)
        hit = first_above(samples, self._threshold) if samples.size else None
        if hit is None:
            return -1
        self._found = True
        return hit

    def _decode(self, payload: bytes, timestamp: int) -> np.ndarray:
        self.decoded += 1
        frames = self._decoder.decode(JitterFrame(payload, timestamp & 0xFFFFFFFF))
        if not frames:
            return np.zeros(0, dtype=np.int16)
        return np.concatenate([f.to_ndarray().reshape(-1)[0::2] for f in frames])


class LightCall(CallClient):
    """A `CallClient` whose audio is pre-encoded out and logged at the RTP level in."""

    def __init__(self, base_url: str, audio: PrecodedAudio, onset_threshold: float) -> None:
        super().__init__(base_url)
        self.mic = PrecodedTrack(audio)  # type: ignore[assignment]
        self.log = ArrivalLog()
        self._onsets = OnsetFinder(onset_threshold)

    def _on_track(self, track: MediaStreamTrack) -> None:
        # The receiver's packets never reach its track (see `_tap`), so no recorder reads it.
        for transceiver in self.pc.getTransceivers():
            if transceiver.kind == "audio":
                self._tap(transceiver.receiver)

    def _tap(self, receiver: Any) -> None:
        if getattr(receiver, "_voicertc_tapped", False):
            return
        receiver._voicertc_tapped = True
        log, onsets = self.log, self._onsets

        async def handle_rtp_packet(packet: Any, arrival_time_ms: int) -> None:
            payload = packet.payload
            log.arrival.append(time.monotonic())
            log.add_sequence(packet.sequence_number)
            log.size.append(len(payload))
            log.onset.append(onsets.onset(payload, packet.timestamp))
            log.decoded = onsets.decoded

        receiver._handle_rtp_packet = handle_rtp_packet

    def say(self, pcm16_24k: bytes) -> None:
        """Speaks the pre-encoded utterance (the argument is ignored: it was encoded once)."""
        self._turns += 1
        self.mic.say(f"turn{self._turns}")  # type: ignore[attr-defined]
