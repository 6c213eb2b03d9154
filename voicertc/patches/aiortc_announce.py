"""aiortc: advertise a public address in host candidates (a server behind 1:1 NAT).

What: wraps `aiortc.rtcicetransport.RTCIceGatherer.getLocalCandidates` (process-wide),
rewriting the address of host candidates of the announced address's family.
Why: a cloud VM's interface holds a private address that maps one to one to a public
one; without this the server needs STUN (or TURN) just to tell callers an address it
already knows (`--ice-announce-ip`). Only what goes into the SDP changes: the sockets
stay bound to the local addresses and aioice keeps its true local candidates for checks.
Upstream: no aioice/aiortc option and no issue filed; the same feature elsewhere is
Pion's NAT 1:1 (pion/webrtc#835) and mediasoup's announced IPs (versatica/mediasoup#53).
"""

from __future__ import annotations

import ipaddress

from aiortc.rtcicetransport import RTCIceCandidate, RTCIceGatherer

_original = RTCIceGatherer.getLocalCandidates


def use_announced_address(address: str | None) -> None:
    """Advertise `address` in host candidates of its IP family; None restores aiortc's."""
    if address is None:
        RTCIceGatherer.getLocalCandidates = _original  # type: ignore[method-assign]
        return
    version = ipaddress.ip_address(address).version

    def getLocalCandidates(self: RTCIceGatherer) -> list[RTCIceCandidate]:
        candidates = _original(self)
        for candidate in candidates:  # fresh copies, made by aiortc for each call
            if candidate.type == "host" and ipaddress.ip_address(candidate.ip).version == version:
                candidate.ip = address
        return candidates

    RTCIceGatherer.getLocalCandidates = getLocalCandidates  # type: ignore[method-assign]
