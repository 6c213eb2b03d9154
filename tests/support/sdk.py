"""The official `openai` SDK pointed at a voicertc server's embedded endpoint."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from openai import AsyncOpenAI


def embedded_client(url: str) -> AsyncOpenAI:
    """A client of the embedded assistant of the voicertc server at `url` (http://...):
    its Realtime and Live WebSockets, no key needed."""
    return AsyncOpenAI(api_key="local", websocket_base_url=url.replace("http", "ws") + "/v1")


@contextlib.asynccontextmanager
async def embedded_realtime(url: str) -> AsyncIterator[Any]:
    """A Realtime connection to the embedded assistant at `url`; closed, with its client, after."""
    client = embedded_client(url)
    try:
        async with client.realtime.connect(model="voicertc-embedded") as connection:
            yield connection
    finally:
        await client.close()
