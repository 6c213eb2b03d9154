"""Who recognises next: the server's own callers first, everyone else in arrival order.

All of the endpoint's connections share one speech pool. Each connection recognises its
turns one at a time (so it has at most one waiter here), and waiters are served by
priority then arrival: round robin between connections, and a caller of the server's own
sessions never queues behind anonymous endpoint load.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
from collections.abc import AsyncIterator

CALLER = 0  # a session of this server (internal key)
ANONYMOUS = 1  # any other client of /v1/realtime


class RecognitionQueue:
    def __init__(self, slots: int = 1) -> None:
        self._free = slots
        self._order = itertools.count()
        self._waiters: list[tuple[int, int, asyncio.Future[None]]] = []

    @property
    def waiting(self) -> int:
        return sum(1 for *_, future in self._waiters if not future.done())

    @contextlib.asynccontextmanager
    async def slot(self, priority: int) -> AsyncIterator[None]:
        await self._acquire(priority)
        try:
            yield
        finally:
            self._release()

    async def _acquire(self, priority: int) -> None:
        if self._free > 0 and not self.waiting:
            self._free -= 1
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiters, (priority, next(self._order), future))
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self._release()  # granted, then cancelled before it could use the slot
            raise

    def _release(self) -> None:
        while self._waiters:
            _, _, future = heapq.heappop(self._waiters)
            if not future.done():
                future.set_result(None)
                return
        self._free += 1
