"""Every upstream lends the process's one HTTP client to its SDK client, which cannot close it."""

from __future__ import annotations

import asyncio

from voicertc.upstream.http_client import process_http_client
from voicertc.upstream.live import LiveUpstream
from voicertc.upstream.realtime import Upstream, UpstreamConfig


def test_upstreams_share_one_http_client_that_outlives_them() -> None:
    async def run() -> None:
        config = UpstreamConfig(base_url="ws://127.0.0.1:9/v1", api_key="local")
        first, second = Upstream(config, lambda event: None), LiveUpstream(config, lambda event: None)
        shared = process_http_client()
        assert first._client._client is shared and second._client._client is shared
        await first.close()  # closes its AsyncOpenAI, which closes the client it was given
        assert not shared.is_closed
        third = Upstream(config, lambda event: None)
        assert third._client._client is shared
        await second.close()
        await third.close()
        assert not shared.is_closed

    asyncio.run(run())
