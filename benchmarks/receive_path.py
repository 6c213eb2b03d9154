"""An arriving SRTP packet to the receiver: aiortc's queue and DTLS task against `lean_receive`.

A real `RTCDtlsTransport` (set connected, with real SRTP keys) over a real aioice
`Connection` gets each packet in `data_received`, as from the socket, and routes it to a
receiver that only counts it: what differs is the way between, aiortc's queue and the
wake-up of the transport's task against handling it in the callback. Each packet is
followed by one turn of the event loop in both, as the socket's next datagram would be.
Best of several interleaved rounds (a neighbour can only make a round slower).

    python benchmarks/receive_path.py [--json benchmarks/results/receive-path.json]
"""

from __future__ import annotations

import asyncio
import os
import time
from types import SimpleNamespace
from typing import Any

import figures
from aiortc import RTCCertificate, RTCDtlsTransport, RTCIceGatherer, RTCIceTransport
from aiortc.rtcdtlstransport import State
from aiortc.rtp import RtpPacket
from pylibsrtp import Policy, Session

from voicertc.patches.lean_receive import lean_receiver


class _Counter:
    def __init__(self) -> None:
        self.packets = 0

    async def _handle_rtp_packet(self, packet: RtpPacket, arrival_time_ms: int) -> None:
        self.packets += 1


async def _round(lean: bool, certificate: RTCCertificate, count: int) -> float:
    key = os.urandom(30)
    tx = Session(policy=Policy(key=key, ssrc_type=Policy.SSRC_ANY_OUTBOUND))
    dtls = RTCDtlsTransport(RTCIceTransport(RTCIceGatherer()), [certificate])
    dtls._state = State.CONNECTED
    dtls._RTCDtlsTransport__handshake_done = True
    dtls._rx_srtp = Session(policy=Policy(key=key, ssrc_type=Policy.SSRC_ANY_INBOUND))
    counter = _Counter()
    dtls._rtp_router.register_receiver(counter, ssrcs=[7], payload_types=[111])  # type: ignore[arg-type]
    connection = dtls.transport._connection
    connection._nominated = {1: SimpleNamespace()}  # what recv() checks
    packets = [
        tx.protect(
            RtpPacket(
                payload_type=111, sequence_number=i, timestamp=i * 960, ssrc=7, payload=bytes(80)
            ).serialize()
        )
        for i in range(count)
    ]
    task: Any = None
    if lean:
        lean_receiver(dtls)
    else:
        task = asyncio.ensure_future(dtls._RTCDtlsTransport__run())
        await asyncio.sleep(0)
    start = time.perf_counter()
    for data in packets:
        connection.data_received(data, 1)
        await asyncio.sleep(0)
    elapsed = time.perf_counter() - start
    if task is not None:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    assert counter.packets == count, counter.packets
    return elapsed / count * 1e6


async def measure(rounds: int = 7, count: int = 5000) -> dict[str, Any]:
    certificate = RTCCertificate.generateCertificate()
    times: dict[str, list[float]] = {"aiortc": [], "lean": []}
    for _ in range(rounds):
        for way in times:
            times[way].append(await _round(way == "lean", certificate, count))
    return {way: figures.summary(t) for way, t in times.items()}


def main() -> None:
    figures.run(
        __doc__.splitlines()[0],
        "one arriving SRTP packet to its receiver, plus a turn of the event loop",
        measure,
    )


if __name__ == "__main__":
    main()
