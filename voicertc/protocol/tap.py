"""A tap on the Realtime wire: every message the upstream client and the embedded
endpoint send or receive, offered to observers (the test suite's conformance check; a
host's protocol log). With no observer it costs one call and a list check per message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

#: (protocol: "realtime" | "live", who: "upstream" | "endpoint", kind: "client" | "server"
#: event, the event as a dict or as the JSON text that was sent)
Observer = Callable[[str, str, Literal["client", "server"], Any], None]

_observers: list[Observer] = []


def add_observer(observer: Observer) -> None:
    _observers.append(observer)


def remove_observer(observer: Observer) -> None:
    _observers.remove(observer)


def observe(protocol: str, who: str, kind: Literal["client", "server"], message: Any) -> None:
    for observer in _observers:
        observer(protocol, who, kind, message)
