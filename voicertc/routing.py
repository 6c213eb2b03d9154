"""Routing between `voicertc serve --workers N` processes, below the server.

A call lives in the worker that answered its offer, and its id says which (`w2.xxxx`);
a request about a call that reaches another worker (hang-up, WHIP PATCH/DELETE) is
forwarded to the owner over a Unix socket private to this server, and `/metrics`
gathers every worker's figures. The processes themselves are `workers.py`'s.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path

import aiohttp
from aiohttp import web

from .metrics import merge_workers

logger = logging.getLogger(__name__)

FORWARDED = "X-Voicertc-Forwarded"
# Framing of the hop to this worker, not of the request: the client sets its own.
_HOP_HEADERS = ("content-length", "transfer-encoding", "connection", "keep-alive")
_PASSED_HEADERS = ("Content-Type", "Location", "ETag", "Retry-After", "Allow", "WWW-Authenticate")


@dataclass(frozen=True)
class WorkerInfo:
    index: int
    count: int
    socket_dir: str

    def socket_path(self, index: int) -> str:
        return str(Path(self.socket_dir) / f"worker-{index}.sock")

    def client(self, index: int, timeout: float | None = None) -> aiohttp.ClientSession:
        """An HTTP client to worker `index` over its private socket (URLs: http://worker/...);
        `timeout` in seconds for each whole request, aiohttp's default without it."""
        connector = aiohttp.UnixConnector(path=self.socket_path(index))
        if timeout is None:
            return aiohttp.ClientSession(connector=connector)
        return aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=timeout))

    def session_prefix(self) -> str:
        return f"w{self.index}."

    def owner_of(self, session_id: str) -> int | None:
        """The worker index a session id names, or None when it names none."""
        # `w1.token`, or `h<host>.w1.token` in a cluster: the worker is the last label.
        labels = session_id.split(".")[:-1]
        head = labels[-1] if labels else ""
        if not head.startswith("w") or not head[1:].isdigit():
            return None
        index = int(head[1:])
        return index if index < self.count else None


async def forward(request: web.Request, body: bytes, info: WorkerInfo, owner: int) -> web.Response:
    """Replays `request` (whose whole `body` the caller has read) on the owning worker and
    returns its answer."""
    if request.headers.get(FORWARDED):
        return web.json_response(
            {"error": {"code": "not_found", "message": "No such session; it may have ended already."}},
            status=404,
        )
    # Host goes along: the owner checks the request's Origin against it, as this worker did.
    headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP_HEADERS}
    headers[FORWARDED] = "1"
    if request.remote:
        earlier = request.headers.get("X-Forwarded-For")
        headers["X-Forwarded-For"] = f"{earlier}, {request.remote}" if earlier else request.remote
    try:
        async with info.client(owner) as http:
            async with http.request(
                request.method, f"http://worker{request.rel_url}", data=body, headers=headers
            ) as response:
                payload = await response.read()
                passed = {k: v for k, v in response.headers.items() if k in _PASSED_HEADERS}
                return web.Response(status=response.status, body=payload, headers=passed)
    except aiohttp.ClientError:
        return web.json_response(
            {"error": {"code": "not_found", "message": "The worker that held this session is gone."}},
            status=404,
        )


async def gather_metrics(info: WorkerInfo, own: str) -> str:
    """Every worker's `/metrics` in one text, labelled by worker; one that fails to answer
    within a second is left out rather than holding up the scrape."""
    texts = {info.index: own}

    async def fetch(index: int) -> None:
        try:
            async with info.client(index, timeout=1.0) as http:
                async with http.get("http://worker/metrics", headers={FORWARDED: "1"}) as response:
                    if response.status == 200:
                        texts[index] = await response.text()
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            logger.warning("worker %d did not give its metrics: %s", index, exc)

    await asyncio.gather(*(fetch(i) for i in range(info.count) if i != info.index))
    return merge_workers(texts)
