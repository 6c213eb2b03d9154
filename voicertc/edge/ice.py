"""ICE configuration: explicit servers only, host candidates, relay policy, TURN credentials.

aiortc falls back to a public STUN server when given no ICE servers; that stalls
gathering for seconds where the internet is unreachable, so voicertc always passes an
explicit (possibly empty) list. aioice never offers 127.0.0.1 as a host candidate;
`use_host_addresses` makes it offer exactly the addresses asked for, which is what lets
calls work inside a loopback-only network namespace.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import aioice.ice
from aiortc import RTCConfiguration, RTCIceServer
from aiortc.rtcconfiguration import RTCIceTransportPolicy

_original_get_host_addresses = aioice.ice.get_host_addresses


@dataclass
class IceSettings:
    """Everything about ICE for one server process (CLI flags `--ice-*`, `--turn-*`)."""

    #: stun:, turn: and turns: URLs, used by the page and by the server's own peer.
    servers: list[str] = field(default_factory=list)
    #: TURN REST API shared secret: time-limited credentials are minted from it.
    turn_secret: str | None = None
    turn_ttl: int = 3600
    transport_policy: str = "all"
    hosts: list[str] = field(default_factory=list)
    announce_ip: str | None = None
    port_range: tuple[int, int] | None = None

    def validate(self) -> None:
        if self.transport_policy not in ("all", "relay"):
            raise ValueError(f"--ice-transport-policy must be 'all' or 'relay', got {self.transport_policy!r}")


def use_host_addresses(hosts: Sequence[str] | None) -> None:
    """Offer exactly `hosts` as host candidates (process-wide); None restores the default."""
    if not hosts:
        aioice.ice.get_host_addresses = _original_get_host_addresses
        return
    chosen = list(hosts)

    def get_host_addresses(use_ipv4: bool, use_ipv6: bool) -> list[str]:
        return [a for a in chosen if (":" in a and use_ipv6) or (":" not in a and use_ipv4)]

    aioice.ice.get_host_addresses = get_host_addresses


def configure_process(settings: IceSettings) -> None:
    """Apply the process-wide parts: host candidates (port range, announced address)."""
    use_host_addresses(settings.hosts)


def rtc_configuration(
    servers: Sequence[RTCIceServer] = (), transport_policy: str = "all"
) -> RTCConfiguration:
    policy = RTCIceTransportPolicy.RELAY if transport_policy == "relay" else RTCIceTransportPolicy.ALL
    return RTCConfiguration(iceServers=list(servers), iceTransportPolicy=policy)


def page_ice_servers(settings: IceSettings) -> list[dict[str, Any]]:
    """The `iceServers` list for a browser's RTCPeerConnection (with fresh TURN credentials)."""
    return [{"urls": url} for url in settings.servers]


def server_rtc_configuration(settings: IceSettings) -> RTCConfiguration:
    """The configuration of the server's own peer connection for one call."""
    return rtc_configuration(
        [RTCIceServer(urls=url) for url in settings.servers], settings.transport_policy
    )
