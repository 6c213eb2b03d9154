"""aioice: bind every ICE UDP socket inside a port range (`--ice-port-range`).

What: replaces the `asyncio` name inside `aioice.ice` and `aioice.turn` (process-wide)
with a module that is `asyncio` except that `get_running_loop()` returns the loop
wrapped so `create_datagram_endpoint(local_addr=(address, 0))` binds inside the range.
Nothing outside aioice sees a difference.
Why: aioice asks the system for any free port, so a server in Docker (published ports)
or behind a firewall cannot say which UDP ports its calls use.
Upstream: aiortc/aioice#47 (open since 2021), with pull requests aiortc/aioice#63 and
aiortc/aioice#112 (host candidates only; TURN client sockets here too); aiortc/aiortc#487.
Remove this when aioice takes a port range.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import random
import socket
import types
from collections.abc import Callable
from typing import Any

import aioice.ice
import aioice.turn

logger = logging.getLogger(__name__)

# The aioice modules that open UDP sockets, each through `asyncio.get_running_loop()`.
_BINDING_MODULES: tuple[types.ModuleType, ...] = (aioice.ice, aioice.turn)
_WILDCARDS = ("0.0.0.0", "::")


class PortRangeExhausted(OSError):
    """Every port of the range is taken on that address."""


def bind_udp_in_range(family: int, address: tuple[Any, ...], port_range: tuple[int, int]) -> socket.socket:
    """A UDP socket bound to `address` (port ignored) on a free port inside `port_range`.

    Starts at a random port so a port just freed (late packets of an ended call may
    still arrive on it) is not reused at once.
    """
    low, high = port_range
    size = high - low + 1
    start = random.randrange(size)
    sock = socket.socket(family, socket.SOCK_DGRAM)
    try:
        for step in range(size):
            port = low + (start + step) % size
            try:
                sock.bind((address[0], port, *address[2:]))
            except OSError as exc:
                if exc.errno == errno.EADDRINUSE:
                    continue
                raise
            return sock
    except BaseException:
        sock.close()
        raise
    sock.close()
    message = (
        f"every UDP port of --ice-port-range {low}-{high} is in use on {address[0]}; "
        "widen the range (each call needs one port per ICE host address, plus one per TURN server)"
    )
    logger.warning("ICE: %s", message)
    raise PortRangeExhausted(errno.EADDRINUSE, message)


async def _resolve(
    loop: asyncio.AbstractEventLoop, host: str, port: int, family: int
) -> tuple[int, tuple[Any, ...]]:
    try:
        # A literal address never blocks; only names go to the resolver thread.
        infos = socket.getaddrinfo(host, port, family, socket.SOCK_DGRAM, 0, socket.AI_NUMERICHOST)
    except socket.gaierror:
        infos = await loop.getaddrinfo(host, port, family=family, type=socket.SOCK_DGRAM)
    if not infos:
        raise OSError(f"cannot resolve {host!r}")
    return infos[0][0], infos[0][4]


class _PortRangeLoop:
    """The running loop as aioice sees it: the same, except that UDP sockets asking for
    any port get one inside the range."""

    def __init__(self, loop: asyncio.AbstractEventLoop, port_range: tuple[int, int]) -> None:
        self._loop = loop
        self._port_range = port_range

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loop, name)

    async def create_datagram_endpoint(
        self,
        protocol_factory: Callable[[], asyncio.DatagramProtocol],
        local_addr: tuple[str, int] | None = None,
        remote_addr: tuple[str, int] | None = None,
        **kwargs: Any,
    ) -> tuple[asyncio.DatagramTransport, asyncio.DatagramProtocol]:
        pinned = local_addr is not None and local_addr[1] != 0
        if kwargs.get("sock") is not None or pinned or (local_addr is None and remote_addr is None):
            return await self._loop.create_datagram_endpoint(
                protocol_factory, local_addr, remote_addr, **kwargs
            )
        family = int(kwargs.get("family", 0))
        remote: tuple[Any, ...] | None = None
        if remote_addr is not None:
            family, remote = await _resolve(self._loop, remote_addr[0], remote_addr[1], family)
        host = local_addr[0] if local_addr is not None else _WILDCARDS[family == socket.AF_INET6]
        family, local = await _resolve(self._loop, host, 0, family)
        sock = bind_udp_in_range(family, local, self._port_range)
        try:
            if remote is not None:
                sock.connect(remote)  # UDP: no packet is sent, it only fixes the peer
            return await self._loop.create_datagram_endpoint(protocol_factory, sock=sock)
        except BaseException:
            sock.close()
            raise


class _PortRangeAsyncio(types.ModuleType):
    """Stands in for `asyncio` inside aioice's modules: identical, except that
    `get_running_loop()` returns the loop wrapped by `_PortRangeLoop`."""

    def __init__(self, port_range: tuple[int, int]) -> None:
        super().__init__("asyncio")
        self.port_range = port_range

    def __getattr__(self, name: str) -> Any:
        return getattr(asyncio, name)

    def get_running_loop(self) -> Any:
        return _PortRangeLoop(asyncio.get_running_loop(), self.port_range)


def use_port_range(port_range: tuple[int, int] | None) -> None:
    """Bind every UDP socket aioice opens (host candidates, TURN client sockets) inside
    `port_range`; None restores the default (any port the system picks).

    aioice has no option for it: it calls `asyncio.get_running_loop().
    create_datagram_endpoint(..., local_addr=(address, 0))`. The narrowest hook is the
    `asyncio` name inside its two socket-opening modules, which is what this replaces;
    nothing outside aioice sees a difference.
    """
    for module in _BINDING_MODULES:
        current = getattr(module, "asyncio", None)
        if current is not asyncio and not isinstance(current, _PortRangeAsyncio):
            raise RuntimeError(
                f"{module.__name__} no longer uses the asyncio module the way voicertc "
                "expects; --ice-port-range cannot be applied with this aioice version"
            )
        module.asyncio = asyncio if port_range is None else _PortRangeAsyncio(port_range)  # type: ignore[attr-defined]
