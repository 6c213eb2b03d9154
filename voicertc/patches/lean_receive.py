"""aiortc: an arriving SRTP packet handled where it arrives, not one task wake-up later.

What: per peer connection (by `inline_media`), its aioice `Connection.data_received` (an
instance attribute): an RTP packet that arrives while the DTLS transport is connected,
with nothing queued ahead of it, is unprotected and handed to the transport's
`_handle_rtp_data` at once, in the datagram callback. Everything else (DTLS, the data
channel's SCTP, RTCP, packets before the handshake ends or behind queued ones) takes
aiortc's way: the connection's queue, read by the DTLS transport's task.
Why: aiortc puts every datagram on an `asyncio.Queue` and wakes the DTLS transport's task
for it, which climbs back through five nested coroutines (`_recv_next`, `RTCIceTransport`,
`Connection.recv`, `recvfrom`, `Queue.get`) and reads the clock through `datetime`: for
a 20 ms audio packet that is as much Python as the unprotecting, parsing and decoding.
`_handle_rtp_data` is still aiortc's and is run to its end on the spot: for audio it never
waits (no NACK, no bandwidth estimate, no picture loss to report); if it ever does, it
carries on as a task would (`run_now`).
Upstream: no issue filed; aiortc/aiortc#744 is about aiortc's CPU use in general.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Coroutine
from typing import Any

import pylibsrtp
from aioice import Connection
from aiortc import RTCDtlsTransport
from aiortc.rtcdtlstransport import State
from aiortc.rtp import is_rtcp

from .lean_send import NTP_EPOCH_S

logger = logging.getLogger(__name__)


def run_now(coro: Coroutine[Any, Any, Any]) -> None:
    """Runs `coro` at once; if it waits on a future, it resumes when that is done, as in a
    task (without creating one for the common case that never waits)."""
    try:
        waited = coro.send(None)
    except StopIteration:
        return
    except Exception:
        logger.exception("handling an RTP packet failed")
        return
    if waited is None:  # a bare yield: asyncio.sleep(0)
        asyncio.get_running_loop().call_soon(run_now, coro)
    else:
        waited._asyncio_future_blocking = False
        waited.add_done_callback(functools.partial(_resume, coro))


def _resume(coro: Coroutine[Any, Any, Any], _done: asyncio.Future[Any]) -> None:
    run_now(coro)


def lean_receiver(dtls: RTCDtlsTransport) -> bool:
    """Handle `dtls`'s RTP as it arrives; False (aiortc's queue kept) if it cannot."""
    connection = getattr(getattr(dtls, "transport", None), "_connection", None)
    if not isinstance(connection, Connection):
        return False
    if "data_received" in vars(connection):
        return True
    queue = getattr(connection, "_queue", None)
    needed = (
        "_rx_srtp",
        "_state",
        "_handle_rtp_data",
        "_RTCDtlsTransport__rx_bytes",
        "_RTCDtlsTransport__rx_packets",
    )
    if not isinstance(queue, asyncio.Queue) or not all(hasattr(dtls, name) for name in needed):
        return False
    queued = connection.data_received

    def data_received(data: bytes, component: int) -> None:
        srtp = dtls._rx_srtp
        if not (
            data
            and 127 < data[0] < 192
            and srtp is not None
            and dtls._state == State.CONNECTED
            and queue.empty()
        ):
            queued(data, component)
            return
        if is_rtcp(data):
            queued(data, component)
            return
        dtls._RTCDtlsTransport__rx_bytes += len(data)
        dtls._RTCDtlsTransport__rx_packets += 1
        arrival_ms = int((time.time() + NTP_EPOCH_S) * 1000)  # aiortc's ms since 1900
        try:
            plain = srtp.unprotect(data)
        except pylibsrtp.Error:
            return  # as aiortc: a packet that does not authenticate is dropped
        run_now(dtls._handle_rtp_data(plain, arrival_time_ms=arrival_ms))

    connection.data_received = data_received  # type: ignore[method-assign]
    return True
