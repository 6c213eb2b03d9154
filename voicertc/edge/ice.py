"""ICE configuration: explicit servers only, and control over host candidates.

aiortc falls back to a public STUN server when given no ICE servers; that stalls
gathering for seconds where the internet is unreachable, so voicertc always passes an
explicit (possibly empty) list. aioice never offers 127.0.0.1 as a host candidate;
`use_host_addresses` makes it offer exactly the addresses asked for, which is what lets
calls work inside a loopback-only network namespace.
"""

from __future__ import annotations

from collections.abc import Sequence

import aioice.ice
from aiortc import RTCConfiguration, RTCIceServer

_original_get_host_addresses = aioice.ice.get_host_addresses


def use_host_addresses(hosts: Sequence[str] | None) -> None:
    """Offer exactly `hosts` as host candidates (process-wide); None restores the default."""
    if not hosts:
        aioice.ice.get_host_addresses = _original_get_host_addresses
        return
    chosen = list(hosts)

    def get_host_addresses(use_ipv4: bool, use_ipv6: bool) -> list[str]:
        return [a for a in chosen if (":" in a and use_ipv6) or (":" not in a and use_ipv4)]

    aioice.ice.get_host_addresses = get_host_addresses


def rtc_configuration(
    servers: Sequence[RTCIceServer] = (), transport_policy: str = "all"
) -> RTCConfiguration:
    from aiortc.rtcconfiguration import RTCIceTransportPolicy

    policy = (
        RTCIceTransportPolicy.RELAY if transport_policy == "relay" else RTCIceTransportPolicy.ALL
    )
    return RTCConfiguration(iceServers=list(servers), iceTransportPolicy=policy)
