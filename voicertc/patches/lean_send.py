"""aiortc: an audio sender's packets written from a header template and sent at once.

What: per audio sender (by `inline_media`), the coroutine aiortc's `RTCRtpSender.send`
starts as its RTP task, `_run_rtp`, is replaced by `lean_run_rtp`: an instance attribute,
set before `send` runs. It reads the same private state aiortc's loop does (its track,
encoder, statistics and events, name-mangled) and puts the same bytes on the wire.
Why: a 20 ms Opus frame is one small packet, and aiortc spends more Python on it than
libopus and SRTP together spend in C: an `RTCEncodedFrame`, an `RtpPacket` and its
`HeaderExtensions`, two wall-clock readings through `datetime`, serialisation through
`HeaderExtensionsMap.set`, and four nested coroutines down to the socket
(`_send_rtp` -> `RTCIceTransport._send` -> `Connection.sendto` -> `send_data`). Here the
header is a template serialised once by aiortc itself, with the sequence number,
timestamp, marker, send time and audio level written into it, and the SRTP packet goes
straight to the nominated pair's datagram transport, which is all `send_data` does.
Anything else (a pair whose protocol sends otherwise) takes aiortc's own way down.
Upstream: no issue filed; aiortc/aiortc#744 is about aiortc's CPU use in general.
"""

from __future__ import annotations

import asyncio
import logging
import struct
import time
from typing import Any

from aioice.ice import StunProtocol
from aiortc import RTCRtpSender
from aiortc.codecs import get_encoder
from aiortc.mediastreams import MediaStreamError
from aiortc.rtcdtlstransport import State
from aiortc.rtcrtpparameters import RTCRtpCodecParameters
from aiortc.rtcrtpsender import random_sequence_number
from aiortc.rtp import HeaderExtensionsMap, RtpPacket
from aiortc.utils import random32
from av import AudioFrame

from . import audio_level

logger = logging.getLogger(__name__)

_P = "_RTCRtpSender__"
#: Seconds from 1900 (NTP's epoch, aiortc's clock) to 1970 (the Unix epoch).
NTP_EPOCH_S = 2208988800
_SILENT_LEVEL = 127  # RFC 6465: -127 dBov, what aiortc computes for digital silence


class PacketWriter:
    """RTP packets of one audio stream: aiortc's serialisation, done once as a template.

    `packet()` returns exactly what `RtpPacket.serialize(extensions_map)` returns for a
    packet with these fields, the `mid`, the 24-bit absolute send time and, `with_level`,
    the audio level set: how aiortc's sender fills an audio packet (a pre-encoded one has
    no level). The extensions' offsets are found by serialising twice with different
    values, so they follow whatever layout aiortc writes.
    """

    def __init__(
        self,
        extensions_map: HeaderExtensionsMap,
        payload_type: int,
        ssrc: int,
        mid: str | None,
        with_level: bool = True,
    ) -> None:
        def serialised(send_time: int, level: int) -> bytes:
            packet = RtpPacket(payload_type=payload_type, ssrc=ssrc)
            packet.extensions.mid = mid
            packet.extensions.abs_send_time = send_time
            if with_level:
                packet.extensions.audio_level = (False, level)
            return packet.serialize(extensions_map)

        first, second = serialised(0x000000, 0), serialised(0xFFFFFF, 0x7F)
        changed = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
        self._template = first
        self._send_time_at: int | None = None
        self._level_at: int | None = None
        if changed:
            # Each present extension changed in full: three bytes of send time, one of level.
            runs: list[list[int]] = []
            for i in changed:
                if runs and runs[-1][-1] == i - 1:
                    runs[-1].append(i)
                else:
                    runs.append([i])
            for run in runs:
                if len(run) == 3 and self._send_time_at is None:
                    self._send_time_at = run[0]
                elif len(run) == 1 and self._level_at is None:
                    self._level_at = run[0]
                else:
                    raise ValueError(f"unexpected header extension layout: {changed}")
        self._first_byte_2 = payload_type & 0x7F

    def packet(
        self, sequence_number: int, timestamp: int, marker: bool, send_time: int, level: int, payload: bytes
    ) -> bytes:
        header = bytearray(self._template)
        struct.pack_into(
            "!BHL", header, 1, self._first_byte_2 | (0x80 if marker else 0), sequence_number, timestamp
        )
        if self._send_time_at is not None:
            at = self._send_time_at
            header[at : at + 3] = (send_time & 0xFFFFFF).to_bytes(3, "big")
        if self._level_at is not None:
            header[self._level_at] = level & 0x7F
        header += payload
        return bytes(header)


def _ntp(now: float) -> int:
    """A wall time as a 64-bit NTP timestamp (32.32 fixed-point seconds since 1900)."""
    return int((now + NTP_EPOCH_S) * (1 << 32))


def _send_time_of(ntp: int) -> int:
    return (ntp >> 14) & 0xFFFFFF


def abs_send_time(now: float) -> int:
    """RFC 5285's absolute send time (6.18 fixed-point seconds, 24 bits) of a wall time."""
    return _send_time_of(_ntp(now))


def _direct_sender(dtls: Any) -> Any:
    """The nominated pair's datagram `sendto` and address, if sending is only that."""
    connection = getattr(dtls.transport, "_connection", None)
    pair = getattr(connection, "_nominated", {}).get(1)
    if pair is None:
        return None
    protocol = pair.protocol
    if type(protocol).send_data is not StunProtocol.send_data or protocol.transport is None:
        return None
    return protocol.transport.sendto, pair.remote_addr


def _level(encoder: Any, frame: AudioFrame) -> int:
    """The RFC 6465 level aiortc's sender writes for `frame` (0 loudest, 127 silent)."""
    if getattr(encoder, "last_silent", False):
        return _SILENT_LEVEL
    return -audio_level.compute_audio_level_dbov(frame)


async def lean_run_rtp(sender: RTCRtpSender, codec: RTCRtpCodecParameters) -> None:
    """aiortc's `RTCRtpSender._run_rtp` for audio, writing packets with a `PacketWriter`."""
    getattr(sender, _P + "rtp_started").set()
    sequence_number = random_sequence_number()
    timestamp_origin = random32()
    extensions, mid = getattr(sender, _P + "rtp_header_extensions_map"), getattr(sender, _P + "mid")
    writer = PacketWriter(extensions, codec.payloadType, sender._ssrc, mid)
    writer_without_level = PacketWriter(extensions, codec.payloadType, sender._ssrc, mid, with_level=False)
    dtls = sender.transport
    direct: Any = None
    try:
        while True:
            track = sender.track
            if not track:
                await asyncio.sleep(0.02)
                continue
            frame = await track.recv()
            if not sender._enabled:
                continue
            encoder = getattr(sender, _P + "encoder")
            if encoder is None:
                encoder = get_encoder(codec)
                setattr(sender, _P + "encoder", encoder)
            if isinstance(frame, AudioFrame):
                payloads, timestamp = encoder.encode(frame)
                level, write = _level(encoder, frame), writer.packet
            else:
                payloads, timestamp = encoder.pack(frame)
                level, write = 0, writer_without_level.packet
            if not payloads:
                continue
            timestamp = (timestamp_origin + timestamp) & 0xFFFFFFFF
            if dtls._state != State.CONNECTED:
                raise ConnectionError("Cannot send encrypted RTP, not connected")
            ntp = _ntp(time.time())
            send_time = _send_time_of(ntp)
            last = len(payloads) - 1
            for i, payload in enumerate(payloads):
                data = dtls._tx_srtp.protect(
                    write(sequence_number, timestamp, i == last, send_time, level, payload)
                )
                if direct is None:
                    direct = _direct_sender(dtls) or False
                if direct:
                    direct[0](data, direct[1])
                else:
                    await dtls.transport._send(data)
                dtls._RTCDtlsTransport__tx_bytes += len(data)
                dtls._RTCDtlsTransport__tx_packets += 1
                setattr(sender, _P + "octet_count", getattr(sender, _P + "octet_count") + len(payload))
                setattr(sender, _P + "packet_count", getattr(sender, _P + "packet_count") + 1)
                sequence_number = (sequence_number + 1) & 0xFFFF
            # What the RTCP sender report pairs: the wall time and RTP time of the last packet.
            setattr(sender, _P + "ntp_timestamp", ntp)
            setattr(sender, _P + "rtp_timestamp", timestamp)
    except (asyncio.CancelledError, ConnectionError, MediaStreamError):
        pass
    except Exception:
        # As aiortc's loop: the exited event below must be set or the sender's stop() hangs.
        logger.exception("audio RTP sender failed")
    track = sender.track
    if track:
        track.stop()
        setattr(sender, _P + "track", None)
    setattr(sender, _P + "encoder", None)
    getattr(sender, _P + "rtp_exited").set()


def lean_sender(sender: RTCRtpSender) -> bool:
    """Send `sender`'s audio with `lean_run_rtp`; False (aiortc's loop kept) if it cannot.

    Must run before `sender.send()` (setting the remote or local description starts it).
    """
    if (
        sender.kind != "audio"
        or not hasattr(sender, _P + "rtp_started")
        or getattr(sender, _P + "started", True)
    ):
        return False
    needed = ("rtp_exited", "rtp_header_extensions_map", "mid", "encoder", "octet_count", "packet_count")
    if not all(hasattr(sender, _P + name) for name in needed):
        return False
    if "_run_rtp" not in vars(sender):

        async def run_rtp(codec: RTCRtpCodecParameters) -> None:
            await lean_run_rtp(sender, codec)

        sender._run_rtp = run_rtp  # type: ignore[method-assign]
    return True
