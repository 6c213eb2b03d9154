"""ICE configuration: explicit servers, TURN credentials, relay policy, host candidates,
a UDP port range and an announced address.

aiortc falls back to a public STUN server when given no ICE servers; that stalls
gathering for seconds where the internet is unreachable, so voicertc always passes an
explicit (possibly empty) list.

The host addresses, the port range and the announced address are applied to aioice
process-wide by `voicertc.patches` (aioice has no option for them).
"""

from __future__ import annotations

import ipaddress
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from aiortc import RTCConfiguration, RTCIceServer
from aiortc.rtcconfiguration import RTCIceTransportPolicy

from .turn import mint_credentials

logger = logging.getLogger(__name__)


MIN_TURN_TTL = 60
MAX_TURN_TTL = 7 * 24 * 3600
_WILDCARDS = ("0.0.0.0", "::")


# -- settings -------------------------------------------------------------------------


class IceUrl(NamedTuple):
    scheme: str  # "stun", "turn" or "turns"
    host: str
    port: int
    transport: str | None  # "udp" or "tcp" for TURN; None for STUN

    @property
    def is_turn(self) -> bool:
        return self.scheme != "stun"


_URL_RE = re.compile(
    r"(?P<scheme>[a-z]+):(?P<host>[A-Za-z0-9.\-]+)(?::(?P<port>\d{1,5}))?"
    r"(?:\?transport=(?P<transport>[A-Za-z]+))?"
)


def parse_ice_url(url: str) -> IceUrl:
    """Checks one `--ice-server` URL (RFC 7064/7065); ValueError says what is wrong."""
    shown = f"--ice-server {url!r}"
    scheme = url.split(":", 1)[0] if ":" in url else ""
    if scheme not in ("stun", "turn", "turns"):
        raise ValueError(f"{shown} must start with stun:, turn: or turns:")
    if "//" in url:
        raise ValueError(f"{shown}: write {scheme}:HOST:PORT, without '//'")
    if "@" in url:
        raise ValueError(
            f"{shown}: put no user name or password in the URL; TURN credentials are "
            "minted from --turn-secret"
        )
    if "[" in url:
        # aiortc's own URL parser has no IPv6 literal support, and the server uses it too.
        raise ValueError(f"{shown}: IPv6 literals are not supported; use a host name")
    match = _URL_RE.fullmatch(url)
    if match is None:
        raise ValueError(
            f"{shown} is not a valid ICE server URL; expected e.g. stun:stun.example.com:3478, "
            "turn:turn.example.com:3478?transport=udp or turns:turn.example.com:5349"
        )
    port = int(match["port"]) if match["port"] else (5349 if scheme == "turns" else 3478)
    if not 1 <= port <= 65535:
        raise ValueError(f"{shown}: the port must be between 1 and 65535")
    transport = match["transport"].lower() if match["transport"] else None
    if scheme == "stun":
        if transport is not None:
            raise ValueError(f"{shown}: stun: URLs take no ?transport=")
    elif scheme == "turn":
        if transport not in (None, "udp", "tcp"):
            raise ValueError(f"{shown}: ?transport= must be udp or tcp")
        transport = transport or "udp"
    else:
        if transport not in (None, "tcp"):
            raise ValueError(
                f"{shown}: turns: (TURN over TLS) runs on TCP; drop ?transport=udp, or use turn:"
            )
        transport = "tcp"
    return IceUrl(scheme, match["host"], port, transport)


def parse_port_range(text: str) -> tuple[int, int]:
    """'40000-40099' -> (40000, 40099); ValueError with a clear message otherwise."""
    match = re.fullmatch(r"\s*(\d{1,5})\s*-\s*(\d{1,5})\s*", text)
    if match is None:
        raise ValueError(f"--ice-port-range must look like LOW-HIGH (e.g. 40000-40099), got {text!r}")
    port_range = (int(match[1]), int(match[2]))
    check_port_range(port_range)
    return port_range


def check_port_range(port_range: tuple[int, int]) -> None:
    low, high = port_range
    if not (1024 <= low <= 65535 and 1024 <= high <= 65535):
        raise ValueError(f"--ice-port-range {low}-{high}: both ends must be between 1024 and 65535")
    if low > high:
        raise ValueError(f"--ice-port-range {low}-{high}: LOW must not be above HIGH")


def _ip(text: str, flag: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        raise ValueError(f"{flag} must be an IP address, got {text!r}") from None


@dataclass
class IceSettings:
    """Everything about ICE for one server process (CLI flags `--ice-*`, `--turn-*`)."""

    #: stun:, turn: and turns: URLs, used by the page and by the server's own peer.
    servers: list[str] = field(default_factory=list)
    #: TURN REST API shared secret (coturn's static-auth-secret): credentials are minted
    #: from it for every page load and every call.
    turn_secret: str | None = None
    #: Seconds a minted credential stays usable for new allocations.
    turn_ttl: int = 3600
    #: "all", or "relay" to use only TURN relay candidates, on both sides of the call.
    transport_policy: str = "all"
    #: Local addresses offered as host candidates; empty: every interface but loopback.
    hosts: list[str] = field(default_factory=list)
    #: The public address advertised instead of the local one (server behind 1:1 NAT).
    announce_ip: str | None = None
    #: Inclusive UDP port range for every ICE socket of the process.
    port_range: tuple[int, int] | None = None

    @property
    def urls(self) -> list[IceUrl]:
        return [parse_ice_url(url) for url in self.servers]

    @property
    def has_turn(self) -> bool:
        return any(url.is_turn for url in self.urls)

    def validate(self) -> None:
        if self.transport_policy not in ("all", "relay"):
            raise ValueError(
                f"--ice-transport-policy must be 'all' or 'relay', got {self.transport_policy!r}"
            )
        for url in self.servers:
            parse_ice_url(url)
        if self.has_turn and not self.turn_secret:
            raise ValueError(
                "a turn:/turns: --ice-server needs --turn-secret (the TURN REST API shared "
                "secret, coturn's static-auth-secret) so voicertc can mint credentials"
            )
        if self.turn_secret and not self.has_turn:
            raise ValueError(
                "--turn-secret is set but no turn:/turns: --ice-server is given; add e.g. "
                "--ice-server turn:turn.example.com:3478"
            )
        if not MIN_TURN_TTL <= self.turn_ttl <= MAX_TURN_TTL:
            raise ValueError(
                f"--turn-ttl must be between {MIN_TURN_TTL} and {MAX_TURN_TTL} seconds, got {self.turn_ttl}"
            )
        if self.transport_policy == "relay" and not self.has_turn:
            raise ValueError(
                "--ice-transport-policy relay needs a TURN server: add "
                "--ice-server turn:HOST:3478 and --turn-secret"
            )
        for host in self.hosts:
            if str(_ip(host, "--ice-host")) in _WILDCARDS and not self.announce_ip:
                raise ValueError(
                    f"--ice-host {host} binds every interface, so it needs --ice-announce-ip "
                    "to say which address to advertise"
                )
        if self.announce_ip is not None:
            announced = _ip(self.announce_ip, "--ice-announce-ip")
            if announced.is_unspecified or announced.is_multicast:
                raise ValueError(f"--ice-announce-ip must be a unicast address, got {self.announce_ip!r}")
        if self.port_range is not None:
            check_port_range(self.port_range)


# -- configurations -------------------------------------------------------------------


def rtc_configuration(
    servers: Sequence[RTCIceServer] = (), transport_policy: str = "all"
) -> RTCConfiguration:
    policy = RTCIceTransportPolicy.RELAY if transport_policy == "relay" else RTCIceTransportPolicy.ALL
    return RTCConfiguration(iceServers=list(servers), iceTransportPolicy=policy)


def page_ice_servers(settings: IceSettings, *, now: float | None = None) -> list[dict[str, Any]]:
    """The `iceServers` list for a browser's RTCPeerConnection (with fresh TURN credentials)."""
    stun = [u for u, p in zip(settings.servers, settings.urls, strict=True) if not p.is_turn]
    turn = [u for u, p in zip(settings.servers, settings.urls, strict=True) if p.is_turn]
    servers: list[dict[str, Any]] = []
    if stun:
        servers.append({"urls": stun})
    if turn and settings.turn_secret:
        credentials = mint_credentials(settings.turn_secret, settings.turn_ttl, now=now)
        servers.append({"urls": turn, "username": credentials.username, "credential": credentials.credential})
    return servers


def _server_preference(url: IceUrl) -> int:
    # aiortc uses one TURN server only: the first it can; plain UDP relays best for media.
    return {("turn", "udp"): 0, ("turn", "tcp"): 1}.get((url.scheme, url.transport or ""), 2)


def server_rtc_configuration(settings: IceSettings, *, now: float | None = None) -> RTCConfiguration:
    """The configuration of the server's own peer connection for one call."""
    parsed = list(zip(settings.servers, settings.urls, strict=True))
    stun = [u for u, p in parsed if not p.is_turn]
    turn = [u for u, p in sorted((x for x in parsed if x[1].is_turn), key=lambda x: _server_preference(x[1]))]
    servers: list[RTCIceServer] = []
    if stun:
        servers.append(RTCIceServer(urls=stun))
    if turn and settings.turn_secret:
        credentials = mint_credentials(settings.turn_secret, settings.turn_ttl, user_id="voicertc", now=now)
        servers.append(
            RTCIceServer(urls=turn, username=credentials.username, credential=credentials.credential)
        )
    return rtc_configuration(servers, settings.transport_policy)


# -- plain-words diagnosis of calls that cannot connect ---------------------------------


def _has_candidates(sdp: str) -> bool:
    return "\na=candidate:" in sdp.replace("\r\n", "\n")


def offer_ice_problem(sdp: str) -> str | None:
    """Why a complete (non-trickle) offer cannot connect, in plain words, or None."""
    # An offer without ICE credentials is malformed, which negotiation reports better.
    if _has_candidates(sdp) or "a=ice-ufrag:" not in sdp:
        return None
    return (
        "Your browser found no network path to offer (its offer has no ICE candidates). "
        "If it is set to relay only, the TURN server was unreachable or refused its "
        "credentials; they expire, so fetch the configuration again and retry."
    )


def answer_ice_problem(sdp: str, settings: IceSettings) -> str | None:
    """Why the server's own answer cannot connect, in plain words, or None."""
    if _has_candidates(sdp):
        return None
    if settings.transport_policy == "relay":
        turn = ", ".join(u for u, p in zip(settings.servers, settings.urls, strict=True) if p.is_turn)
        return (
            f"The server could not get a relay address from its TURN server ({turn}): it is "
            "unreachable or refused the server's credentials (check that --turn-secret matches "
            "coturn's static-auth-secret and that both clocks are right)"
            + (", or every port of --ice-port-range is in use." if settings.port_range else ".")
        )
    return (
        "The server has no network address for media (no ICE candidates): check --ice-host "
        "and --ice-port-range."
    )
