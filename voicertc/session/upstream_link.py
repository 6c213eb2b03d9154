"""The upstream link: one speech-model connection for the whole call, whatever happens
to each one (reconnect with backoff, a reply watchdog, the conversation replayed)."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable
from typing import Any

from ..metrics import METRICS
from ..protocol import realtime as rt
from ..upstream.base import EventHandler, UpstreamConnection, UpstreamError, UpstreamFactory
from ..upstream.realtime import message
from .events import CallEvents

logger = logging.getLogger(__name__)

# What a new upstream connection is told of the conversation so far (user and assistant
# turns, as text): enough to go on with, bounded for an hour-long call.
HISTORY_TURNS = 40
# The event loop runs a timer a hair early (its clock's resolution): a deadline this close
# has come.
_REPLY_DUE_SLACK_S = 0.001


def backoff_seconds(attempt: int) -> float:
    """The wait before connect attempt `attempt + 1` after `attempt` failures in a row."""
    return min(8.0, 0.25 * 2 ** (attempt - 1))


class UpstreamLink:
    """Owns the current `UpstreamConnection` and replaces it when it drops or stalls.

    `on_event` gets every server event of whichever connection is current. After a
    reconnect the new connection is told the conversation (`remember()`ed turns) and
    then whatever `context()` returns (the effect chain); `on_connected()` runs each time
    a connection is up. `on_unavailable()` runs when the model cannot be reached at all.
    """

    def __init__(
        self,
        factory: UpstreamFactory,
        on_event: EventHandler,
        events: CallEvents,
        *,
        session_id: str,
        reply_timeout: float | None,
        attempts: int,
        on_connected: Callable[[], None],
        on_unavailable: Callable[[], None],
        context: Callable[[], list[dict[str, Any]]],
        backoff: Callable[[int], float] = backoff_seconds,
    ) -> None:
        self._factory = factory
        self._on_event = on_event
        self._events = events
        self._id = session_id
        self._reply_timeout = reply_timeout
        self._attempts = attempts
        self._on_connected = on_connected
        self._on_unavailable = on_unavailable
        self._context = context
        self._backoff = backoff
        self.history: deque[tuple[str, str]] = deque(maxlen=HISTORY_TURNS)  # (role, text)
        self._reply_timer: asyncio.TimerHandle | None = None
        self._reply_due = 0.0  # loop time the owed reply is overdue at
        self._closing = False
        self.connection: UpstreamConnection = self._new_connection()

    def _new_connection(self) -> UpstreamConnection:
        return self._factory(self._handle)

    @property
    def connected(self) -> bool:
        return self.connection.connected

    @property
    def reply_owed(self) -> bool:
        """Whether a reply is owed (the watchdog's timer runs)."""
        return self._reply_timer is not None

    def remember(self, role: str, text: str) -> None:
        """A finished turn, for the next connection's replay."""
        if text.strip():
            self.history.append((role, text))

    def append_audio(self, pcm16: bytes) -> None:
        self.connection.append_audio(pcm16)

    async def send(self, event: dict[str, Any]) -> None:
        """Send a client event; a closed connection is reported, not raised."""
        try:
            await self.connection.send(event)
        except UpstreamError as exc:
            self._events.error("upstream_unavailable", str(exc))
        except Exception as exc:  # the socket died under us; the link's loop reports it
            logger.info("session %s: upstream send failed: %s", self._id, exc)

    async def run(self) -> None:
        """Keeps a connection for the whole call, reconnecting with backoff."""
        attempt = 0
        connected_before = False
        while not self._closing:
            try:
                await self.connection.connect()
            except UpstreamError as exc:
                attempt += 1
                logger.warning("session %s: upstream connect failed (%d): %s", self._id, attempt, exc)
                if attempt > self._attempts:
                    self._events.error("upstream_unavailable", f"The assistant is unavailable: {exc}")
                    self._on_unavailable()
                    return
                self._events.set_state("reconnecting")
                await asyncio.sleep(self._backoff(attempt))
                self.connection = self._new_connection()
                continue
            attempt = 0
            if connected_before:
                METRICS.upstream_reconnects.inc()
                await self._replay()
            connected_before = True
            self._on_connected()
            await self.connection.closed.wait()
            self.cancel_reply_timer()  # the turn went with the connection; none is owed now
            if self._closing:
                return
            # The session cap (60 minutes at OpenAI), a network blip or a crash upstream:
            # the call goes on over a new connection.
            logger.info("session %s: upstream connection lost, reconnecting", self._id)
            self._events.set_state("reconnecting")
            await self.connection.close()
            self.connection = self._new_connection()

    async def _replay(self) -> None:
        """A new connection knows nothing: tell it the conversation so far, as text."""
        for role, text in list(self.history):
            await self.send(message(role, text))
        for event in self._context():
            await self.send(event)

    # -- reply watchdog -------------------------------------------------------------

    async def _handle(self, event: dict[str, Any]) -> None:
        kind = str(event.get("type", ""))
        if kind in (rt.RESPONSE_DONE, rt.ERROR):
            self.cancel_reply_timer()  # answered, or refused: the model is there
        elif kind.startswith("response."):
            self.expect_reply()  # an answer under way must keep coming: silence is a stall too
        await self._on_event(event)

    def expect_reply(self) -> None:
        """The model owes a response (a turn ended) or the rest of one, within the
        reply timeout."""
        # Nothing is owed by a connection that is not there (text typed while reconnecting).
        if not (self._reply_timeout and not self._closing and self.connection.connected):
            self.cancel_reply_timer()
            return
        # Every event of a response moves the deadline (~10 a second per call while it
        # plays); the timer already set waits on to it, rather than one cancelled and one
        # made per event.
        loop = asyncio.get_running_loop()
        self._reply_due = loop.time() + self._reply_timeout
        if self._reply_timer is None:
            self._reply_timer = loop.call_at(self._reply_due, self._reply_check)

    def _reply_check(self) -> None:
        loop = asyncio.get_running_loop()
        if self._reply_due - loop.time() > _REPLY_DUE_SLACK_S:
            self._reply_timer = loop.call_at(self._reply_due, self._reply_check)
            return
        self._reply_overdue()

    def cancel_reply_timer(self) -> None:
        if self._reply_timer is not None:
            self._reply_timer.cancel()
            self._reply_timer = None

    def _reply_overdue(self) -> None:
        # The socket is open and pings may even be answered, but the model is not
        # answering: without this the caller would wait in "thinking" for ever.
        self._reply_timer = None
        timeout = self._reply_timeout
        logger.warning("session %s: no response from upstream in %.0f s; reconnecting", self._id, timeout)
        message = f"The assistant did not answer in {timeout:g} seconds; reconnecting."
        self._events.error("upstream_stalled", message)
        self.connection.abandon()

    async def close(self) -> None:
        """Stop reconnecting (the caller cancels `run()`) and close the connection."""
        self._closing = True
        self.cancel_reply_timer()
        await self.connection.close()
        METRICS.dropped_appends.inc(self.connection.dropped_appends)
