"""A Python WebRTC client for a voicertc server: a microphone you feed, a recorder, events.

Used by the tests, the benchmark and the command-line example; also a starting point
for any aiortc app that wants to call voicertc.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Sequence
from typing import Any

import aiohttp
import numpy as np
from aiortc import RTCIceServer, RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

from .audio.outbound import AssistantTrack
from .edge.ice import rtc_configuration
from .patches.inline_media import inline_media

logger = logging.getLogger(__name__)

Message = dict[str, Any]


class CallError(Exception):
    def __init__(self, status: int, body: Any) -> None:
        error = body.get("error", {}) if isinstance(body, dict) else {}
        super().__init__(f"{status} {error.get('code', '')}: {error.get('message', body)}")
        self.status = status
        self.code = error.get("code")


class CallClient:
    """One call to a voicertc server.

    `mic` is a paced track: `say(pcm16_24k)` queues speech, silence goes out otherwise.
    Every inbound frame is kept (48 kHz mono int16) in `received`, with the monotonic
    time it arrived in `received_at`.
    """

    def __init__(
        self,
        base_url: str,
        *,
        ice_servers: Sequence[RTCIceServer] = (),
        transport_policy: str = "all",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.pc = RTCPeerConnection(rtc_configuration(ice_servers, transport_policy))
        self.mic = AssistantTrack()
        self.messages: list[Message] = []
        self.received: list[np.ndarray] = []
        self.received_at: list[float] = []
        self._rms: list[float] = []
        self.session_id: str | None = None
        self.resume_token: str | None = None
        self._headers = headers or {}
        self._waiters: list[asyncio.Future[None]] = []
        self._frame_waiters: list[asyncio.Future[None]] = []
        self._channel = self.pc.createDataChannel("events")
        self._channel.on("message", self._on_message)
        self._opened = asyncio.Event()
        self._channel.on("open", self._opened.set)
        self._recorder: asyncio.Task[None] | None = None
        self._turns = 0
        self.pc.on("track", self._on_track)

    # -- calling ----------------------------------------------------------------------

    async def connect(self, timeout: float = 10.0, resume: str | None = None) -> None:
        """Call; with `resume` (a `resume_token`), carry on that call after a drop."""
        self.pc.addTrack(self.mic)
        await self.pc.setLocalDescription(await self.pc.createOffer())
        offer = self.pc.localDescription
        body: dict[str, Any] = {"sdp": offer.sdp, "type": offer.type}
        if resume is not None:
            body["resume"] = resume
        async with aiohttp.ClientSession() as http:
            async with http.post(f"{self.base_url}/offer", json=body, headers=self._headers) as response:
                body = await response.json(content_type=None)
                if response.status != 200:
                    raise CallError(response.status, body)
        self.session_id = body["session_id"]
        self.resume_token = body.get("resume_token")
        await self.pc.setRemoteDescription(RTCSessionDescription(body["sdp"], body["type"]))
        inline_media(self.pc)
        await asyncio.wait_for(self._opened.wait(), timeout)

    async def hang_up(self) -> None:
        if self.session_id is not None:
            try:
                async with aiohttp.ClientSession() as http:
                    await http.delete(f"{self.base_url}/sessions/{self.session_id}", headers=self._headers)
            except aiohttp.ClientError:
                pass
        await self.close()

    async def close(self) -> None:
        if self._recorder is not None:
            self._recorder.cancel()
            try:
                await self._recorder
            except asyncio.CancelledError:
                pass
            self._recorder = None
        self.mic.stop()
        await self.pc.close()

    # -- audio ------------------------------------------------------------------------

    def say(self, pcm16_24k: bytes) -> None:
        """Queue speech (24 kHz mono PCM16) on the microphone track."""
        self._turns += 1
        self.mic.feed(f"turn{self._turns}", pcm16_24k)

    def _on_track(self, track: MediaStreamTrack) -> None:
        if track.kind == "audio" and self._recorder is None:
            self._recorder = asyncio.create_task(self._record(track))

    async def _record(self, track: MediaStreamTrack) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                frame = await track.recv()
            except MediaStreamError:
                return
            samples = frame.to_ndarray().reshape(-1)
            if len(frame.layout.channels) == 2:
                samples = samples[0::2]
            self.received.append(samples)
            # Once per frame: wait_loud() re-counts after every frame, and recomputing every
            # frame's RMS each time made long calls quadratic.
            self._rms.append(float(np.sqrt(np.mean(samples.astype(np.float64) ** 2))))
            self.received_at.append(loop.time())
            for waiter in self._frame_waiters:
                if not waiter.done():
                    waiter.set_result(None)
            self._frame_waiters.clear()

    def received_audio(self, since_frame: int = 0) -> np.ndarray:
        if len(self.received) <= since_frame:
            return np.zeros(0, dtype=np.int16)
        return np.concatenate(self.received[since_frame:])

    def loud_frames(self, since_frame: int = 0, threshold_dbfs: float = -40.0) -> int:
        """Inbound frames louder than `threshold_dbfs` RMS."""
        limit = 32768.0 * 10 ** (threshold_dbfs / 20)
        return sum(1 for rms in self._rms[since_frame:] if rms > limit)

    async def wait_loud(
        self,
        frames: int,
        since_frame: int = 0,
        timeout: float = 10.0,
        threshold_dbfs: float = -40.0,
    ) -> None:
        """Waits for `frames` inbound frames (from `since_frame`) louder than the threshold."""
        await self._wait_frames_until(
            lambda: self.loud_frames(since_frame, threshold_dbfs),
            frames,
            timeout,
            "loud frames",
        )

    async def wait_frames(self, count: int, timeout: float = 10.0) -> None:
        """Waits until `count` inbound frames (silent ones included) have arrived."""
        await self._wait_frames_until(lambda: len(self.received), count, timeout, "frames")

    async def _wait_frames_until(
        self, counted: Callable[[], int], target: int, timeout: float, what: str
    ) -> None:
        async def reached() -> None:
            while counted() < target:
                waiter = asyncio.get_running_loop().create_future()
                self._frame_waiters.append(waiter)
                await waiter

        try:
            await asyncio.wait_for(reached(), timeout)
        except asyncio.TimeoutError:
            raise AssertionError(f"only {counted()} of {target} {what} within {timeout} s") from None

    # -- data channel -------------------------------------------------------------------

    def send(self, message: Message | str) -> None:
        self._channel.send(message if isinstance(message, str) else json.dumps(message))

    def _on_message(self, raw: str | bytes) -> None:
        try:
            message = json.loads(raw)
        except ValueError:
            logger.warning("server sent non-JSON: %r", raw)
            return
        self.messages.append(message)
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    async def wait_for(
        self, predicate: Callable[[Message], bool], timeout: float = 10.0, since: int = 0
    ) -> Message:
        """The first message (from index `since`) matching `predicate`, waiting if needed."""

        async def find() -> Message:
            checked = since
            while True:
                for message in self.messages[checked:]:
                    if predicate(message):
                        return message
                checked = max(checked, len(self.messages))
                waiter = asyncio.get_running_loop().create_future()
                self._waiters.append(waiter)
                await waiter

        try:
            return await asyncio.wait_for(find(), timeout)
        except asyncio.TimeoutError:
            seen = [m.get("type") for m in self.messages[since:]]
            raise AssertionError(f"no matching message within {timeout} s; saw {seen}") from None

    async def wait_type(self, kind: str, timeout: float = 10.0, since: int = 0, **fields: Any) -> Message:
        return await self.wait_for(
            lambda m: m.get("type") == kind and all(m.get(k) == v for k, v in fields.items()),
            timeout,
            since,
        )
