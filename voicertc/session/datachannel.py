"""The `events` data channel protocol (docs/protocol.md): greeting the caller, and
turning what they send into the session's controls."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from ..edge.access import RateLimiter
from ..edge.channel import (
    ChannelError,
    CommitMessage,
    EffectMessage,
    InterruptMessage,
    MonitorMessage,
    PingMessage,
    TextMessage,
    parse_client_message,
)
from .events import CallEvents, Channel

# Each text or push-to-talk commit starts a model response, which costs money on OpenAI:
# a caller gets a burst of these, then one every 2 s (200 texts made 200 responses).
TURN_BURST = 8
TURNS_PER_MINUTE = 30.0


class Controls(Protocol):
    """What a caller may do over the channel."""

    async def send_text(self, text: str) -> None: ...

    async def interrupt(self) -> None: ...

    async def commit(self) -> None: ...

    async def apply_client_effect(self, change: EffectMessage) -> None: ...

    def set_monitor(self, enabled: bool) -> None: ...


class DataChannelProtocol:
    """Speaks the events protocol on the call's one `events` channel."""

    def __init__(
        self,
        events: CallEvents,
        controls: Controls,
        greeting: Callable[[], list[dict[str, Any]]],
        *,
        spawn: Callable[[Awaitable[Any]], Any],
        on_activity: Callable[[], None],
    ) -> None:
        self._events = events
        self._controls = controls
        self._greeting = greeting
        self._spawn = spawn
        self._on_activity = on_activity
        self._turns = RateLimiter(TURNS_PER_MINUTE, burst=TURN_BURST)

    def attach(self, channel: Channel, any_label: bool = False) -> None:
        """Speak on `channel` (by default only one labelled `events`; later ones are ignored)."""
        if (channel.label != "events" and not any_label) or self._events.channel is not None:
            return
        self._events.channel = channel
        channel.on("message", self.receive)
        if channel.readyState == "open":
            self._greet()
        else:
            channel.on("open", self._greet)

    def _greet(self) -> None:
        for message in self._greeting():
            self._events.send(message)

    def receive(self, raw: str | bytes) -> None:
        self._on_activity()
        try:
            message = parse_client_message(raw)
        except ChannelError as exc:
            self._events.error(exc.code, str(exc))
            return
        controls = self._controls
        if isinstance(message, (TextMessage, CommitMessage)):
            wait = self._turns.take("turns", time.monotonic())
            if wait > 0:
                seconds = max(1, round(wait))
                self._events.error("rate_limited", f"Too many messages; wait {seconds} s and try again.")
                return
        if isinstance(message, PingMessage):
            self._events.send({"type": "pong", "id": message.id})
        elif isinstance(message, TextMessage):
            self._spawn(controls.send_text(message.text))
        elif isinstance(message, EffectMessage):
            self._spawn(controls.apply_client_effect(message))
        elif isinstance(message, InterruptMessage):
            self._spawn(controls.interrupt())
        elif isinstance(message, CommitMessage):
            self._spawn(controls.commit())
        elif isinstance(message, MonitorMessage):
            controls.set_monitor(message.enabled)
