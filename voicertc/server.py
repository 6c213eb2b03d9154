"""The voicertc server: signalling routes, the page, the embedded endpoint, the sessions."""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import secrets
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from aiohttp import web
from aiortc import RTCPeerConnection, RTCSessionDescription

from . import patches
from .assistant.brains import BRAINS
from .assistant.endpoint import LiveEndpoint, RealtimeEndpoint
from .assistant.piper_tts import PiperProcess, voice_path
from .assistant.speechpool import SpeechPool
from .cluster import ClusterRouter
from .config import ServerConfig
from .drain import Drain
from .edge.access import AccessControl
from .edge.embedded_url import embedded_url
from .edge.ice import (
    answer_ice_problem,
    offer_ice_problem,
    page_ice_servers,
    server_rtc_configuration,
)
from .edge.parser_errors import JSON_ERRORS
from .edge.parser_errors import install as install_parser_errors
from .edge.peers import PeerGuard, PeerPolicy, automatic_classes, server_addresses
from .edge.resume import ResumeTokens
from .edge.signalling import (
    SignallingError,
    error_middleware,
    negotiate,
    parse_offer,
    read_body,
    read_json_object,
)
from .edge.trickle import add_candidates, parse_candidates
from .edge.web_files import CLIENT_SCRIPT, CLIENT_TYPES, WEB_DIR, web_file
from .edge.whip import WhipResource
from .effects.specs import page_specs
from .metrics import METRICS, Gauge
from .ops.server_ops import ServerOperations
from .protocol.live import PATH as LIVE_PATH
from .routing import FORWARDED, WorkerInfo, forward, gather_metrics
from .service_routes import ServiceRoutes
from .session import SessionOptions, VoiceSession
from .session.media import PeerMedia
from .tasks import cancel_and_wait
from .upstream.lookup import look_up_models
from .upstream.realtime import UpstreamConfig
from .version import __version__

logger = logging.getLogger(__name__)


class VoiceServer:
    """Holds the sessions of one process and serves their routes."""

    def __init__(self, config: ServerConfig) -> None:
        config.validate()
        self.config = config
        self.sessions: dict[str, VoiceSession] = {}
        #: Offers being negotiated: they hold a --max-sessions slot already.
        self._opening = 0
        # Speech recognition and brain construction run here, off the event loop.
        self.executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="voicertc-speech")
        self.speech = SpeechPool.shared()
        self._warm: asyncio.Task[None] | None = None
        self._lookup: asyncio.Task[None] | None = None
        #: With an OpenAI key: what OpenAI says of the configured models (shutdown dates).
        self.models: dict[str, dict[str, Any]] = {}
        self.models_looked_up = asyncio.Event()
        #: --tts piper: the one piper process every call's replies are synthesised in.
        self.piper = PiperProcess(voice_path(config.tts)) if config.tts != "espeak" else None
        brain = functools.partial(BRAINS[config.brain], self.speech, self.piper)
        limit, key = config.endpoint_connection_limit, config.access.internal_key
        self.endpoint = RealtimeEndpoint(brain, self.executor, max_connections=limit, internal_key=key)
        # Its own connection limit: anonymous callers may hold that many of each protocol.
        self.live_endpoint = LiveEndpoint(brain, self.executor, max_connections=limit, internal_key=key)
        self.whip = WhipResource(self)
        # A token outlives no call: the longest a call may last, or a day.
        self.resume = ResumeTokens(config.max_call_seconds or 86400.0)
        #: Embedding hook: request -> {setting name: value} for that call's model session.
        self.settings_for: Callable[[web.Request], Mapping[str, Any]] | None = None
        self.drain = Drain(config.drain_seconds)
        self.service = ServiceRoutes(config, self.drain, self.sessions, self.speech, WORKER_KEY)
        self.router = ClusterRouter(config.cluster, config.max_body_bytes, config.body_timeout_seconds)
        self.ops = ServerOperations(config)
        METRICS.sessions = Gauge("voicertc_sessions", "Calls in progress.", lambda: len(self.sessions))
        patches.install(config.ice)
        peer_addresses = config.ice_peer_addresses or automatic_classes(
            server_addresses(), config.ice.announce_ip
        )
        self.peers = PeerGuard(PeerPolicy(addresses=peer_addresses))

    def add_routes(self, app: web.Application) -> None:
        app.router.add_get("/", self.index)
        app.router.add_get("/config", self.page_config)
        app.router.add_post("/offer", self.offer)
        app.router.add_patch("/sessions/{session_id}", self.patch_session)
        app.router.add_delete("/sessions/{session_id}", self.delete_session)
        app.router.add_get("/effects/specs", self.effect_specs)
        for name in (CLIENT_SCRIPT, CLIENT_TYPES):
            app.router.add_get(f"/{name}", functools.partial(self.client_file, name))
        app.router.add_get("/healthz", self.healthz)
        self.service.add_routes(app)
        app.router.add_get("/metrics", self.metrics)
        self.whip.add_routes(app)
        self.ops.add_routes(app, self, WORKER_KEY)
        app.router.add_get("/v1/realtime", self.endpoint.handle)
        app.router.add_get("/v1" + LIVE_PATH, self.live_endpoint.handle)
        if WEB_DIR.is_dir():
            app.router.add_static("/static/", WEB_DIR)
        app.on_startup.append(self._on_startup)
        app.on_shutdown.append(self._on_shutdown)

    # -- routes -----------------------------------------------------------------------

    async def index(self, request: web.Request) -> web.StreamResponse:
        return web_file("index.html", "The web client", {})

    async def client_file(self, name: str, request: web.Request) -> web.StreamResponse:
        kind = "text/javascript" if name.endswith(".js") else "text/plain"
        return web_file(name, "The client library", {"Content-Type": f"{kind}; charset=utf-8"})

    async def effect_specs(self, request: web.Request) -> web.Response:
        return web.json_response(page_specs(), headers={"Cache-Control": "public, max-age=300"})

    async def page_config(self, request: web.Request) -> web.Response:
        ice = self.config.ice
        return web.json_response(
            {"iceServers": page_ice_servers(ice), "iceTransportPolicy": ice.transport_policy},
            headers={"Cache-Control": "no-store"},
        )

    async def healthz(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "status": "ok",
                "sessions": len(self.sessions),
                "upstream": self.config.upstream_label,
                "endpoint_connections": self.endpoint.connections,
                "version": __version__,
            }
            | ({"models": self.models} if self.models else {})
            | ({"worker": info.index, "workers": info.count} if (info := request.app.get(WORKER_KEY)) else {})
        )

    async def metrics(self, request: web.Request) -> web.Response:
        text = METRICS.render()
        info = request.app.get(WORKER_KEY)
        if info is not None and not request.headers.get(FORWARDED):
            # A scrape lands on any one worker: it answers for all of them.
            text = await gather_metrics(info, text)
        return web.Response(text=text, content_type="text/plain", charset="utf-8")

    async def offer(self, request: web.Request) -> web.Response:
        data = await read_json_object(request, self.config.max_body_bytes, self.config.body_timeout_seconds)
        sent = parse_offer(data)
        trickle = data.get("trickle", False)
        if not isinstance(trickle, bool):
            raise SignallingError(400, "bad_request", "'trickle' must be true or false.")
        offer, candidates = self.peers.screen_offer(sent)
        # An offer that promises no more candidates and has none can never connect.
        problem = None if trickle else offer_ice_problem(sent.sdp)
        if problem:
            raise SignallingError(400, "no_candidates", problem)
        if not trickle and not candidates and "a=candidate:" in sent.sdp:
            raise SignallingError(400, "no_candidates", self.peers.none_usable())
        token = data.get("resume")
        info = request.app.get(WORKER_KEY)
        owner = info.owner_of(token) if info is not None and isinstance(token, str) else None
        if info is not None and owner is not None and owner != info.index:
            # The call lives in another worker: it answers the resume.
            return await forward(request, json.dumps(data).encode(), info, owner)
        if token is None:
            session = await self.open_session(request, offer, candidates)
        else:
            session = await self.resume_session(offer, token)
            self.peers.record(session, candidates)  # a new peer connection: a new count
        local = session.pc.localDescription
        return web.json_response(
            {
                "sdp": local.sdp,
                "type": local.type,
                "session_id": session.id,
                "resume_token": self._resume_token(session),
            }
        )

    async def patch_session(self, request: web.Request) -> web.Response:
        elsewhere = await self.forward_to_owner(request)
        if elsewhere is not None:
            return elsewhere
        session = self.session_for(request)
        data = await read_json_object(request, self.config.max_body_bytes, self.config.body_timeout_seconds)
        candidates, done = parse_candidates(data)
        self.peers.allow(session, session.id, len(candidates))
        await add_candidates(session.pc, self.peers.usable(candidates), done)
        return web.Response(status=204)

    async def delete_session(self, request: web.Request) -> web.Response:
        elsewhere = await self.forward_to_owner(request)
        if elsewhere is not None:
            return elsewhere
        await self.session_for(request).close()
        return web.Response(status=204)

    async def forward_to_owner(self, request: web.Request) -> web.Response | None:
        """With --workers, the answer of the worker owning the session, if it is another."""
        info = request.app.get(WORKER_KEY)
        if info is None:
            return None
        owner = info.owner_of(request.match_info["session_id"])
        if owner is None or owner == info.index:
            return None
        body = await read_body(request, self.config.max_body_bytes, self.config.body_timeout_seconds)
        return await forward(request, body, info, owner)

    # -- sessions ---------------------------------------------------------------------

    async def open_session(
        self, request: web.Request, offer: RTCSessionDescription, candidates: int
    ) -> VoiceSession:
        """Answer `offer` (screened by `self.peers`, leaving `candidates`) with a new
        session; on any failure nothing is left behind."""
        self.drain.refuse_new_call()
        # The slot is taken before the first await: a burst of offers must not all pass
        # the check while each negotiates.
        if len(self.sessions) + self._opening >= self.config.max_sessions:
            raise SignallingError(
                503,
                "server_full",
                "The server is full; try again in 30 seconds.",
                {"Retry-After": "30"},
            )
        self._opening += 1
        try:
            session = self.ops.track(self.create_session(request))
            try:
                await negotiate(session.pc, offer, session.add_outbound_track)
                # aiortc never starts ICE without a local candidate: the call would hang.
                problem = answer_ice_problem(session.pc.localDescription.sdp, self.config.ice)
                if problem:
                    raise SignallingError(503, "ice_unavailable", problem)
            except BaseException:
                try:
                    await session.close()
                except Exception as exc:  # aiortc cannot always close a peer it half negotiated
                    logger.warning("closing the peer of a failed offer failed too: %r", exc)
                raise
        finally:
            self._opening -= 1
        self.sessions[session.id] = session
        self.drain.join(session)
        self.peers.record(session, candidates)
        METRICS.calls.inc()
        session.once("closed", lambda: self._session_closed(session.id))
        await session.start()
        return session

    def _resume_token(self, session: VoiceSession) -> str:
        session.resumable = True
        return self.resume.issue(session.id)

    def _session_closed(self, session_id: str) -> None:
        self.sessions.pop(session_id, None)
        self.resume.ended(session_id)
        self.drain.update(len(self.sessions))

    async def resume_session(self, offer: RTCSessionDescription, token: object) -> VoiceSession:
        """Answer `offer` on a new peer connection for the session `token` resumes."""
        session_id = self.resume.redeem(token)
        session = self.sessions.get(session_id)
        if session is None or session.closed:
            raise SignallingError(409, "resume_token_ended", "The call this token belongs to has ended.")
        await session.release_media()
        pc = RTCPeerConnection(server_rtc_configuration(self.config.ice))
        media = PeerMedia(pc)
        try:
            await negotiate(pc, offer, lambda: media.add_outbound_track(session.track))
            problem = answer_ice_problem(pc.localDescription.sdp, self.config.ice)
            if problem:
                raise SignallingError(503, "ice_unavailable", problem)
        except BaseException:
            await pc.close()
            assert isinstance(token, str)
            self.resume.give_back(token, session_id)
            raise
        session.resume(media)
        METRICS.resumes.inc()
        return session

    def session_for(self, request: web.Request) -> VoiceSession:
        session = self.sessions.get(request.match_info["session_id"])
        if session is None:
            raise SignallingError(404, "not_found", "No such session; it may have ended already.")
        return session

    def upstream_config(self, request: web.Request) -> UpstreamConfig:
        c = self.config
        if c.upstream_url:
            base_url, api_key = c.upstream_url, c.openai_api_key or "local"
        elif c.openai_api_key:
            base_url, api_key = None, c.openai_api_key
        else:
            base_url, api_key = embedded_url(request, request.app.get(PREFIX_KEY, "")), c.access.internal_key
        settings = c.settings
        if self.settings_for is not None:
            # The host app's per-call override; a bad value is its bug, reported as a 500.
            settings = settings.with_changes(self.settings_for(request))
        return UpstreamConfig(
            **vars(settings),
            model=c.model,
            protocol=c.protocol,
            voice=c.voice,
            instructions=c.instructions,
            api_key=api_key,
            base_url=base_url,
        )

    def create_session(self, request: web.Request) -> VoiceSession:
        pc = RTCPeerConnection(server_rtc_configuration(self.config.ice))
        options = SessionOptions(
            upstream=self.upstream_config(request),
            sentence_reader=self.speech.read,
            **self.ops.call_options(request),
        )
        info = request.app.get(WORKER_KEY)
        prefix = self.config.cluster.session_prefix() + (info.session_prefix() if info else "")
        session_id = prefix + secrets.token_urlsafe(12) if prefix else None
        return VoiceSession(pc, options, session_id=session_id, upstream_label=self.config.upstream_label)

    async def close(self) -> None:
        await asyncio.gather(
            *(s.end("server_shutdown") for s in list(self.sessions.values())), return_exceptions=True
        )
        await self.endpoint.close()
        await self.live_endpoint.close()
        await self.router.close()
        if self.piper is not None:
            await self.piper.close()
        try:
            await cancel_and_wait(t for t in (self._warm, self._lookup) if t is not None)
        finally:
            self.executor.shutdown(wait=False, cancel_futures=True)

    async def _on_startup(self, app: web.Application) -> None:
        if self.config.brain == "assistant" and self.config.upstream_label == "embedded":
            # Loads the models in the background: the first caller should not wait for them.
            # With OpenAI as the upstream the embedded endpoint only serves callers who use
            # it directly, and the pool (100-300 MB) loads on their first turn instead.
            self._warm = asyncio.create_task(self.speech.warm_up())
        elif self.config.protocol == "live" and self.config.upstream_label != "embedded":
            # Calls' delegations are read in the pool: its worker (the reader alone) starts
            # now, not on the first one, which would not wait for it.
            self._warm = asyncio.create_task(self.speech.warm_up_reader())
        c = self.config
        if c.openai_api_key and not c.upstream_url:
            # In the background: a slow or failed lookup must not hold up serving.
            self._lookup = asyncio.create_task(self._look_up_models(c.openai_api_key))

    async def _look_up_models(self, api_key: str) -> None:
        models = [self.config.model]
        if self.config.settings.transcription_model and self.config.protocol == "realtime":
            models.append(self.config.settings.transcription_model)
        self.models = await look_up_models(api_key, models)
        self.models_looked_up.set()

    async def _on_shutdown(self, app: web.Application) -> None:
        await self.close()


SERVER_KEY = web.AppKey("voicertc", VoiceServer)
WORKER_KEY = web.AppKey("voicertc_worker", WorkerInfo)
PREFIX_KEY = web.AppKey("voicertc_prefix", str)


def create_app(config: ServerConfig | None = None) -> web.Application:
    """An aiohttp application serving voicertc at its root."""
    server = VoiceServer(config or ServerConfig())
    access = AccessControl(server.config.access, lambda request: request.app.get(PREFIX_KEY, ""))
    # After access control: a request is forwarded to a call's host only once it is allowed here.
    middlewares = [error_middleware, access.middleware, server.router.middleware]
    app = web.Application(middlewares=middlewares, client_max_size=server.config.max_body_bytes)
    app[SERVER_KEY] = server
    app[JSON_ERRORS] = True
    install_parser_errors()
    server.add_routes(app)
    return app
