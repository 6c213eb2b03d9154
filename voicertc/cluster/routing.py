"""Forwarding a request about a call to the host that owns it.

A route is about a call when its path holds `{session_id}` (CALL_ID): that is the whole
declaration, so a route added later (an admin route about a call) is forwarded too. A
request that came from a peer is checked first (403 and a log line when its signature
is wrong) and is never forwarded again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import aiohttp
from aiohttp import web

from ..edge.signalling import SignallingError, read_body
from .auth import PEER_HEADER, sign, verify
from .peers import PeerSet
from .settings import ClusterSettings, host_key, host_of

logger = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

CALL_ID = "session_id"
# Not passed on: they belong to one hop, or are set again for the next.
_HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "te", "upgrade", "content-length"}
_PASSED_BACK = ("Content-Type", "Location", "ETag", "Retry-After", "Allow", "WWW-Authenticate")


class ClusterRouter:
    def __init__(self, settings: ClusterSettings, max_body_bytes: int, body_timeout: float) -> None:
        self._settings = settings
        self._own = host_key(settings.advertise_url) if settings.advertise_url else None
        self.peers = PeerSet(settings)
        self._max_body = max_body_bytes
        self._body_timeout = body_timeout
        self._http: aiohttp.ClientSession | None = None

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        signature = request.headers.get(PEER_HEADER)
        if signature is not None and not verify(
            self._settings.secret, signature, request.method, request.path_qs
        ):
            logger.warning(
                "refused a request signed as from a peer with a wrong signature: %s %s from %s",
                request.method, request.path, request.remote,
            )  # fmt: skip
            raise SignallingError(403, "forbidden_peer", "This request's inter-host signature is not valid.")
        session_id = request.match_info.get(CALL_ID)
        owner = host_of(session_id) if session_id else None
        if owner is None or owner == self._own or not self._settings.enabled:
            return await handler(request)
        if signature is not None:
            # A peer sent it here as the owner, but this host is not: never bounce it on.
            raise SignallingError(404, "not_found", "No such session; it may have ended already.")
        url = await self.peers.url_for(owner)
        if url is None:
            raise SignallingError(
                404, "not_found", "No such session: the host it names is not among this server's peers."
            )
        return await self._forward(request, url)

    async def _forward(self, request: web.Request, base_url: str) -> web.Response:
        body = await read_body(request, self._max_body, self._body_timeout)
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP_HEADERS}
        headers[PEER_HEADER] = sign(self._settings.secret or "", request.method, request.path_qs)
        if request.remote:
            earlier = request.headers.get("X-Forwarded-For")
            headers["X-Forwarded-For"] = f"{earlier}, {request.remote}" if earlier else request.remote
        timeout = aiohttp.ClientTimeout(total=self._settings.timeout_seconds)
        try:
            async with self._client().request(
                request.method, base_url + request.path_qs, data=body, headers=headers, timeout=timeout,
                allow_redirects=False,
            ) as response:  # fmt: skip
                payload = await response.read()
                passed = {k: v for k, v in response.headers.items() if k in _PASSED_BACK}
                return web.Response(status=response.status, body=payload, headers=passed)
        except asyncio.TimeoutError:
            logger.warning("peer %s did not answer %s %s in time", base_url, request.method, request.path)
            raise SignallingError(
                504, "peer_timeout", "The server holding this call did not answer in time; try again."
            ) from None
        except aiohttp.ClientError as exc:
            logger.warning("peer %s unreachable for %s %s: %s", base_url, request.method, request.path, exc)
            raise SignallingError(
                502,
                "peer_unreachable",
                "The server holding this call cannot be reached; the call may have ended.",
            ) from None

    def _client(self) -> aiohttp.ClientSession:
        if self._http is None or self._http.closed:
            self._http = aiohttp.ClientSession()
        return self._http

    async def close(self) -> None:
        if self._http is not None:
            await self._http.close()
