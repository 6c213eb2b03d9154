"""An audio sender's frame to its SRTP packet: aiortc's RTP loop against `lean_send`.

One real `RTCRtpSender` per round, with the inline encoder (`inline_media`), sends frames
from a track that never waits, over a stand-in DTLS transport that uses aiortc's own
`RTCDtlsTransport._send_rtp` and real SRTP and a real aioice `Connection` whose nominated
pair's socket drops the datagram: everything but the system call. Timed as the best of
several rounds (a neighbour can only make a round slower), so it holds on a loaded machine.

    python benchmarks/send_path.py [--json benchmarks/results/send-path.json]
"""

from __future__ import annotations

import os
import time
from fractions import Fraction
from types import SimpleNamespace
from typing import Any

import figures
import numpy as np
from aioice import Connection
from aioice.ice import StunProtocol
from aiortc import RTCDtlsTransport, RTCRtpSender
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack
from aiortc.rtcdtlstransport import State
from aiortc.rtcrtpparameters import (
    RTCRtcpParameters,
    RTCRtpCodecParameters,
    RTCRtpHeaderExtensionParameters,
    RTCRtpSendParameters,
)
from av import AudioFrame
from pylibsrtp import Policy, Session

from voicertc.bench.utterance import vowel
from voicertc.patches import audio_level, inline_media, lean_send


class _Frames(MediaStreamTrack):
    kind = "audio"

    def __init__(self, frames: list[AudioFrame]) -> None:
        super().__init__()
        self._frames = iter(frames)

    async def recv(self) -> AudioFrame:
        frame = next(self._frames, None)
        if frame is None:
            raise MediaStreamError
        return frame


class _Dtls:
    """What an audio sender uses of `RTCDtlsTransport`, with aiortc's own `_send_rtp`."""

    _send_rtp = RTCDtlsTransport._send_rtp
    state = "connected"

    def __init__(self) -> None:
        self._state = State.CONNECTED
        self._tx_srtp = Session(policy=Policy(key=os.urandom(30), ssrc_type=Policy.SSRC_ANY_OUTBOUND))
        self._RTCDtlsTransport__tx_bytes = 0
        self._RTCDtlsTransport__tx_packets = 0
        connection = Connection(ice_controlling=True)
        protocol = StunProtocol(receiver=connection)
        protocol.transport = SimpleNamespace(sendto=lambda data, addr: None)
        connection._nominated = {1: SimpleNamespace(protocol=protocol, remote_addr=("127.0.0.1", 9))}
        self.transport = SimpleNamespace(_connection=connection, _send=connection.send)

    def _register_rtp_sender(self, sender: Any, parameters: Any) -> None:
        pass

    def _unregister_rtp_sender(self, sender: Any) -> None:
        pass


def _frames(kind: str, count: int) -> list[AudioFrame]:
    if kind == "speech":
        # The bench's sung vowel (24 kHz), doubled to 48 kHz, over and over.
        voice = np.tile(np.repeat(vowel(), 2).astype(np.int16), count)[: count * 960]
    else:
        voice = np.zeros(count * 960, dtype=np.int16)
    frames = []
    for k in range(count):
        frame = AudioFrame.from_ndarray(
            voice[k * 960 : (k + 1) * 960].reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate, frame.pts, frame.time_base = 48000, k * 960, Fraction(1, 48000)
        frames.append(frame)
    return frames


async def _round(kind: str, lean: bool, count: int) -> float:
    frames = _frames(kind, count)
    sender = RTCRtpSender(_Frames(frames), _Dtls())  # type: ignore[arg-type]
    inline_media.inline_sender(sender)
    if lean:
        lean_send.lean_sender(sender)
    parameters = RTCRtpSendParameters(
        codecs=[RTCRtpCodecParameters(mimeType="audio/opus", clockRate=48000, channels=2, payloadType=111)],
        headerExtensions=[
            RTCRtpHeaderExtensionParameters(id=1, uri="urn:ietf:params:rtp-hdrext:ssrc-audio-level"),
            RTCRtpHeaderExtensionParameters(id=4, uri="urn:ietf:params:rtp-hdrext:sdes:mid"),
        ],
        muxId="0",
        rtcp=RTCRtcpParameters(cname="bench", ssrc=1),
    )
    start = time.perf_counter()
    await sender.send(parameters)
    await sender._RTCRtpSender__rtp_exited.wait()
    elapsed = time.perf_counter() - start
    await sender.stop()
    return elapsed / count * 1e6


async def measure(rounds: int = 7, count: int = 2000) -> dict[str, Any]:
    audio_level.install()
    report: dict[str, Any] = {}
    for kind in ("silence", "speech"):
        times: dict[str, list[float]] = {"aiortc": [], "lean": []}
        for _ in range(rounds):  # interleaved, so a slow spell hits both
            for way in times:
                times[way].append(await _round(kind, way == "lean", count))
        report[kind] = {way: figures.summary(t) for way, t in times.items()}
    return report


def main() -> None:
    figures.run(
        __doc__.splitlines()[0],
        "one 20 ms frame from the track to its SRTP packet on the socket (system call excluded)",
        measure,
    )


if __name__ == "__main__":
    main()
