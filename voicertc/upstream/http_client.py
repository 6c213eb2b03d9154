"""One HTTP client for every upstream connection in the process.

`AsyncOpenAI()` builds its own httpx client, and with it a TLS context that loads the
system's CA certificates: 18-19 ms on the event loop at every call's start, measured
here, during which every other call's audio waits (the pacing target is 10 ms). The
Realtime and Live upstreams only open WebSockets and never send an HTTP request through
that client, so one client is built per process and handed to each `AsyncOpenAI`, which
closes it with itself: hence a close that does nothing.
"""

from __future__ import annotations

from openai import DefaultAsyncHttpxClient


class _ProcessHttpClient(DefaultAsyncHttpxClient):
    async def aclose(self) -> None:
        """Kept open: it outlives every client it is lent to (and holds no connections)."""


_client: _ProcessHttpClient | None = None


def process_http_client() -> DefaultAsyncHttpxClient:
    """The process's shared client, built on first use."""
    global _client
    if _client is None:
        _client = _ProcessHttpClient()
    return _client
