"""Arriving RTP handled in the datagram callback: what takes that way, what keeps aiortc's
queue, and a real call's packets taking it."""

from __future__ import annotations

import asyncio
import logging
import os
from types import SimpleNamespace
from typing import Any

import pytest
from aioice import Connection
from aiortc.rtcdtlstransport import State
from aiortc.rtp import RtpPacket
from conftest import listening_call
from pylibsrtp import Policy, Session

from voicertc.patches.lean_receive import lean_receiver, run_now


async def test_run_now_runs_to_the_end_at_once_and_resumes_what_waits(
    caplog: pytest.LogCaptureFixture,
) -> None:
    steps: list[str] = []

    async def quick() -> None:
        steps.append("quick")

    run_now(quick())
    assert steps == ["quick"]  # before any await of ours

    gate = asyncio.get_running_loop().create_future()
    finished = asyncio.Event()

    async def waits() -> None:
        steps.append("before")
        steps.append(await gate)
        await asyncio.sleep(0)
        steps.append("after")
        finished.set()

    run_now(waits())
    assert steps[-1] == "before"
    gate.set_result("gate")
    await asyncio.wait_for(finished.wait(), 5)
    assert steps[-2:] == ["gate", "after"]

    async def fails() -> None:
        raise RuntimeError("bad packet")

    with caplog.at_level(logging.ERROR):
        run_now(fails())  # logged, not raised into the datagram callback
    assert "bad packet" in caplog.text


def _srtp_pair() -> tuple[Session, Session]:
    key = os.urandom(30)
    return (
        Session(policy=Policy(key=key, ssrc_type=Policy.SSRC_ANY_OUTBOUND)),
        Session(policy=Policy(key=key, ssrc_type=Policy.SSRC_ANY_INBOUND)),
    )


def _rtp(seq: int) -> bytes:
    return RtpPacket(
        payload_type=111, sequence_number=seq, timestamp=seq * 960, ssrc=7, payload=b"\xfc\x01"
    ).serialize()


async def test_only_rtp_with_nothing_queued_ahead_skips_the_queue() -> None:
    tx, rx = _srtp_pair()
    connection = Connection(ice_controlling=True)
    handled: list[int] = []

    async def handle_rtp_data(data: bytes, arrival_time_ms: int) -> None:
        handled.append(RtpPacket.parse(data).sequence_number)

    dtls: Any = SimpleNamespace(
        transport=SimpleNamespace(_connection=connection),
        _rx_srtp=rx,
        _state=State.CONNECTED,
        _handle_rtp_data=handle_rtp_data,
        _RTCDtlsTransport__rx_bytes=0,
        _RTCDtlsTransport__rx_packets=0,
    )
    assert lean_receiver(dtls) is True and lean_receiver(dtls) is True
    queue = connection._queue
    connection.data_received(tx.protect(_rtp(1)), 1)
    assert handled == [1] and queue.empty() and dtls._RTCDtlsTransport__rx_packets == 1
    connection.data_received(tx.protect(_rtp(2))[:-3] + b"bad", 1)  # fails authentication: dropped
    assert handled == [1] and queue.empty()
    # RTCP (payload type 200 here), DTLS and empty datagrams keep aiortc's queue...
    rtcp = tx.protect_rtcp(bytes([0x80, 200, 0, 6]) + bytes(24))
    for datagram in (rtcp, bytes([22, 254, 253]) + bytes(10), b""):
        connection.data_received(datagram, 1)
    assert queue.qsize() == 3
    # ...and RTP behind them waits its turn there, in order.
    connection.data_received(tx.protect(_rtp(3)), 1)
    assert handled == [1] and queue.qsize() == 4
    while not queue.empty():
        queue.get_nowait()
    # Before the handshake ends, everything queues.
    dtls._state = State.CONNECTING
    connection.data_received(tx.protect(_rtp(4)), 1)
    assert handled == [1] and queue.qsize() == 1


async def test_a_calls_rtp_is_handled_outside_the_dtls_task(server) -> None:
    async with listening_call(server.url) as client:
        session = next(iter(server.server.sessions.values()))
        outside: list[bool] = []
        enough = asyncio.Event()
        for pc in (session.pc, client.pc):
            dtls = next(t for t in pc.getTransceivers() if t.kind == "audio").receiver.transport
            assert "data_received" in vars(dtls.transport._connection)
            handle = dtls._handle_rtp_data

            async def recording(data: bytes, arrival_time_ms: int, handle: Any = handle) -> None:
                outside.append(asyncio.current_task() is None)  # a datagram callback has none
                if len(outside) >= 50:
                    enough.set()
                await handle(data, arrival_time_ms=arrival_time_ms)

            dtls._handle_rtp_data = recording
        await asyncio.wait_for(enough.wait(), 10)
        assert all(outside)
        # The data channel (SCTP over DTLS, through the queue) still works both ways.
        client.send({"type": "ping", "id": 3})
        assert (await client.wait_type("pong"))["id"] == 3
