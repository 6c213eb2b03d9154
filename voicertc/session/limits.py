"""Call limits: a call ends at its time limit, after a long silence, or when its media
stops; the caller is warned before the first two."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from .events import CallEvents

ENDING = {
    "max_duration": "This call is about to reach its time limit and will end soon.",
    "idle": "Nothing has been said for a while; the call will end soon unless you speak.",
    "server_drain": "This server is being taken out of service; the call will end soon. "
    "Call again to continue on another server.",
}
ENDED = {
    "max_duration": "The call reached its time limit.",
    "idle": "The call ended after a long silence.",
    "media_timeout": "No audio arrived from your side for a while, so the call was ended.",
    "connection_lost": "The connection dropped and did not come back, so the call was ended.",
    "upstream_unavailable": "The assistant could not be reached, so the call was ended.",
    "server_shutdown": "The server is restarting; please call again in a moment.",
    "server_drain": "This server was taken out of service; call again to continue on another.",
    "ended_by_operator": "An operator ended this call.",
}
# The watchdog looks again at least this often (a limit may move: speech resets idle).
_MAX_NAP_S = 5.0
_MIN_NAP_S = 0.05


@dataclass(kw_only=True)
class CallLimits:
    """How long a call may go on; None turns a limit off. Shared by the server's
    configuration and each session's options (keyword-only, so they follow the
    holder's own fields)."""

    max_call_seconds: float | None = 3600.0
    idle_seconds: float | None = 600.0
    #: A call whose inbound audio stops this long is dead (tab killed, network gone).
    media_timeout_seconds: float | None = 20.0
    #: An upstream that has not started a response this long after a turn ended (speech
    #: stopped, text or tool output sent), or gone silent this long in the middle of one,
    #: is stalled: its connection is replaced.
    reply_timeout_seconds: float | None = 20.0
    #: The caller is warned this long before a limit ends the call.
    warn_seconds: float = 30.0
    #: A call whose connection dropped waits this long for the caller to come back on a
    #: new one (POST /offer with its resume token) before it ends; None: it ends at once.
    resume_seconds: float | None = 30.0

    def call_limits(self) -> dict[str, Any]:
        """Just these limits, as keyword arguments for another holder of them."""
        return {f.name: getattr(self, f.name) for f in fields(CallLimits)}


class CallLimiter:
    """Watches one call's limits; `run()` returns after asking `end(reason)`."""

    def __init__(
        self,
        limits: CallLimits,
        events: CallEvents,
        end: Callable[[str], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = limits
        self._events = events
        self._end = end
        self._clock = clock
        self.started = clock()
        self.last_activity = self.started
        self.last_frame_at: float | None = None
        self._warned: set[str] = set()
        # A deadline set from outside (a draining server), and what wakes run() for it.
        self._end_by: tuple[str, float] | None = None
        self._changed = asyncio.Event()

    def activity(self) -> None:
        """The caller spoke or sent something: the idle limit starts over."""
        self.last_activity = self._clock()

    def frame(self) -> None:
        """A frame of the caller's audio arrived, or a message: the caller is there.

        A caller without a microphone sends no audio, but its page pings."""
        self.last_frame_at = self._clock()

    def media_paused(self) -> None:
        """The connection dropped: no media is expected until the caller is back."""
        self.last_frame_at = None

    def end_by(self, deadline: float, reason: str) -> None:
        """End the call at `deadline` (on this limiter's clock), warning as the limits do."""
        if self._end_by is None or deadline < self._end_by[1]:
            self._end_by = (reason, deadline)
            self._changed.set()

    def next_limit(self) -> tuple[str, float] | None:
        """The limit due first and the seconds left before it, or None with none set."""
        limits = self.limits
        due = []
        if limits.max_call_seconds:
            due.append(("max_duration", self.started + limits.max_call_seconds))
        if limits.idle_seconds:
            due.append(("idle", self.last_activity + limits.idle_seconds))
        if limits.media_timeout_seconds and self.last_frame_at is not None:
            due.append(("media_timeout", self.last_frame_at + limits.media_timeout_seconds))
        if self._end_by is not None:
            due.append(self._end_by)
        if not due:
            return None
        reason, at = min(due, key=lambda item: item[1])
        return reason, at - self._clock()

    def check(self) -> float | None:
        """Warn or end as due now; the seconds until the next look, or None when done."""
        limit = self.next_limit()
        if limit is None:
            return None
        reason, left = limit
        warn = self.limits.warn_seconds
        if left <= 0:
            self._end(reason)
            return None
        # Media that stopped gets no warning: nobody is there to read it.
        if reason != "media_timeout" and left <= warn and reason not in self._warned:
            self._warned.add(reason)
            self._events.publish(
                "notice",
                {"code": "call_ending", "reason": reason, "seconds": round(left), "message": ENDING[reason]},
            )
        nap = left - warn if left > warn else left
        return min(max(nap, _MIN_NAP_S), _MAX_NAP_S)

    async def run(self) -> None:
        while True:
            self._changed.clear()
            if self.next_limit() is None:
                # No limit yet: a drain may still set one.
                await self._changed.wait()
                continue
            nap = self.check()
            if nap is None:
                return
            # asyncio.timeout: wait_for may swallow the owner's cancel on 3.11 (gh-86296).
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(nap):
                    await self._changed.wait()


def ended_notice(reason: str) -> dict[str, Any]:
    """The `notice` payload telling the caller why the call ended."""
    message = ENDED.get(reason, "The call has ended.")
    return {"code": "call_ended", "reason": reason, "seconds": 0, "message": message}
