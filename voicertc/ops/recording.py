"""`--record-dir`: each call as `<session_id>.ogg` (Opus, caller left, assistant right) and
`<session_id>.json` (captions and effect changes with their times, usage).

The event loop only stamps each chunk with the time it arrived and puts it on a bounded
queue (a full queue drops the chunk and counts it: a recording must never slow a call);
a writer thread places the chunks on one timeline, encodes and writes. The caller's
frames go where their RTP timestamps (`pts`) put them, the stream anchored by its least
delayed frame, so jitter, a stalled loop's burst or a lost packet moves none of them
against the assistant; silence fills what never came. The assistant's frames are laid
end to end while they keep up with the clock (they are ours, paced: arrival is their
time), silence filling a pause. The Ogg muxer
writes a page at least every half second and the file is flushed per packet, so a crash
loses about a second; the JSON is rewritten (atomically) every few seconds while it changes.
"""

from __future__ import annotations

import asyncio
import contextlib
import fractions
import json
import logging
import os
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import av
import numpy as np

from ..audio.resample import WEBRTC_RATE, Upsampler
from .call_log import iso_utc

logger = logging.getLogger(__name__)

_FRAME = 960  # 20 ms at 48 kHz, one Opus packet
_TIME_BASE = fractions.Fraction(1, WEBRTC_RATE)
#: A channel this far behind the clock has a gap (filled with silence); this far ahead, a burst
#: (its excess dropped). Between the two, chunks are laid end to end, absorbing arrival jitter.
_GAP = int(0.06 * WEBRTC_RATE)
_AHEAD = int(0.1 * WEBRTC_RATE)
#: How long the writer waits for a lagging channel before writing silence in its place.
_WAIT_FOR_LAGGARD = int(1.0 * WEBRTC_RATE)
#: A caller frame this much later than its timestamp says starts a new anchor: a new track
#: (a resumed call starts its timestamps again) or a sender whose clock jumped.
_RESYNC = int(1.0 * WEBRTC_RATE)
#: A frame less delayed than the anchor by less than this leaves the anchor where it is:
#: arrival times vary by fractions of a millisecond, and moving the anchor by 17 samples cut
#: 17 samples out of the voice (a click, and the words before it shifted against the rest).
_JITTER = int(0.01 * WEBRTC_RATE)
_JSON_EVERY_S = 2.0
_CALLER, _ASSISTANT, _META, _STOP = range(4)


def check_record_dir(directory: str | os.PathLike[str]) -> Path:
    """The directory, created if need be, after proving a file can be written there."""
    path = Path(directory)
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".voicertc-probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise ValueError(f"--record-dir {str(directory)!r} is not writable: {exc.strerror or exc}") from None
    return path


class _Lane:
    """One channel's samples not yet written, and where on the timeline they end."""

    def __init__(self) -> None:
        self.samples = np.zeros(0, dtype=np.int16)
        self.end = 0  # timeline position (48 kHz samples) just after the last sample held

    def put(self, samples: np.ndarray, start: int) -> None:
        """Laid end to end, unless `start` is a gap (silence first) or a burst (dropped)."""
        if start - self.end > _GAP:
            self.samples = np.concatenate((self.samples, np.zeros(start - self.end, dtype=np.int16)))
            self.end = start
        elif self.end - start > _AHEAD:
            return
        self.samples = np.concatenate((self.samples, samples))
        self.end += len(samples)

    def place(self, samples: np.ndarray, start: int) -> None:
        """Exactly at `start`: silence before it, what overlaps the samples held is cut."""
        if start > self.end:
            self.samples = np.concatenate((self.samples, np.zeros(start - self.end, dtype=np.int16)))
            self.end = start
        elif start < self.end:
            samples = samples[self.end - start :]
        self.samples = np.concatenate((self.samples, samples))
        self.end += len(samples)

    def take(self, count: int) -> np.ndarray:
        out = self.samples[:count]
        self.samples = self.samples[count:]
        if len(out) < count:
            out = np.concatenate((out, np.zeros(count - len(out), dtype=np.int16)))
        return out


class _CallerClock:
    """Where the caller's frames go: their `pts` (48 kHz, the sender's clock) shifted by
    the least delay any frame has had (to within `_JITTER`), so a frame that waited lands
    where the others say and consecutive frames stay sample-contiguous."""

    def __init__(self) -> None:
        self._offset: int | None = None  # timeline position minus pts

    def start(self, pts: int | None, arrived_start: int) -> int:
        """The timeline position of a frame whose 20 ms would have begun at `arrived_start`
        had it come without delay beyond the least seen (None: no pts, where it arrived)."""
        if pts is None:
            return arrived_start
        offset = arrived_start - pts
        if self._offset is None or offset < self._offset - _JITTER or offset - self._offset > _RESYNC:
            self._offset = offset
        return self._offset + pts


class CallRecording:
    """Records one call; feed it from the event loop, then `await close()`."""

    def __init__(
        self,
        directory: Path,
        session_id: str,
        *,
        max_queued: int = 1000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.session_id = session_id
        self.audio_path = directory / f"{session_id}.ogg"
        self.json_path = directory / f"{session_id}.json"
        self._clock = clock  # what stamps each chunk's arrival, in seconds
        self.started = clock()
        self.dropped = 0
        self.error: str | None = None
        self._queue: queue.Queue[tuple[int, float, Any]] = queue.Queue(max_queued)
        self._stopping = threading.Event()
        self._meta: dict[str, Any] = {
            "session_id": session_id,
            "start": iso_utc(time.time()),
            "audio": self.audio_path.name,
            "channels": ["caller", "assistant"],
            "captions": [],
            "effects": [],
            "usage": None,
        }
        self._loop = asyncio.get_running_loop()
        self._done: asyncio.Future[None] = self._loop.create_future()
        self._thread = threading.Thread(target=self._run, name=f"voicertc-record-{session_id}", daemon=True)
        self._thread.start()

    # -- fed on the event loop: stamp and queue, nothing more ---------------------------

    def caller(self, pcm16_24k: bytes, pts: int | None = None) -> None:
        """20 ms of the caller's audio (24 kHz mono PCM16), as it arrives; `pts` is where
        it starts on the sender's clock (48 kHz: RTP's Opus clock), if known."""
        self._put(_CALLER, (pcm16_24k, pts))

    def assistant(self, samples_24k: np.ndarray) -> None:
        """One outbound frame (24 kHz mono int16) as it leaves for the caller."""
        self._put(_ASSISTANT, samples_24k)

    def caption(self, role: str, text: str, item_id: str) -> None:
        self._put(_META, ("captions", {"t": self._now(), "role": role, "text": text, "item_id": item_id}))

    def effects(self, chain: list[dict[str, Any]]) -> None:
        self._put(_META, ("effects", {"t": self._now(), "chain": chain}))

    def usage(self, usage: dict[str, Any]) -> None:
        self._put(_META, ("usage", usage))

    def _now(self) -> float:
        return round(self._clock() - self.started, 3)

    def _put(self, kind: int, payload: Any) -> None:
        try:
            self._queue.put_nowait((kind, self._clock(), payload))
        except queue.Full:
            self.dropped += 1

    async def close(
        self, usage: dict[str, Any] | None = None, end_reason: str | None = None, *, discard: bool = False
    ) -> None:
        """Writes what is queued, the usage and the end, and closes both files (and with
        `discard`, removes them: a call that never started)."""
        if usage is not None:
            self.usage(usage)
        if end_reason is not None:
            self._put(_META, ("end_reason", end_reason))
        self._stopping.set()
        await asyncio.shield(self._done)
        if discard:
            for path in (self.audio_path, self.json_path):
                path.unlink(missing_ok=True)

    # -- the writer thread -------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._write()
        except Exception as exc:  # a full disk ends the recording, never the call
            self.error = str(exc)
            logger.exception("session %s: recording failed", self.session_id)
        finally:
            with contextlib.suppress(RuntimeError):  # the loop is gone: nobody waits
                self._loop.call_soon_threadsafe(lambda: self._done.done() or self._done.set_result(None))

    def _write(self) -> None:
        container = av.open(
            str(self.audio_path),
            "w",
            format="ogg",
            container_options={"flush_packets": "1", "page_duration": "500000"},
        )
        try:
            stream = container.add_stream("libopus", rate=WEBRTC_RATE, layout="stereo")
            stream.bit_rate = 64000
            self._pump(container, stream)
            for packet in stream.encode(None):
                container.mux(packet)
        finally:
            container.close()
            self._meta["dropped_chunks"] = self.dropped
            self._write_json()

    def _pump(self, container: Any, stream: Any) -> None:
        lanes = {_CALLER: _Lane(), _ASSISTANT: _Lane()}
        # Both voices come at 24 kHz and are written at 48 kHz, upsampled here, on the
        # recorder's thread rather than on the calls' event loop.
        upsampler, assistant_upsampler = Upsampler(), Upsampler()
        caller_clock = _CallerClock()
        written = 0  # timeline position written so far
        clock = 0  # the latest arrival seen, as a timeline position
        dirty, json_at = False, time.monotonic()
        while True:
            try:
                kind, at, payload = self._queue.get(timeout=0.2)
            except queue.Empty:
                if self._stopping.is_set():
                    break
                kind, at, payload = None, self._clock(), None
            position = int((at - self.started) * WEBRTC_RATE)
            clock = max(clock, position)
            if kind == _CALLER:
                pcm, pts = payload
                samples = upsampler.process(pcm)
                # It arrived at the end of the 20 ms it holds.
                start = caller_clock.start(pts, position - len(samples))
                if pts is None:
                    lanes[_CALLER].put(samples, start)
                else:
                    lanes[_CALLER].place(samples, start)
            elif kind == _ASSISTANT:
                lanes[_ASSISTANT].put(assistant_upsampler.process(payload.tobytes()), position)
            elif kind == _META:
                key, value = payload
                if isinstance(self._meta.get(key), list):
                    self._meta[key].append(value)
                else:
                    self._meta[key] = value
                dirty = True
            # Write what both channels hold, and what a silent channel can no longer add to.
            ready = max(min(lane.end for lane in lanes.values()), clock - _WAIT_FOR_LAGGARD)
            while ready - written >= _FRAME:
                self._encode(container, stream, lanes, written)
                written += _FRAME
            if dirty and time.monotonic() - json_at >= _JSON_EVERY_S:
                self._write_json()
                dirty, json_at = False, time.monotonic()
        # The call is over: what remains of either channel is written out.
        end = max(lane.end for lane in lanes.values())
        while written < end:
            self._encode(container, stream, lanes, written)
            written += _FRAME

    @staticmethod
    def _encode(container: Any, stream: Any, lanes: dict[int, _Lane], position: int) -> None:
        stereo = np.empty(2 * _FRAME, dtype=np.int16)
        for index, lane in enumerate(lanes.values()):
            # A lane that never reached this position (silent so far) has nothing to lose.
            lane.end = max(lane.end, position + _FRAME)
            stereo[index::2] = lane.take(_FRAME)
        frame = av.AudioFrame.from_ndarray(stereo.reshape(1, -1), format="s16", layout="stereo")
        frame.sample_rate = WEBRTC_RATE
        frame.pts = position
        frame.time_base = _TIME_BASE
        for packet in stream.encode(frame):
            container.mux(packet)

    def _write_json(self) -> None:
        temporary = self.json_path.with_suffix(".json.tmp")
        temporary.write_text(json.dumps(self._meta, indent=1))
        os.replace(temporary, self.json_path)
