"""A scripted speech model in the test's own process, standing in for OpenAI's service
(which cannot run here): a Realtime or Live WebSocket on loopback whose every answer the
test writes."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

from aiohttp import WSMsgType, web

#: What the model does with each client event (decoded), on the connection it came on.
Script = Callable[[web.WebSocketResponse, dict], Awaitable[None]]

_PATHS = {"realtime": "/v1/realtime", "live": "/v1/live/sessions"}


async def serve_app(app: web.Application) -> tuple[str, web.AppRunner]:
    """Serves `app` on a free loopback port: its base URL, and the runner to clean up."""
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return f"http://127.0.0.1:{port}", runner


class ScriptedModel:
    """Greets a Realtime connection as OpenAI's does (`session.created`; Live's server
    says nothing first), then hands each text message, decoded, to `script`."""

    def __init__(self, script: Script, protocol: str = "realtime") -> None:
        self._script = script
        self._protocol = protocol
        self._runner: web.AppRunner | None = None

    async def start(self) -> str:
        """Serves; returns the base URL for the SDK's `websocket_base_url` (ws://.../v1)."""
        app = web.Application()
        app.router.add_get(_PATHS[self._protocol], self._serve)
        url, self._runner = await serve_app(app)
        return url.replace("http", "ws") + "/v1"

    async def _serve(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        if self._protocol == "realtime":
            await ws.send_json({"type": "session.created", "event_id": "e0", "session": {"type": "realtime"}})
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                await self._script(ws, json.loads(message.data))
        return ws

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
