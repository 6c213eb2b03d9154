"""The call's event sink: what the session reports reaches the caller and the host app."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Protocol

from pyee import EventEmitter

from ..metrics import METRICS


class Channel(Protocol):
    """What the session uses of a data channel (aiortc's `RTCDataChannel` is one)."""

    label: str
    readyState: str

    def send(self, data: str) -> None: ...

    def on(self, event: str, f: Callable[..., Any] | None = None) -> Any: ...


class CallEvents:
    """Sends each report over the caller's `events` channel (once it is open) and emits it
    to the host's pyee listeners; holds the call's state."""

    def __init__(self, emitter: EventEmitter) -> None:
        self._emitter = emitter
        self.channel: Channel | None = None
        self.state = "connecting"

    def send(self, message: dict[str, Any]) -> None:
        """To the caller only."""
        channel = self.channel
        if channel is not None and channel.readyState == "open":
            channel.send(json.dumps(message))

    def publish(self, kind: str, payload: dict[str, Any]) -> None:
        """To the caller as `{"type": kind, **payload}`, and to the host as event `kind`."""
        self.send({"type": kind, **payload})
        # pyee raises on an "error" nobody listens to; for us it is news, not a crash.
        if kind != "error" or self._emitter.listeners("error"):
            self._emitter.emit(kind, payload)

    def set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.publish("state", {"state": state})

    def error(self, code: str, message: str) -> None:
        METRICS.errors.inc(code=code)
        self.publish("error", {"code": code, "message": message})
