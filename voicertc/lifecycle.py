"""A served process's life: listen, drain on SIGTERM, stop.

The first SIGTERM drains (no new calls, the calls in progress go on for up to
`drain_seconds`, as after POST /admin/drain); a second one, SIGINT, or `drain_seconds` 0
stops at once, ending the calls left with a `server_shutdown` notice.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from typing import Protocol

from aiohttp import web

from .drain import Drain
from .ops.collector import freeze_startup_objects, time_collections

logger = logging.getLogger(__name__)

SHUTDOWN_TIMEOUT_S = 5.0


class Drainable(Protocol):
    drain: Drain

    def begin_drain(self) -> None: ...


async def serve(
    app: web.Application,
    server: Drainable,
    start_sites: Callable[[web.AppRunner], Awaitable[None]],
) -> None:
    """Runs `app` (serving `server`) until it is stopped or drained; `start_sites` binds
    its sockets."""
    runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=SHUTDOWN_TIMEOUT_S)
    await runner.setup()
    freeze_startup_objects()
    time_collections()
    stop = asyncio.Event()
    # Counted apart from the drain: one begun by POST /admin/drain is still SIGTERM's first.
    sigterms = 0

    def on_sigterm() -> None:
        nonlocal sigterms
        sigterms += 1
        if sigterms > 1 or not server.drain.seconds:
            logger.info("stopping now")
            stop.set()
        else:
            server.begin_drain()

    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, on_sigterm)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    try:
        await start_sites(runner)
        stopped = asyncio.ensure_future(stop.wait())
        drained = asyncio.ensure_future(server.drain.finished.wait())
        try:
            await asyncio.wait({stopped, drained}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in (stopped, drained):
                waiter.cancel()
            await asyncio.gather(stopped, drained, return_exceptions=True)
    finally:
        loop.remove_signal_handler(signal.SIGTERM)
        loop.remove_signal_handler(signal.SIGINT)
        await runner.cleanup()
