"""Task ownership: the one way an owner stops the tasks it started."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Iterable
from typing import Any


async def cancel_and_wait(tasks: Iterable[asyncio.Task[Any]]) -> None:
    """Cancel `tasks` and wait until each has finished, whatever it raised.

    The task calling this is skipped if listed (an owner may be closed by one of its own
    tasks): awaiting itself would never return.
    """
    current = asyncio.current_task()
    owned = [task for task in tasks if task is not current]
    for task in owned:
        task.cancel()
    for task in owned:
        try:
            await task
        except (asyncio.CancelledError, Exception):
            pass


class TaskSet:
    """The tasks one owner started; each leaves the set when it finishes."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Awaitable[Any]) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def __len__(self) -> int:
        return len(self._tasks)

    async def cancel_all(self) -> None:
        """Cancel every task (but the caller) and wait for them; the set is then empty."""
        current = asyncio.current_task()
        await cancel_and_wait(list(self._tasks))
        # Done callbacks run a loop turn later: forget the finished ones now.
        self._tasks = {task for task in self._tasks if task is current}
