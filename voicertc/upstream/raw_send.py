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

from websockets.protocol import State

RawSend = Callable[[str], Awaitable[None]]
#: Writes a text message now if the connection can take it without waiting; False if not.
DirectWrite = Callable[[str], bool]


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


# What websockets' `send` waits on while a fragmented message is under way: renamed from
# `fragmented_send_waiter` (websockets 13-15) to `send_in_progress` (17.4 has only that).
FRAGMENT_WAITERS = ("send_in_progress", "fragmented_send_waiter")


def direct_writer(connection: Any) -> DirectWrite | None:
    """A synchronous write of a text message onto `connection`'s websocket, for when
    nothing is queued before it: what websockets' `send` does when it need not wait (open,
    no fragmented message under way, the transport not paused), without the coroutine,
    its context manager and the send task's wake-up. None where `raw_sender` would not
    take the websocket's own `send`, or the websocket is not the one expected."""
    sender = raw_sender(connection)
    websocket = getattr(sender, "__self__", None)
    protocol = getattr(websocket, "protocol", None)
    waiter = next((name for name in FRAGMENT_WAITERS if hasattr(websocket, name)), None)
    if (
        websocket is None
        or waiter is None
        or not all(hasattr(websocket, name) for name in ("paused", "transport", "send_data"))
    ):
        return None
    if not callable(getattr(protocol, "send_text", None)):
        return None

    def write(message: str) -> bool:
        if (
            protocol.state is not State.OPEN
            or getattr(websocket, waiter) is not None
            or websocket.paused
            or websocket.transport.is_closing()
        ):
            return False
        protocol.send_text(message.encode())
        try:
            websocket.send_data()
        except Exception:
            # As websockets' own send: a socket that fails a write ends the connection
            # (the upstream's receive task then reports it), never the caller's frame path.
            websocket.transport.abort()
        return True

    return write
