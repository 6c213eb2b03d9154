"""WHIP signalling (RFC 9725): `POST /whip`, trickle ICE by `PATCH`, hang up by `DELETE`.

Any WHIP-speaking client (OBS, GStreamer's whipsink, browser libraries) can call the
assistant: the answer comes back as `201 Created` with a `Location` for the session.
"""

from __future__ import annotations

from typing import Protocol

from aiohttp import web
from aiortc import RTCPeerConnection, RTCSessionDescription

from .signalling import SignallingError, check_offer_sdp, read_body
from .trickle import candidate_line

SDP = "application/sdp"
SDPFRAG = "application/trickle-ice-sdpfrag"


class BodyLimits(Protocol):
    max_body_bytes: int
    body_timeout_seconds: float


class WhipSession(Protocol):
    id: str

    @property
    def pc(self) -> RTCPeerConnection: ...

    async def close(self) -> None: ...


class WhipHost(Protocol):
    """What WHIP needs of the server that holds the calls (the edge does not import it)."""

    @property
    def config(self) -> BodyLimits: ...

    async def open_session(self, request: web.Request, offer: RTCSessionDescription) -> WhipSession: ...

    async def forward_to_owner(self, request: web.Request) -> web.StreamResponse | None: ...

    def session_for(self, request: web.Request) -> WhipSession: ...


class WhipResource:
    def __init__(self, server: WhipHost) -> None:
        self._server = server

    def add_routes(self, app: web.Application) -> None:
        app.router.add_post("/whip", self.create)
        app.router.add_patch("/whip/{session_id}", self.patch)
        app.router.add_delete("/whip/{session_id}", self.delete)
        app.router.add_route("OPTIONS", "/whip", self.options)

    async def options(self, request: web.Request) -> web.Response:
        return web.Response(status=204, headers={"Accept-Post": SDP, "Allow": "OPTIONS, POST"})

    async def _body(self, request: web.Request, content_type: str) -> str:
        if request.content_type != content_type:
            raise SignallingError(415, "unsupported_media_type", f"Send {content_type}.")
        config = self._server.config
        body = await read_body(request, config.max_body_bytes, config.body_timeout_seconds)
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            raise SignallingError(400, "bad_sdp", "The body is not UTF-8 text.") from None

    async def create(self, request: web.Request) -> web.Response:
        self._server.drain.refuse_new_call()
        sdp = await self._body(request, SDP)
        check_offer_sdp(sdp)
        offer, candidates = self._server.peers.screen_offer(RTCSessionDescription(sdp, "offer"))
        session = await self._server.open_session(request, offer, candidates)
        location = f"{request.path.rstrip('/')}/{session.id}"
        return web.Response(
            status=201,
            body=session.pc.localDescription.sdp.encode(),
            content_type=SDP,
            headers={"Location": location, "ETag": f'"{session.id}"'},
        )

    async def patch(self, request: web.Request) -> web.Response:
        elsewhere = await self._server.forward_to_owner(request)
        if elsewhere is not None:
            return elsewhere
        session = self._server.session_for(request)
        fragment = await self._body(request, SDPFRAG)
        lines = fragment.replace("\r\n", "\n").split("\n")
        # Counted before parsing: a flood of lines is refused for the price of a count.
        self._server.peers.allow(session, session.id, sum(line.startswith("a=candidate:") for line in lines))
        remote = session.pc.remoteDescription
        ufrag = None
        mid: str | None = None
        candidates = []
        for line in lines:
            if line.startswith("a=ice-ufrag:"):
                ufrag = line.split(":", 1)[1].strip()
            elif line.startswith("a=mid:"):
                mid = line.split(":", 1)[1].strip()
            elif line.startswith("a=candidate:"):
                candidate = candidate_line(line)
                candidate.sdpMid = mid
                candidates.append(candidate)
        if remote is not None and ufrag is not None and f"a=ice-ufrag:{ufrag}" not in remote.sdp:
            # A new ufrag asks for an ICE restart, which this endpoint does not do (RFC 9725 4.3.2).
            raise SignallingError(422, "ice_restart_unsupported", "ICE restarts are not supported.")
        for candidate in self._server.peers.usable(candidates):
            if candidate.sdpMid is None:
                candidate.sdpMLineIndex = 0
            await session.pc.addIceCandidate(candidate)
        return web.Response(status=204)

    async def delete(self, request: web.Request) -> web.Response:
        elsewhere = await self._server.forward_to_owner(request)
        if elsewhere is not None:
            return elsewhere
        await self._server.session_for(request).close()
        return web.Response(status=200)
