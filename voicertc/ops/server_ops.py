"""What the server adds to every call for operating it: the usage webhook, the record
directory, the tracer, and the per-user cap on calls (a JWT's `sub`)."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from aiohttp import web

from ..edge.access import request_user
from ..edge.signalling import SignallingError
from ..routing import WorkerInfo
from .admin import AdminHost, AdminRoutes

if TYPE_CHECKING:
    from ..config import ServerConfig
from .webhook import UsageWebhook


class _Call(Protocol):
    @property
    def ops(self) -> Any: ...

    def once(self, event: str, f: Callable[[], None]) -> Any: ...


C = TypeVar("C", bound=_Call)


class ServerOperations:
    """Owns the webhook's sender and the trace exporter: `start()` and `close()` them."""

    def __init__(self, config: ServerConfig) -> None:
        self._config = config
        usage_webhook, record_dir = config.usage_webhook, config.record_dir
        otlp_endpoint, self.max_sessions_per_user = config.otlp_endpoint, config.max_sessions_per_user
        self.webhook = UsageWebhook(usage_webhook) if usage_webhook else None
        self.record_dir = Path(record_dir) if record_dir else None
        #: voicertc's OpenTelemetry tracer (a host may set its own provider's); None traces nothing.
        self.tracer: Any = None
        self._provider: Any = None
        if otlp_endpoint:
            from .tracing import otlp_provider, voicertc_tracer

            self._provider = otlp_provider(otlp_endpoint)
            self.tracer = voicertc_tracer(self._provider)
        #: Calls per user, from their negotiation to their end.
        self._calls: Counter[str] = Counter()

    def call_options(self, request: web.Request) -> dict[str, Any]:
        """SessionOptions fields (the call limits, and ours) for the call `request` asks
        for; 429 when its user (a JWT's `sub`) holds --max-sessions-per-user calls already."""
        user = request_user(request)
        cap = self.max_sessions_per_user
        if user is not None and cap is not None and self._calls[user] >= cap:
            held = self._calls[user]
            raise SignallingError(
                429,
                "too_many_sessions",
                f"You already have {held} call{'s' if held != 1 else ''} in progress, the most "
                "allowed per user; hang one up first.",
            )
        webhook = self.webhook
        return self._config.call_limits() | {
            "user": user,
            "record_dir": self.record_dir,
            "tracer": self.tracer,
            "on_ended": webhook.submit if webhook is not None else None,
        }

    def track(self, session: C) -> C:
        """Counts `session` against its user's cap from now (negotiating included) until it closes."""
        user = session.ops.user
        if user is not None:
            self._calls[user] += 1
            session.once("closed", lambda: self._released(user))
        return session

    def _released(self, user: str) -> None:
        self._calls[user] -= 1
        if self._calls[user] <= 0:
            del self._calls[user]

    def add_routes(self, app: web.Application, server: AdminHost, worker_key: web.AppKey[WorkerInfo]) -> None:
        """The admin routes, and the webhook's sender started and stopped with `app`
        (stopped on cleanup, after the shutdown has ended the calls and queued their records)."""
        AdminRoutes(server, worker_key).add_routes(app)
        app.on_startup.append(self._on_startup)
        app.on_cleanup.append(self._on_cleanup)

    async def _on_startup(self, app: web.Application) -> None:
        self.start()

    async def _on_cleanup(self, app: web.Application) -> None:
        await self.close()

    def start(self) -> None:
        if self.webhook is not None:
            self.webhook.start()

    async def close(self) -> None:
        """After the calls have ended: their records get a moment to go out."""
        if self.webhook is not None:
            await self.webhook.close()
        if self._provider is not None:
            # Its shutdown sends the last batch over the network: not on the event loop.
            await asyncio.get_running_loop().run_in_executor(None, self._provider.shutdown)
