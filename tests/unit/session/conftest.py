"""A `VoiceSession` on fakes: media, data channel and upstream played by the test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from support.fakes import FakeChannel, FakeMedia, FakeUpstream, FakeUpstreams

from voicertc.session import SessionOptions, VoiceSession


@dataclass
class Call:
    session: VoiceSession
    media: FakeMedia
    upstreams: FakeUpstreams
    channel: FakeChannel

    @property
    def upstream(self) -> FakeUpstream:
        return self.upstreams.current

    async def push(self, event: dict[str, Any]) -> None:
        await self.upstream.push(event)

    def states(self) -> list[str]:
        return [m["state"] for m in self.channel.of_type("state")]


async def open_call(failures: int = 0, **options: Any) -> Call:
    """A started session whose upstream has connected and whose channel is open."""
    options.setdefault("reply_timeout_seconds", None)
    media, upstreams = FakeMedia(), FakeUpstreams(failures)
    session = VoiceSession(media, SessionOptions(**options), session_id="s1", upstream=upstreams)
    channel = media.open_channel(FakeChannel())
    await session.start()
    if failures == 0:
        await upstreams.connected()
    return Call(session, media, upstreams, channel)


@pytest.fixture
async def call() -> AsyncIterator[Call]:
    opened = await open_call()
    yield opened
    await opened.session.close()
