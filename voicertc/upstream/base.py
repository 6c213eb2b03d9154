"""What a session needs of a speech-model connection, whichever protocol carries it.

The session speaks Realtime (GA) events, as plain dicts, both ways: it sends client
events (`conversation.item.create`, `response.create`, `conversation.item.truncate`...)
and handles server events (`response.output_audio.delta`...). An implementation for
another protocol (OpenAI's Live API) translates to and from them at its edge, so the
session exists once, whatever the upstream.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

#: Receives each server event, in order, as a dict.
EventHandler = Callable[[dict[str, Any]], Awaitable[None]]


class UpstreamError(Exception):
    """The speech model cannot be reached, or its connection is closed."""


class UpstreamConnection(Protocol):
    """One connection to a speech model; a session makes a new one after a drop.

    Server events go to the `EventHandler` the connection was made with.
    """

    #: Set once the connection is gone (dropped, abandoned or closed).
    closed: asyncio.Event
    #: Appends thrown away because the model did not take them fast enough.
    dropped_appends: int
    #: Seconds from queueing to sent of recent appends (the session reports their median).
    append_delays: deque[float]

    @property
    def connected(self) -> bool: ...

    async def connect(self) -> None:
        """Open the connection and configure the model's session; raises UpstreamError."""

    def append_audio(self, pcm16: bytes) -> None:
        """Queue 24 kHz PCM16 of the caller's audio; never blocks."""

    async def send(self, event: dict[str, Any]) -> None:
        """Send a client event now; raises UpstreamError when closed."""

    def abandon(self) -> None:
        """Declare the connection dead (it stopped answering): `closed` is set."""

    async def close(self) -> None:
        """Release everything the connection holds; safe to call twice."""


#: Makes a connection that hands its server events to the handler.
UpstreamFactory = Callable[[EventHandler], UpstreamConnection]
