"""Taking one server out of service without dropping its calls, and whether it is ready.

Draining stops new calls at once (`/readyz` and new offers answer 503 `draining`), lets
the calls in progress go on until they end or `drain_seconds` pass (each caller is warned
before that, as the call limits warn), and then tells its owner the server may stop.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable, Iterable
from typing import Protocol

from .edge.signalling import SignallingError

logger = logging.getLogger(__name__)

DRAIN_REASON = "server_drain"


class Drainable(Protocol):
    def end_by(self, deadline: float, reason: str) -> None: ...


class Drain:
    """One server's drain state; `finished` is set once it holds no call or time is up."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.draining = False
        self.deadline: float | None = None
        self.finished = asyncio.Event()
        self._timer: asyncio.TimerHandle | None = None

    def begin(self, calls: Iterable[Drainable], count: int) -> bool:
        """Start draining the calls in progress; False if a drain was already under way."""
        if self.draining:
            return False
        self.draining = True
        self.deadline = time.monotonic() + self.seconds
        logger.info("draining: %d call(s) in progress, up to %.0f s", count, self.seconds)
        for call in calls:
            call.end_by(self.deadline, DRAIN_REASON)
        # Calls end themselves at the deadline; this is the backstop if one does not.
        self._timer = asyncio.get_running_loop().call_later(self.seconds + 2.0, self._time_up)
        self.update(count)
        return True

    def join(self, call: Drainable) -> None:
        """A call answered while the drain began ends with the others."""
        if self.deadline is not None:
            call.end_by(self.deadline, DRAIN_REASON)

    def update(self, count: int) -> None:
        """Called with the number of calls left whenever one ends."""
        if self.draining and count == 0 and not self.finished.is_set():
            logger.info("drained: no call left")
            self._finish()

    def refuse_new_call(self) -> None:
        """New calls are refused at once, before their body is even read."""
        if self.draining:
            raise SignallingError(
                503,
                "draining",
                "This server is being taken out of service; call again to reach another one.",
                {"Retry-After": "1"},
            )

    def seconds_left(self) -> float | None:
        return None if self.deadline is None else max(0.0, self.deadline - time.monotonic())

    def _time_up(self) -> None:
        if not self.finished.is_set():
            logger.warning("drain time is up: ending the calls left")
            self._finish()

    def _finish(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self.finished.set()


def cpu_load() -> float:
    """The 1-minute load average per usable core (1.0: every core busy on average)."""
    return os.getloadavg()[0] / max(1, len(os.sched_getaffinity(0)))


def not_ready_reason(
    drain: Drain,
    sessions: int,
    max_sessions: int,
    max_load: float | None,
    speech_ok: bool,
    load: Callable[[], float] = cpu_load,
) -> str | None:
    """Why this server should get no new call now, or None when it should."""
    if drain.draining:
        return "draining"
    if sessions >= max_sessions:
        return "full"
    if not speech_ok:
        return "speech_unavailable"
    if max_load is not None and load() > max_load:
        return "overloaded"
    return None
