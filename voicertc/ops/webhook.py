"""`--usage-webhook URL`: each call's `session_ended` object POSTed as JSON, off the call's path.

Calls only ever `submit()`, which never waits: objects queue (bounded; the oldest is
dropped when full, and counted) for one sender task owned by this object, which retries
a failed POST with backoff. A webhook that is down, slow or refusing costs the calls
nothing. `close()` gives the queue a short while to drain, then cancels the sender.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from typing import Any

import aiohttp

from ..metrics import METRICS

logger = logging.getLogger(__name__)


class UsageWebhook:
    def __init__(
        self,
        url: str,
        *,
        max_queued: int = 1000,
        timeout_s: float = 5.0,
        retry_delays: Sequence[float] = (0.5, 2.0, 8.0),
    ) -> None:
        self.url = url
        self._queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(max_queued)
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._retry_delays = tuple(retry_delays)
        self._task: asyncio.Task[None] | None = None
        self.delivered = 0
        self.failed = 0
        self.dropped = 0

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="voicertc-usage-webhook")

    def submit(self, record: dict[str, Any]) -> None:
        """Queues `record` for delivery; never blocks, never raises."""
        if self._queue.full():
            self._queue.get_nowait()
            self._queue.task_done()
            self.dropped += 1
            METRICS.webhook_failures.inc(reason="queue_full")
            logger.warning("usage webhook: queue full, dropped the oldest record")
        self._queue.put_nowait(record)

    async def _run(self) -> None:
        async with aiohttp.ClientSession(timeout=self._timeout) as http:
            while True:
                record = await self._queue.get()
                try:
                    await self._deliver(http, record)
                except Exception:  # a bug here must not silence every later record
                    logger.exception("usage webhook: delivery failed")
                finally:
                    self._queue.task_done()

    async def _deliver(self, http: aiohttp.ClientSession, record: dict[str, Any]) -> None:
        problem = ""
        for attempt, delay in enumerate((0.0, *self._retry_delays)):
            if delay:
                await asyncio.sleep(delay)
            try:
                async with http.post(self.url, json=record) as response:
                    if response.status < 300:
                        self.delivered += 1
                        return
                    problem = f"HTTP {response.status}"
                    if 400 <= response.status < 500 and response.status not in (408, 429):
                        break  # the receiver refuses this record: sending it again will not help
            except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as exc:
                problem = f"{type(exc).__name__}: {exc}"
            logger.info("usage webhook: attempt %d failed: %s", attempt + 1, problem)
        self.failed += 1
        METRICS.webhook_failures.inc(reason="undelivered")
        logger.warning("usage webhook: gave up on session %s: %s", record.get("session_id", "?"), problem)

    async def close(self, drain_s: float = 2.0) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        # Shutdown ends every call, and their records are worth a moment's wait.
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._queue.join(), drain_s)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
