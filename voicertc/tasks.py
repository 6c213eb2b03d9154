"""Task ownership: the one way an owner stops the tasks it started."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Iterable
from typing import Any

logger = logging.getLogger(__name__)


async def cancel_and_wait(tasks: Iterable[asyncio.Task[Any]]) -> None:
    """Cancel `tasks` and wait until each has finished, whatever it raised.

    The task calling this is skipped if listed (an owner may be closed by one of its own
    tasks): awaiting itself would never return. A task that swallows its cancellation
    is cancelled again every RECANCEL_S and, after CANCEL_TRIES, logged and left: one
    stuck task must not hold its owner's close (and the call's hang-up) forever.

    If the caller is cancelled meanwhile, it still waits for every task to end, then raises
    its own ``CancelledError``: swallowing it would let a cancelled caller carry on. A close
    that must finish whatever happens runs its steps under ``finally`` or in a task of its own.
    """
    current = asyncio.current_task()
    owned = [task for task in tasks if task is not current]
    for task in owned:
        task.cancel()
    interrupted = False
    for task in owned:
        interrupted = await _finished(task) or interrupted
    if interrupted:
        raise asyncio.CancelledError


RECANCEL_S = 5.0
CANCEL_TRIES = 3


async def _finished(task: asyncio.Task[Any]) -> bool:
    """Waits for ``task`` to end; True if the waiting task was cancelled meanwhile."""
    interrupted = False
    for attempt in range(CANCEL_TRIES):
        if attempt:
            task.cancel()
        try:
            await asyncio.wait({task}, timeout=RECANCEL_S)
        except asyncio.CancelledError:
            # The closer itself was cancelled: still see this task end, then say so.
            interrupted = True
        if task.done():
            if not task.cancelled():
                task.exception()  # retrieved: no "exception was never retrieved" at exit
            return interrupted
    logger.error("task %s ignored %d cancellations; leaving it running", task.get_name(), CANCEL_TRIES)
    return interrupted


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
        """Cancel every task (but the caller) and wait for them; the set then holds only the
        caller and any task that ignored its cancellations (``cancel_and_wait`` leaves it)."""
        current = asyncio.current_task()
        try:
            await cancel_and_wait(list(self._tasks))
        finally:
            # Done callbacks run a loop turn later: forget the finished ones now.
            self._tasks = {task for task in self._tasks if task is current or not task.done()}
