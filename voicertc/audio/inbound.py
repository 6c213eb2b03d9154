"""The inbound pump: the caller's decoded frames, as 24 kHz mono PCM16, to a sink."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

from . import readers
from .opus24 import PcmFrame
from .resample import Downsampler

logger = logging.getLogger(__name__)


class InboundPump:
    """Reads a remote audio track until it ends and hands each frame to `sink`.

    `sink` is called on the event loop with 20 ms of 24 kHz mono PCM16 (960 bytes) and
    the frame's `pts` (where it starts on the sender's clock, 48 kHz: RTP's Opus clock,
    which aiortc counts from the track's first packet); it must not block. Frames come
    straight from the inline decoder (`readers.register`), or through the track's queue
    where there is none. The pump owns its task (which reads the queue and the track's
    end): `close()` cancels and awaits it.
    """

    def __init__(self, track: MediaStreamTrack, sink: Callable[[bytes, int | None], None]) -> None:
        self._track = track
        self._sink = sink
        self._downsampler = Downsampler()
        self.frames = 0
        self.muted = False
        readers.register(track, self._take)
        self._task = asyncio.create_task(self._run(), name="voicertc-inbound")

    async def _run(self) -> None:
        try:
            while True:
                try:
                    frame = await self._track.recv()
                except MediaStreamError:
                    return
                self._take(frame)
        finally:
            readers.unregister(self._track)

    def _take(self, frame: Any) -> None:
        if isinstance(frame, PcmFrame):
            pcm = frame.pcm  # decoded for us at 24 kHz mono (`inline_media(pcm24=True)`)
        elif frame.sample_rate == 48000:
            pcm = self._downsampler.process(frame.to_ndarray(), len(frame.layout.channels))
        else:
            logger.warning("unexpected inbound rate %d Hz, frame dropped", frame.sample_rate)
            return
        self.frames += 1
        if not self.muted:
            try:
                self._sink(pcm, frame.pts)
            except Exception:
                # Called from the transport's receive task, an exception would end the call.
                logger.exception("the inbound audio sink failed; frame dropped")

    @property
    def done(self) -> bool:
        return self._task.done()

    async def close(self) -> None:
        self._task.cancel()
        try:
            await self._task
        except asyncio.CancelledError:
            pass
