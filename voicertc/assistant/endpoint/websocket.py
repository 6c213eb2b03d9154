"""The aiohttp handler serving `/v1/realtime`: one protocol session and brain per socket."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from concurrent.futures import Executor

from aiohttp import WSCloseCode, WSMsgType, web

from ..brains import Brain
from .realtime import RealtimeServerSession

_MAX_MESSAGE = 1 << 20


class RealtimeEndpoint:
    """The aiohttp handler for `/v1/realtime`; one brain per connection."""

    def __init__(self, brain_factory: Callable[[], Brain], executor: Executor | None = None) -> None:
        self._brain_factory = brain_factory
        self._executor = executor
        self.connections = 0
        #: Set whenever no connection is open (for orderly shutdown and leak checks).
        self.idle = asyncio.Event()
        self.idle.set()
        self._sockets: set[web.WebSocketResponse] = set()

    async def close(self) -> None:
        """Closes every connection (server shutdown): aiohttp would otherwise wait for them."""
        await asyncio.gather(
            *(
                ws.close(code=WSCloseCode.GOING_AWAY, message=b"server shutdown")
                for ws in list(self._sockets)
            ),
            return_exceptions=True,
        )

    async def handle(self, request: web.Request) -> web.StreamResponse:
        # No permessage-deflate: the traffic is base64 audio, 50 messages a second each
        # way, and callers sit on the same host; deflating it only burns CPU both ends.
        ws = web.WebSocketResponse(max_msg_size=_MAX_MESSAGE, heartbeat=None, compress=False)
        await ws.prepare(request)
        # Cheap: recognition lives in the shared speech pool, not in the brain.
        brain = self._brain_factory()
        model = request.query.get("model", "voicertc-embedded")
        session = RealtimeServerSession(ws.send_json, brain, self._executor, model)
        self.connections += 1
        self.idle.clear()
        self._sockets.add(ws)
        try:
            await session.start()
            async for message in ws:
                if message.type == WSMsgType.TEXT:
                    try:
                        event = json.loads(message.data)
                    except ValueError:
                        await session.error("invalid_json", "Events must be JSON text.")
                        continue
                    await session.handle(event)
                elif message.type == WSMsgType.BINARY:
                    await session.error("invalid_event", "Binary messages are not supported; send JSON text.")
        except ConnectionResetError:
            pass
        finally:
            self.connections -= 1
            self._sockets.discard(ws)
            if not self.connections:
                self.idle.set()
            await session.close()
        return ws
