"""The aiohttp handler serving `/v1/realtime`: one protocol session and brain per socket.

Connections are counted: the server's own sessions (which present the internal key the
server made at start) always get in, as the session limit already bounds them; other
clients get `503 server_full` before the upgrade once `max_connections` of them are open.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web

from ...edge.signalling import SignallingError
from ...protocol.realtime import MAX_INPUT_AUDIO_BYTES
from ..brains import Brain
from .live import LiveServerSession
from .realtime import RealtimeServerSession
from .recognition import ANONYMOUS, CALLER, RecognitionQueue

logger = logging.getLogger(__name__)

_MAX_MESSAGE = 1 << 20


class RealtimeEndpoint:
    """The aiohttp handler for `/v1/realtime`; one brain per connection."""

    def __init__(
        self,
        brain_factory: Callable[[], Brain],
        executor: Executor | None = None,
        *,
        max_connections: int | None = None,
        internal_key: str | None = None,
    ) -> None:
        self._brain_factory = brain_factory
        self._executor = executor
        #: Open connections from clients other than the server's own sessions; None: no limit.
        self.max_connections = max_connections
        self._internal_key = internal_key
        self.connections = 0
        self.anonymous_connections = 0
        #: Set whenever no connection is open (for orderly shutdown and leak checks).
        self.idle = asyncio.Event()
        self.idle.set()
        self._sockets: set[web.WebSocketResponse] = set()
        # Long appends are scanned for speech here; one thread, so they never crowd out
        # the speech executor that loads detectors for new connections.
        self._vad_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="voicertc-vad")
        self.recognition = RecognitionQueue()
        #: Each connection's uncommitted input audio is held to this.
        self.max_input_audio_bytes = MAX_INPUT_AUDIO_BYTES

    async def close(self) -> None:
        """Closes every connection (server shutdown): aiohttp would otherwise wait for them."""
        await asyncio.gather(
            *(
                ws.close(code=WSCloseCode.GOING_AWAY, message=b"server shutdown")
                for ws in list(self._sockets)
            ),
            return_exceptions=True,
        )
        self._vad_executor.shutdown(wait=False, cancel_futures=True)

    def _is_internal(self, request: web.Request) -> bool:
        if not self._internal_key:
            return False
        header = request.headers.get("Authorization", "")
        token = header[7:].strip() if header[:7].lower() == "bearer " else ""
        return hmac.compare_digest(token.encode(), self._internal_key.encode())

    def _new_session(
        self, request: web.Request, ws: web.WebSocketResponse, brain: Brain, internal: bool
    ) -> Any:
        model = request.query.get("model", "voicertc-embedded")
        return RealtimeServerSession(
            ws.send_json,
            brain,
            self._executor,
            model,
            vad_executor=self._vad_executor,
            recognition=self.recognition,
            priority=CALLER if internal else ANONYMOUS,
            max_input_audio_bytes=self.max_input_audio_bytes,
        )

    async def handle(self, request: web.Request) -> web.StreamResponse:
        internal = self._is_internal(request)
        if (
            not internal
            and self.max_connections is not None
            and self.anonymous_connections >= self.max_connections
        ):
            raise SignallingError(
                503,
                "server_full",
                f"The embedded endpoint is serving its limit of {self.max_connections} connections; "
                "try again in 30 seconds.",
                {"Retry-After": "30"},
            )
        # No permessage-deflate: the traffic is base64 audio, 50 messages a second each
        # way, and callers sit on the same host; deflating it only burns CPU both ends.
        ws = web.WebSocketResponse(max_msg_size=_MAX_MESSAGE, heartbeat=None, compress=False)
        # Counted before the first await, so a burst cannot all pass the check above.
        self.connections += 1
        self.anonymous_connections += not internal
        self.idle.clear()
        session: Any = None
        try:
            await ws.prepare(request)
            self._sockets.add(ws)
            # Cheap: recognition lives in the shared speech pool, not in the brain.
            brain = self._brain_factory()
            session = self._new_session(request, ws, brain, internal)
            await session.start()
            async for message in ws:
                if message.type == WSMsgType.TEXT:
                    try:
                        event = json.loads(message.data)
                    except (ValueError, RecursionError):
                        await session.error("invalid_json", "Events must be JSON text.")
                        continue
                    await session.handle(event)
                elif message.type == WSMsgType.BINARY:
                    await session.error("invalid_event", "Binary messages are not supported; send JSON text.")
        except ConnectionResetError:
            pass
        finally:
            self.connections -= 1
            self.anonymous_connections -= not internal
            self._sockets.discard(ws)
            if not self.connections:
                self.idle.set()
            if session is not None:
                await session.close()
        return ws


class LiveEndpoint(RealtimeEndpoint):
    """The aiohttp handler for `/v1/live/sessions`: the same brain and limits, over Live."""

    def _new_session(
        self, request: web.Request, ws: web.WebSocketResponse, brain: Brain, internal: bool
    ) -> Any:
        return LiveServerSession(ws.send_json, brain, self._executor, close=ws.close)
