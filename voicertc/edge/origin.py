"""Whose pages may call, and who the caller is behind a proxy.

A page's own Origin is recognised without trusting DNS: either it is one of the
configured public origins (`--public-origin`), or its host is an IP address or
`localhost` and equals the `Host` the request was sent to. A page served under any DNS
name needs `--public-origin`: a name can be pointed at this server by someone else (DNS
rebinding), so a matching `Host` proves nothing about whose page it is.

The caller's address is the TCP peer's, unless that peer is a configured proxy
(`--trusted-proxy`): then it is the nearest `X-Forwarded-For` entry that is not one.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from typing import NamedTuple

from aiohttp import web
from yarl import URL

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class Origin(NamedTuple):
    scheme: str
    host: str  # lower case; an IPv6 address without brackets
    port: int

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"


def parse_origin(text: str) -> Origin | None:
    """`scheme://host[:port]` with scheme http or https, or None (`null`, other schemes,
    paths, user names: nothing a browser sends as a page's Origin)."""
    try:
        url = URL(text)
    except ValueError:
        return None
    if url.scheme not in ("http", "https") or not url.host or url.port is None:
        return None
    if url.user is not None or url.query_string or url.fragment or url.path not in ("", "/"):
        return None
    return Origin(url.scheme, url.host.lower(), url.port)


def check_origins(origins: Sequence[str], flag: str) -> list[Origin]:
    """Parsed origins from a flag; ValueError names the bad one."""
    parsed = []
    for text in origins:
        origin = parse_origin(text)
        if origin is None or text.rstrip("/").count("/") != 2:
            raise ValueError(f"{flag} must look like https://host[:port], got {text!r}")
        parsed.append(origin)
    return parsed


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def is_rebindable(host: str) -> bool:
    """Whether `host` is a name DNS could point anywhere (anything but an IP or localhost)."""
    return not (_is_address(host) or host == "localhost")


def is_own_origin(request: web.Request, origin: Origin, public: Sequence[Origin]) -> bool:
    """Whether a page of `origin` is this server's own page."""
    if origin in public:
        return True
    if is_rebindable(origin.host):
        return False
    sent_to = parse_origin(f"{origin.scheme}://{request.host}")
    return sent_to == origin


def arrived_on_loopback(request: web.Request) -> bool:
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    if not isinstance(sockname, tuple):
        return False  # a Unix socket: the workers' private one
    return ipaddress.ip_address(sockname[0]).is_loopback


def parse_networks(items: Sequence[str], flag: str) -> list[IpNetwork]:
    networks = []
    for item in items:
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(f"{flag} must be an address or a CIDR network, got {item!r}") from None
    return networks


def _within(address: str, networks: Sequence[IpNetwork]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request: web.Request, proxies: Sequence[IpNetwork]) -> str:
    """The caller's address: the peer's, or what a trusted proxy says it forwarded for."""
    peer = request.remote or "?"
    if not _within(peer, proxies):
        return peer
    hops = [h.strip() for v in request.headers.getall("X-Forwarded-For", []) for h in v.split(",")]
    for hop in reversed(hops):
        if not _within(hop, proxies):
            return hop if _is_address(hop) else peer
    return peer
