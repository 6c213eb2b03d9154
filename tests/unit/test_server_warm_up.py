"""What a server starts in its speech pool as it starts: the recogniser and reader for the
embedded assistant, the reader alone when its calls' Live delegations are read there."""

from __future__ import annotations

from typing import Any

import pytest

from voicertc import ServerConfig
from voicertc.server import VoiceServer


class FakePool:
    def __init__(self) -> None:
        self.started: list[str] = []

    async def warm_up(self) -> None:
        self.started.append("recogniser and reader")

    async def warm_up_reader(self) -> None:
        self.started.append("reader")

    async def read(self, text: str) -> Any:
        return None


@pytest.mark.parametrize(
    ("settings", "started"),
    [
        ({}, ["recogniser and reader"]),
        ({"upstream": "live"}, ["recogniser and reader"]),  # its own Live endpoint: both
        ({"upstream": "live", "upstream_url": "wss://example.invalid/v1"}, ["reader"]),
        ({"model": "gpt-live-1.1", "upstream_url": "wss://example.invalid/v1"}, ["reader"]),
        ({"upstream": "realtime", "upstream_url": "wss://example.invalid/v1"}, []),  # reads nothing
    ],
)
async def test_a_server_starts_what_its_calls_read_with(settings: dict[str, Any], started: list[str]) -> None:
    server = VoiceServer(ServerConfig(port=0, **settings))
    pool = FakePool()
    server.speech = pool  # type: ignore[assignment]
    try:
        await server._on_startup(None)  # type: ignore[arg-type]
        if server._warm is not None:
            await server._warm
        assert pool.started == started
    finally:
        await server.close()
