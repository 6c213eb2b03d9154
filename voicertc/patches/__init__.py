"""Every change voicertc makes to aioice and aiortc, in one place.

`install(ice)` applies the process-wide ones (the server does, once, at start; the last
call wins) and `uninstall()` restores the libraries as they were. They change how every
peer connection of the process gathers candidates and computes audio levels, the host
application's own included: an app that embeds voicertc (`voicertc.embed`) and needs
aioice's defaults keeps them by not calling `install` (`attach()` does not) or by
calling `uninstall()`. `PATCHES` lists each with what it changes, why and where upstream
stands; each module's docstring says more.

`inline_media` is the one per-connection change: `inline_media(pc)` (called by the
server's signalling, `attach()` and `CallClient`) moves one peer connection's audio
codecs onto the event loop, drops its audio senders' retransmission history
(`rtp_history`), has them write their packets the lean way (`lean_send`) and handles
arriving RTP without a task hop (`lean_receive`); it ends with that connection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from . import audio_level
from .aioice_hosts import use_host_addresses
from .aioice_ports import PortRangeExhausted, bind_udp_in_range, use_port_range
from .aiortc_announce import use_announced_address


@dataclass(frozen=True)
class Patch:
    module: str
    target: str
    scope: str
    what: str
    upstream: str


PATCHES: tuple[Patch, ...] = (
    Patch(
        "aioice_hosts",
        "aioice.ice.get_host_addresses",
        "process",
        "offers exactly --ice-host's addresses, loopback included (aioice never offers loopback)",
        "no option in aioice (RFC 8445 5.1.1.1); pion/ice#497 is the same switch in Pion",
    ),
    Patch(
        "aioice_ports",
        "the asyncio module inside aioice.ice and aioice.turn",
        "process",
        "binds every ICE UDP socket inside --ice-port-range",
        "aiortc/aioice#47, pull requests aiortc/aioice#63 and #112",
    ),
    Patch(
        "aiortc_announce",
        "aiortc.rtcicetransport.RTCIceGatherer.getLocalCandidates",
        "process",
        "advertises --ice-announce-ip in host candidates (1:1 NAT)",
        "no issue filed; pion/webrtc#835 is the same feature in Pion",
    ),
    Patch(
        "audio_level",
        "aiortc.rtp.compute_audio_level_dbov",
        "process",
        "the RFC 6465 audio level in numpy (same value, a tenth of a call's CPU less)",
        "no issue filed",
    ),
    Patch(
        "inline_media",
        "RTCRtpSender.__loop/__encoder/send, RTCRtpReceiver.__decoder_queue/__jitter_buffer",
        "per peer connection",
        "Opus encoding and decoding on the event loop instead of per-frame thread hand-offs",
        "aiortc/aiortc#155 (declined), aiortc/aiortc#744",
    ),
    Patch(
        "rtp_history",
        "RTCRtpSender.__rtp_history (audio senders)",
        "per peer connection (by inline_media)",
        "keeps no retransmission history for audio, which never negotiates NACK: 128 live"
        " packets per call kept the collector's young generation at ~19k objects at 30 calls",
        "no issue filed",
    ),
    Patch(
        "lean_send",
        "RTCRtpSender._run_rtp (audio senders, an instance attribute)",
        "per peer connection (by inline_media)",
        "writes each audio packet from a header template aiortc serialised once and sends the"
        " SRTP packet straight to the nominated pair's socket: no RtpPacket, no datetime, no"
        " four nested coroutines a packet",
        "no issue filed; aiortc/aiortc#744 (aiortc's CPU use)",
    ),
    Patch(
        "lean_receive",
        "aioice Connection.data_received (an instance attribute, per peer connection)",
        "per peer connection (by inline_media)",
        "unprotects and handles an arriving RTP packet in the datagram callback, not through"
        " aiortc's queue and a wake-up of the DTLS transport's task; DTLS, SCTP and RTCP keep"
        " the queue",
        "no issue filed; aiortc/aiortc#744 (aiortc's CPU use)",
    ),
)


class ProcessSettings(Protocol):
    """The parts of `voicertc.edge.ice.IceSettings` the process-wide patches take."""

    hosts: list[str]
    port_range: tuple[int, int] | None
    announce_ip: str | None


def install(ice: ProcessSettings | None = None) -> None:
    """Apply every process-wide patch; the ICE ones as `ice` asks (None: aioice's own
    behaviour for those). Each call replaces the previous one's effect entirely."""
    hosts: Sequence[str] = ice.hosts if ice is not None else ()
    use_host_addresses(hosts)
    use_port_range(ice.port_range if ice is not None else None)
    use_announced_address(ice.announce_ip if ice is not None else None)
    audio_level.install()


def uninstall() -> None:
    """Restore aioice and aiortc as they were before `install`."""
    use_host_addresses(None)
    use_port_range(None)
    use_announced_address(None)
    audio_level.uninstall()


__all__ = [
    "PATCHES",
    "Patch",
    "PortRangeExhausted",
    "bind_udp_in_range",
    "install",
    "uninstall",
    "use_announced_address",
    "use_host_addresses",
    "use_port_range",
]
