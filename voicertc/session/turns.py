"""Turn metrics: how long the caller waited for each answer, and where the time went."""

from __future__ import annotations

import statistics
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from ..metrics import METRICS


class TurnClock:
    """Times each turn from the end of the caller's speech (or a typed message) to the
    first frame of the answer, split into the upstream's share and the server's."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._ended_at: float | None = None
        self._first_delta_at: float | None = None
        self._answered: set[str] = set()

    def turn_ended(self) -> None:
        """The caller stopped speaking or sent a message: the wait for an answer starts."""
        self._ended_at = self._clock()
        self._first_delta_at = None

    def delta(self) -> None:
        """A piece of the answer's audio arrived from upstream."""
        if self._first_delta_at is None:
            self._first_delta_at = self._clock()

    def answer_started(self, item_id: str, append_delays: deque[float]) -> dict[str, Any] | None:
        """The first frame of `item_id` went out: the turn's figures (once per item, and
        only for an item that answers a turn), from which `append_delays` is emptied."""
        if self._ended_at is None or item_id in self._answered:
            return None
        self._answered.add(item_id)
        now = self._clock()
        total = (now - self._ended_at) * 1000
        upstream = ((self._first_delta_at or now) - self._ended_at) * 1000
        turn: dict[str, Any] = {
            "item_id": item_id,
            "total_ms": round(total, 1),
            "upstream_ms": round(upstream, 1),
            "server_ms": round(total - upstream, 1),
        }
        if append_delays:
            # The caller's audio since the last turn: frame decoded -> append sent.
            turn["append_ms"] = round(statistics.median(append_delays) * 1000, 2)
            append_delays.clear()
        self._ended_at = None
        METRICS.turn_total.observe(total / 1000)
        METRICS.turn_upstream.observe(upstream / 1000)
        METRICS.turn_server.observe((total - upstream) / 1000)
        return turn
