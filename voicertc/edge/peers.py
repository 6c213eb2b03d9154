"""Which remote ICE candidates the server checks, and how many.

Each remote candidate makes aioice send STUN requests, from the server, to the address
it names, for as long as checks run: an offer listing hundreds of addresses made the
server a UDP reflector towards them. aioice also re-sorts its check list on every
candidate added, on the event loop: ~1,200 trickled candidates stalled every call for
seconds. So a call gets at most `max_candidates` remote candidates (offer and trickle
together; more is a `400 too_many_candidates` before aioice sees any), trickle requests
are rate-limited per call, and addresses that no peer can have (unspecified,
multicast, broadcast, reserved) are dropped, as are loopback and private ones unless
the server is set up for such peers.
"""

from __future__ import annotations

import ipaddress
import re
import time
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import aioice.ice
from aiortc import RTCIceCandidate, RTCSessionDescription

from .access import RateLimiter
from .signalling import SignallingError

_THIS_NETWORK = ipaddress.IPv4Network("0.0.0.0/8")
ADDRESS_CLASSES = ("public", "private", "loopback")
_CANDIDATE_LINE = re.compile(r"^a=candidate:\S+ \d+ \S+ \d+ (?P<address>\S+) ", re.IGNORECASE)


@dataclass
class PeerPolicy:
    """`--ice-peer-addresses` and the caps; see `peer_policy` for the automatic choice."""

    #: Classes of remote addresses checked: "public", "private", "loopback".
    addresses: tuple[str, ...] = ("public", "private")
    max_candidates: int = 50
    #: Trickle requests (PATCH) per call: a burst, then this many a second.
    patch_burst: int = 40
    patches_per_second: float = 10.0


def address_class(host: str) -> str | None:
    """ "public", "private" or "loopback" for an address a peer can have; None for one no
    peer can (unspecified, multicast, broadcast, reserved) or a host name. A browser's
    mDNS name (`*.local`) resolves on the local link only: private."""
    if host.lower().endswith(".local"):
        return "private"
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return None  # aioice takes addresses and mDNS names only
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "loopback"  # before is_reserved, which ::1 is too
    if ip.is_unspecified or ip.is_multicast or ip.is_reserved:
        return None  # IPv4 reserved: 240.0.0.0/4, broadcast included
    if isinstance(ip, ipaddress.IPv4Address) and ip in _THIS_NETWORK:
        return None
    return "public" if ip.is_global else "private"


def automatic_classes(own_addresses: Iterable[str], announced: str | None) -> tuple[str, ...]:
    """The peers a server can mean to reach, judged by its own ICE addresses: loopback
    when it offers a loopback address, private when it offers a private one and
    announces no public address instead (behind 1:1 NAT its private side is not the
    callers'); public always."""
    own = [address_class(a) for a in own_addresses]
    classes = ["public"]
    if "private" in own and (announced is None or address_class(announced) == "private"):
        classes.append("private")
    if "loopback" in own or (announced is not None and address_class(announced) == "loopback"):
        classes.append("loopback")
    return tuple(classes)


def server_addresses() -> list[str]:
    """The addresses this process offers as host candidates (`--ice-host`, or aioice's
    own choice of interfaces), as `voicertc.patches.install` left them."""
    return list(aioice.ice.get_host_addresses(use_ipv4=True, use_ipv6=True))


def parse_classes(text: str) -> tuple[str, ...]:
    classes = tuple(c.strip() for c in text.split(",") if c.strip())
    if not classes or any(c not in ADDRESS_CLASSES for c in classes):
        raise ValueError(
            f"--ice-peer-addresses takes public, private and loopback, comma separated; got {text!r}"
        )
    return classes


class PeerGuard:
    """Applies a PeerPolicy to the offers and trickled candidates of one server's calls."""

    def __init__(self, policy: PeerPolicy) -> None:
        self.policy = policy
        self._counts: weakref.WeakKeyDictionary[object, int] = weakref.WeakKeyDictionary()
        self._patches = RateLimiter(policy.patches_per_second * 60, burst=policy.patch_burst)

    def allows(self, host: str) -> bool:
        return address_class(host) in self.policy.addresses

    def _over(self, count: int) -> SignallingError:
        return SignallingError(
            400,
            "too_many_candidates",
            f"A call takes at most {self.policy.max_candidates} remote ICE candidates; got {count}.",
        )

    def screen_offer(self, offer: RTCSessionDescription) -> tuple[RTCSessionDescription, int]:
        """The offer without the candidate lines not to be checked, and how many are left."""
        lines = offer.sdp.splitlines()
        candidates = [line for line in lines if line.lower().startswith("a=candidate:")]
        if len(candidates) > self.policy.max_candidates:
            raise self._over(len(candidates))
        kept = []
        count = 0
        for line in lines:
            if line.lower().startswith("a=candidate:"):
                match = _CANDIDATE_LINE.match(line)
                if match is None or not self.allows(match["address"]):
                    continue
                count += 1
            kept.append(line)
        return RTCSessionDescription("\r\n".join(kept) + "\r\n", offer.type), count

    def none_usable(self) -> str:
        return (
            "None of the offer's ICE candidates is an address this server checks "
            f"(--ice-peer-addresses: {', '.join(self.policy.addresses)})."
        )

    def record(self, call: object, count: int) -> None:
        """`call` (its session) started with `count` remote candidates."""
        self._counts[call] = count

    def allow(self, call: object, key: str, count: int) -> None:
        """May `call` (its id `key`) take `count` more trickled candidates? 429 when it
        trickles too fast, 400 when they would take it over the cap; checked before the
        candidates are even parsed."""
        wait = self._patches.take(key, time.monotonic())
        if wait > 0:
            raise SignallingError(
                429,
                "rate_limited",
                "Too many candidate updates for this call; send them together.",
                {"Retry-After": str(max(1, round(wait)))},
            )
        total = self._counts.get(call, 0) + count
        if total > self.policy.max_candidates:
            raise self._over(total)
        self._counts[call] = total

    def usable(self, candidates: Sequence[RTCIceCandidate]) -> list[RTCIceCandidate]:
        """The candidates whose address the server may check."""
        return [c for c in candidates if self.allows(c.ip)]
