"""Fakes for the fast unit layer: an upstream, the call's media and its data channel.

Each implements the interface the session declares (`voicertc.upstream.base.UpstreamConnection`,
`voicertc.session.media.CallMedia`, `voicertc.session.events.Channel`) and records what
the session did to it, so a test drives a `VoiceSession` without network or peers.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections import deque
from collections.abc import Callable
from typing import Any

from aiortc.mediastreams import MediaStreamTrack
from pyee import EventEmitter

from voicertc.session.events import Channel
from voicertc.upstream.base import EventHandler, UpstreamError


class FakeUpstream:
    """An `UpstreamConnection` whose server is the test: `push()` delivers server events."""

    def __init__(self, on_event: EventHandler, fail: bool = False) -> None:
        self._on_event = on_event
        self._fail = fail
        self.closed = asyncio.Event()
        self.dropped_appends = 0
        self.append_delays: deque[float] = deque(maxlen=100)
        self.sent: list[dict[str, Any]] = []
        self.appended: list[bytes] = []
        self.opened = False
        self.abandoned = False
        self.was_closed = False

    @property
    def connected(self) -> bool:
        return self.opened and not self.closed.is_set()

    async def connect(self) -> None:
        if self._fail:
            raise UpstreamError("refused")
        self.opened = True

    def append_audio(self, pcm16: bytes) -> None:
        self.appended.append(pcm16)

    async def send(self, event: dict[str, Any]) -> None:
        if not self.connected:
            raise UpstreamError("the speech model connection is closed")
        self.sent.append(event)

    def abandon(self) -> None:
        self.abandoned = True
        self.closed.set()

    async def close(self) -> None:
        self.was_closed = True
        self.closed.set()

    async def push(self, event: dict[str, Any]) -> None:
        await self._on_event(event)

    def drop(self) -> None:
        """The server went away."""
        self.closed.set()

    def types(self) -> list[str]:
        return [event["type"] for event in self.sent]


class FakeUpstreams:
    """An `UpstreamFactory` that keeps every connection it made; the first `failures`
    connections refuse to connect."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.made: list[FakeUpstream] = []

    def __call__(self, on_event: EventHandler) -> FakeUpstream:
        upstream = FakeUpstream(on_event, fail=len(self.made) < self.failures)
        self.made.append(upstream)
        return upstream

    @property
    def current(self) -> FakeUpstream:
        return self.made[-1]

    async def connected(self, count: int = 1, timeout: float = 2.0) -> FakeUpstream:
        """Waits until `count` connections have connected and the latest is up; returns it."""
        await until(lambda: sum(u.opened for u in self.made) >= count and self.made[-1].connected, timeout)
        return self.made[-1]


class FakeChannel(EventEmitter):
    """A data channel: `receive()` is the caller sending, `messages` what they got."""

    def __init__(self, label: str = "events", state: str = "open") -> None:
        super().__init__()
        self.label = label
        self.readyState = state
        self.messages: list[dict[str, Any]] = []

    def send(self, data: str) -> None:
        self.messages.append(json.loads(data))

    def open(self) -> None:
        self.readyState = "open"
        self.emit("open")

    def receive(self, message: dict[str, Any] | str | bytes) -> None:
        raw = message if isinstance(message, (str, bytes)) else json.dumps(message)
        self.emit("message", raw)

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        return [m for m in self.messages if m["type"] == kind]


class FakeMedia:
    """`CallMedia` without a network: the test plays the caller's side."""

    def __init__(self) -> None:
        self.connection_state = "new"
        self.outbound: list[MediaStreamTrack] = []
        self.listening: list[MediaStreamTrack] = []
        self.stopped_listening = False
        self.closed = False
        self._on_audio: Callable[[bytes, int | None], None] | None = None
        self._on_channel: Callable[[Channel], None] | None = None
        self._on_state: Callable[[], None] | None = None

    def attach(
        self,
        on_audio: Callable[[bytes, int | None], None],
        on_channel: Callable[[Channel], None],
        on_state: Callable[[], None],
    ) -> None:
        self._on_audio, self._on_channel, self._on_state = on_audio, on_channel, on_state

    def listen(self, track: MediaStreamTrack) -> None:
        self.listening.append(track)

    def add_outbound_track(self, track: MediaStreamTrack) -> None:
        self.outbound.append(track)

    async def stop_listening(self) -> None:
        self.stopped_listening = True

    def detach(self) -> None:
        self._on_audio = self._on_channel = self._on_state = None

    async def close(self) -> None:
        self.closed = True
        self.connection_state = "closed"

    # -- the caller's side -------------------------------------------------------------

    def speak(self, pcm16: bytes = b"\0\0" * 480, pts: int | None = None) -> None:
        assert self._on_audio is not None
        self._on_audio(pcm16, pts)

    def open_channel(self, channel: FakeChannel) -> FakeChannel:
        assert self._on_channel is not None
        self._on_channel(channel)
        return channel

    def set_state(self, state: str) -> None:
        assert self._on_state is not None
        self.connection_state = state
        self._on_state()


def audio_delta(item_id: str, ms: int, response_id: str = "resp_1") -> dict[str, Any]:
    """`response.output_audio.delta` with `ms` of a 24 kHz tone-free PCM16 signal (not silence)."""
    pcm = (b"\x10\x00" * 24) * ms
    return {
        "type": "response.output_audio.delta",
        "response_id": response_id,
        "item_id": item_id,
        "output_index": 0,
        "content_index": 0,
        "delta": base64.b64encode(pcm).decode("ascii"),
    }


async def until(predicate: Callable[[], bool], timeout: float = 2.0) -> None:
    """Waits until `predicate()` holds (polled: the session runs on this loop)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {predicate}")
        await asyncio.sleep(0.001)
