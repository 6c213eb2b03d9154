"""The lean audio sender: aiortc's bytes, on a real connection, and aiortc's way down when
the socket is not a plain one."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from aioice.ice import StunProtocol
from aiortc import RTCPeerConnection
from aiortc.rtcrtpparameters import RTCRtpHeaderExtensionParameters, RTCRtpParameters
from aiortc.rtp import HeaderExtensionsMap, RtpPacket

from voicertc.audio.outbound import AssistantTrack
from voicertc.patches import inline_media
from voicertc.patches.lean_send import PacketWriter, _direct_sender, abs_send_time, lean_sender

_URIS = {
    "level": "urn:ietf:params:rtp-hdrext:ssrc-audio-level",
    "mid": "urn:ietf:params:rtp-hdrext:sdes:mid",
    "time": "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
}


def _map(**ids: int) -> HeaderExtensionsMap:
    extensions = HeaderExtensionsMap()
    extensions.configure(
        RTCRtpParameters(
            headerExtensions=[RTCRtpHeaderExtensionParameters(id=i, uri=_URIS[k]) for k, i in ids.items()]
        )
    )
    return extensions


def _aiortc(
    extensions: HeaderExtensionsMap, seq: int, ts: int, marker: bool, send_time: int, level: int | None
) -> bytes:
    packet = RtpPacket(
        payload_type=111, sequence_number=seq, timestamp=ts, ssrc=0x1234ABCD, marker=int(marker)
    )
    packet.payload = b"\xfc" + bytes(range(40))
    packet.extensions.mid = "0"
    packet.extensions.abs_send_time = send_time
    if level is not None:
        packet.extensions.audio_level = (False, level)
    return packet.serialize(extensions)


@pytest.mark.parametrize(
    "ids",
    [dict(level=1, mid=4, time=3), dict(mid=9), dict(level=14, time=2), {}],
    ids=["all", "mid", "two", "none"],
)
def test_packets_are_aiortcs_bytes(ids: dict[str, int]) -> None:
    extensions = _map(**ids)
    writer = PacketWriter(extensions, 111, 0x1234ABCD, "0")
    bare = PacketWriter(extensions, 111, 0x1234ABCD, "0", with_level=False)
    payload = b"\xfc" + bytes(range(40))
    for seq, ts, marker, send_time, level in [
        (0, 0, False, 0, 127),
        (65535, 0xFFFFFFFF, True, 0xFFFFFF, 0),
        (32767, 123456789, True, 0xABCDEF, 45),
        (1, 960, False, 0x010203, 127),
    ]:
        assert writer.packet(seq, ts, marker, send_time, level, payload) == _aiortc(
            extensions, seq, ts, marker, send_time, level
        )
        assert bare.packet(seq, ts, marker, send_time, level, payload) == _aiortc(
            extensions, seq, ts, marker, send_time, None
        )


def test_send_time_is_ntp_in_six_eighteen_fixed_point() -> None:
    assert abs_send_time(0.0) == ((2208988800 << 18) & 0xFFFFFF)
    assert abs_send_time(1.5) - abs_send_time(1.0) == 1 << 17  # half a second
    assert abs_send_time(64.0) == abs_send_time(0.0)  # 24 bits wrap every 64 s


async def test_only_a_plain_socket_is_written_directly() -> None:  # aioice wants a loop
    sent: list[Any] = []
    plain = StunProtocol(receiver=None)
    plain.transport = SimpleNamespace(sendto=lambda data, addr: sent.append((data, addr)))

    def dtls(protocol: Any) -> Any:
        pair = SimpleNamespace(protocol=protocol, remote_addr=("127.0.0.1", 9))
        return SimpleNamespace(transport=SimpleNamespace(_connection=SimpleNamespace(_nominated={1: pair})))

    sendto, addr = _direct_sender(dtls(plain))
    sendto(b"x", addr)
    assert sent == [(b"x", ("127.0.0.1", 9))]

    class Relayed(StunProtocol):
        async def send_data(self, data: bytes, addr: tuple[str, int]) -> None:
            raise AssertionError("not called here")

    assert _direct_sender(dtls(Relayed(receiver=None))) is None
    no_pair = SimpleNamespace(transport=SimpleNamespace(_connection=SimpleNamespace(_nominated={})))
    assert _direct_sender(no_pair) is None


async def test_started_or_video_senders_keep_aiortcs_loop() -> None:
    pc = RTCPeerConnection()
    try:
        video = pc.addTransceiver("video").sender
        assert lean_sender(video) is False and "_run_rtp" not in vars(video)
        started = pc.addTransceiver("audio").sender
        started._RTCRtpSender__started = True
        assert lean_sender(started) is False and "_run_rtp" not in vars(started)
        started._RTCRtpSender__started = False  # else close() waits for its RTP task
        audio = pc.addTransceiver("audio").sender
        assert lean_sender(audio) is True and lean_sender(audio) is True  # idempotent
        assert "_run_rtp" in vars(audio)
    finally:
        await pc.close()


async def test_a_real_connection_gets_aiortcs_packets_and_stops_cleanly() -> None:
    sender_pc, receiver_pc = RTCPeerConnection(), RTCPeerConnection()
    track = AssistantTrack()
    sender_pc.addTrack(track)
    receiver_pc.addTransceiver("audio", direction="recvonly")
    packets: list[RtpPacket] = []
    enough = asyncio.get_running_loop().create_future()
    try:
        await sender_pc.setLocalDescription(await sender_pc.createOffer())
        inline_media.inline_media(sender_pc)
        sender = sender_pc.getTransceivers()[0].sender
        assert "_run_rtp" in vars(sender)  # before anything could start it
        await receiver_pc.setRemoteDescription(sender_pc.localDescription)
        receiver = receiver_pc.getTransceivers()[0].receiver
        handle = receiver._handle_rtp_packet

        async def recording(packet: RtpPacket, arrival_time_ms: int) -> None:
            packets.append(packet)
            if len(packets) == 60 and not enough.done():
                enough.set_result(None)
            await handle(packet, arrival_time_ms=arrival_time_ms)

        receiver._handle_rtp_packet = recording  # type: ignore[method-assign]
        await receiver_pc.setLocalDescription(await receiver_pc.createAnswer())
        await sender_pc.setRemoteDescription(receiver_pc.localDescription)
        # A second of a loud tone, queued before the first frame: then silence.
        tone = (np.sin(2 * np.pi * 440 * np.arange(24000) / 24000) * 16000).astype(np.int16)
        track.feed("item", tone.tobytes())
        await asyncio.wait_for(enough, 20)
        seqs = [p.sequence_number for p in packets]
        assert seqs == [(seqs[0] + i) & 0xFFFF for i in range(len(seqs))]
        assert len({p.payload_type for p in packets}) == 1 and all(p.marker == 1 for p in packets)
        assert {p.extensions.mid for p in packets} == {"0"}
        # The tone's frames carry a loud level (dBov below 0 is "loud"); silence 127.
        levels = [p.extensions.audio_level for p in packets]
        assert levels[0] is not None and levels[0][1] < 10
        assert levels[-1] == (False, 127)
        ticks = np.diff([p.timestamp for p in packets]) & 0xFFFFFFFF
        assert set(ticks.tolist()) == {960}
        # aiortc negotiates no absolute send time for audio, so none is written.
        assert all(p.extensions.abs_send_time is None for p in packets)
        stats = [s for s in (await sender.getStats()).values() if s.type == "outbound-rtp"]
        assert stats[0].packetsSent >= 60 and stats[0].bytesSent > 60 * 3
        # aiortc's own receiver decodes them: valid SRTP carrying the tone as Opus.
        loudest = 0
        for _ in range(25):
            frame = await asyncio.wait_for(receiver.track.recv(), 10)
            loudest = max(loudest, int(np.abs(frame.to_ndarray()).max()))
        assert loudest > 8000
    finally:
        await asyncio.wait_for(sender_pc.close(), 10)  # stop() waits for the loop's exit
        await receiver_pc.close()
    assert sender._RTCRtpSender__rtp_exited.is_set()
