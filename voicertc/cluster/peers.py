"""The hosts a request may be forwarded to: a static list, and/or a DNS name resolved to
all its addresses (a Kubernetes headless Service lists every ready pod)."""

from __future__ import annotations

import asyncio
import logging
import socket
import time

from .settings import ClusterSettings, host_key

logger = logging.getLogger(__name__)

# A name unknown after a lookup this recent is not looked up again at once: a flood of
# requests naming made-up hosts must not become a flood of DNS queries.
_RELOOK_AFTER_S = 2.0
_LOOKUP_TIMEOUT_S = 2.0


class PeerSet:
    def __init__(self, settings: ClusterSettings) -> None:
        self._static = {host_key(url): url.rstrip("/") for url in settings.peers}
        self._dns = settings.peer_dns
        self._resolved: dict[str, str] = {}
        self._looked_at = -_RELOOK_AFTER_S
        self._lookup: asyncio.Lock | None = None

    async def url_for(self, key: str) -> str | None:
        """The base URL of the known peer named `key`, or None when none is."""
        url = self._static.get(key) or self._resolved.get(key)
        if url is None and self._dns and time.monotonic() - self._looked_at >= _RELOOK_AFTER_S:
            await self.refresh()
            url = self._resolved.get(key)
        return url

    async def refresh(self) -> None:
        """Resolves the DNS name again (one lookup at a time; failures keep the last answer)."""
        if not self._dns:
            return
        self._lookup = self._lookup or asyncio.Lock()
        async with self._lookup:
            if time.monotonic() - self._looked_at < _RELOOK_AFTER_S:
                return
            name, _, port = self._dns.rpartition(":")
            try:
                infos = await asyncio.wait_for(
                    asyncio.get_running_loop().getaddrinfo(name, int(port), type=socket.SOCK_STREAM),
                    _LOOKUP_TIMEOUT_S,
                )
            except (OSError, asyncio.TimeoutError) as exc:
                logger.warning("peer lookup of %s failed: %s", self._dns, exc)
                return
            finally:
                self._looked_at = time.monotonic()
            urls = {}
            for family, *_, address in infos:
                host = f"[{address[0]}]" if family == socket.AF_INET6 else address[0]
                url = f"http://{host}:{port}"
                urls[host_key(url)] = url
            self._resolved = urls
