"""The audio appends' way onto the SDK's websocket, without the SDK's per-send bookkeeping.

The openai SDK's `send_raw` admits every message through its reconnection send queue (a
receipt, the current anyio task's id, the queue's state) before it calls the websockets
connection's `send`: ~6 us of a ~19 us send, 50 times a second per call (measured by
`benchmarks/endpoint_path.py`, `wire`). That queue only ever holds messages while the SDK
reconnects, which it does only when given `on_reconnecting`; voicertc never gives it (a
lost upstream is the session's to reconnect, `upstream_link`), so the websocket's own
`send` sends the same frame, in the same order.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

RawSend = Callable[[str], Awaitable[None]]


def raw_sender(connection: Any) -> RawSend:
    """`connection`'s websockets `send` when the SDK cannot be reconnecting, else its
    `send_raw` (an SDK whose connection no longer looks as expected keeps working)."""
    websocket = getattr(connection, "_connection", None)
    send = getattr(websocket, "send", None)
    no_reconnection = getattr(connection, "_on_reconnecting", True) is None
    idle_queue = not getattr(connection, "_send_queue", True)
    if callable(send) and no_reconnection and idle_queue:
        return send  # type: ignore[no-any-return]
    return connection.send_raw  # type: ignore[no-any-return]
