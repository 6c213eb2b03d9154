"""The routes a load balancer and an operator use: `GET /readyz`, `POST /admin/drain`."""

from __future__ import annotations

import os
import signal
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from .assistant.speechpool import SpeechPool
from .config import ServerConfig
from .drain import Drain, Drainable, not_ready_reason
from .edge.admin import require_operator


class ServiceRoutes:
    def __init__(
        self,
        config: ServerConfig,
        drain: Drain,
        sessions: Mapping[str, Drainable],
        speech: SpeechPool,
        worker_key: web.AppKey[Any],
    ) -> None:
        self._config = config
        self.drain = drain
        self._sessions = sessions
        self._speech = speech
        self._worker_key = worker_key

    def add_routes(self, app: web.Application) -> None:
        app.router.add_get("/readyz", self.readyz)
        app.router.add_post("/admin/drain", self.admin_drain)

    def _speech_ok(self) -> bool:
        c = self._config
        return self._speech.healthy or c.brain != "assistant" or c.upstream_label != "embedded"

    async def readyz(self, request: web.Request) -> web.Response:
        """Whether a load balancer should send this server new calls (/healthz: is it alive)."""
        c = self._config
        count = len(self._sessions)
        reason = not_ready_reason(self.drain, count, c.max_sessions, c.max_load, self._speech_ok())
        body: dict[str, Any] = {"status": reason or "ready", "sessions": count}
        if reason == "draining":
            body["seconds_left"] = round(self.drain.seconds_left() or 0)
        return web.json_response(body, status=503 if reason else 200, headers={"Cache-Control": "no-store"})

    async def admin_drain(self, request: web.Request) -> web.Response:
        """Take this server out of service as SIGTERM does (the static --auth-token only)."""
        require_operator(request, self._config.access)
        if request.app.get(self._worker_key) is not None:
            # The supervisor drains every worker of this host, as on SIGTERM.
            os.kill(os.getppid(), signal.SIGTERM)
        self.begin_drain()
        return web.json_response(
            {"status": "draining", "sessions": len(self._sessions), "seconds": self._config.drain_seconds},
            status=202,
        )

    def begin_drain(self) -> None:
        self.drain.begin(list(self._sessions.values()), len(self._sessions))
