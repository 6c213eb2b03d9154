"""`/admin/sessions`: the calls in progress, and ending one (the operator's static
`--auth-token` only, as for every `/admin/` route: edge/admin.py).

With `--workers`, a listing gathers every worker's calls, and ending a call is forwarded
to the worker that holds it (its id names it), like the caller's own hang-up.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any, Protocol

import aiohttp
from aiohttp import web

from ..edge.access import AccessPolicy
from ..edge.admin import require_operator
from ..routing import FORWARDED, WorkerInfo

logger = logging.getLogger(__name__)

#: The end reason (and `call_ended` notice reason) of a call an operator ended.
ENDED_BY_OPERATOR = "ended_by_operator"


class _Config(Protocol):
    @property
    def access(self) -> AccessPolicy: ...


class AdminHost(Protocol):
    """What the admin routes need of the server that holds the calls (ops does not import it)."""

    @property
    def config(self) -> _Config: ...

    @property
    def sessions(self) -> Mapping[str, Any]: ...

    async def forward_to_owner(self, request: web.Request) -> web.StreamResponse | None: ...

    def session_for(self, request: web.Request) -> Any: ...


class AdminRoutes:
    def __init__(self, server: AdminHost, worker_key: web.AppKey[WorkerInfo]) -> None:
        self._server = server
        self._worker_key = worker_key

    def add_routes(self, app: web.Application) -> None:
        app.router.add_get("/admin/sessions", self.list_sessions)
        app.router.add_delete("/admin/sessions/{session_id}", self.end_session)

    async def list_sessions(self, request: web.Request) -> web.Response:
        require_operator(request, self._server.config.access)
        sessions = [self._describe(session) for session in list(self._server.sessions.values())]
        info = request.app.get(self._worker_key)
        if info is not None and not request.headers.get(FORWARDED):
            sessions += await _other_workers(info, request)
        sessions.sort(key=lambda s: s.get("age_s", 0), reverse=True)
        return web.json_response({"sessions": sessions}, headers={"Cache-Control": "no-store"})

    async def end_session(self, request: web.Request) -> web.Response:
        require_operator(request, self._server.config.access)
        elsewhere = await self._server.forward_to_owner(request)
        if elsewhere is not None:
            return elsewhere
        session = self._server.session_for(request)
        logger.info("session %s: ended by an operator", session.id)
        # The caller is told why (a call_ended notice) before the call closes.
        await session.end(ENDED_BY_OPERATOR)
        return web.Response(status=204)

    @staticmethod
    def _describe(session: Any) -> dict[str, Any]:
        return {**session.ops.snapshot(), "state": session.state}


async def _other_workers(info: WorkerInfo, request: web.Request) -> list[dict[str, Any]]:
    """The other workers' calls; one that does not answer within a second is left out."""
    headers = {FORWARDED: "1", "Authorization": request.headers.get("Authorization", "")}
    found: list[dict[str, Any]] = []

    async def fetch(index: int) -> None:
        try:
            async with info.client(index, timeout=1.0) as http:
                async with http.get("http://worker/admin/sessions", headers=headers) as response:
                    if response.status == 200:
                        found.extend((await response.json())["sessions"])
        except (aiohttp.ClientError, asyncio.TimeoutError, KeyError, ValueError) as exc:
            logger.warning("worker %d did not list its sessions: %s", index, exc)

    await asyncio.gather(*(fetch(i) for i in range(info.count) if i != info.index))
    return found
