"""A host's cluster settings, and the key that names a host in session ids."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

MIN_SECRET_CHARS = 16


def host_key(url: str) -> str:
    """The name a host goes by in session ids: its address and port, as `h10-0-0-5-8080`."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return "h" + re.sub(r"[^A-Za-z0-9]", "-", f"{parts.hostname}-{port}")


def host_of(session_id: str) -> str | None:
    """The host key a session id names, or None when it names none (a one-host server)."""
    head, dot, _ = session_id.partition(".")
    return head if dot and head.startswith("h") and len(head) > 1 else None


@dataclass
class ClusterSettings:
    #: The shared secret that signs requests between hosts.
    secret: str | None = None
    #: Peer base URLs (http://10.0.0.5:8080); this host may be among them.
    peers: list[str] = field(default_factory=list)
    #: NAME:PORT resolved to all its addresses (a Kubernetes headless Service).
    peer_dns: str | None = None
    #: This host's own base URL as its peers reach it; names it in session ids.
    advertise_url: str | None = None
    #: How long a forwarded request may take before the caller gets 504.
    timeout_seconds: float = 5.0

    @property
    def enabled(self) -> bool:
        return bool(self.peers or self.peer_dns)

    def session_prefix(self) -> str:
        return host_key(self.advertise_url) + "." if self.enabled and self.advertise_url else ""

    def validate(self) -> None:
        """Raises ValueError naming the flag to fix."""
        if not self.enabled:
            return
        if not self.secret or len(self.secret) < MIN_SECRET_CHARS:
            raise ValueError(
                f"--peer/--peer-dns need --cluster-secret (VOICERTC_CLUSTER_SECRET) of at least "
                f"{MIN_SECRET_CHARS} characters, the same on every host"
            )
        if not self.advertise_url:
            raise ValueError(
                "--peer/--peer-dns need --advertise-url: this host's URL as its peers reach it, "
                "e.g. http://10.0.0.5:8080 (in Kubernetes, from the pod's IP)"
            )
        for url in [*self.peers, self.advertise_url]:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
                raise ValueError(f"peer URLs look like http://HOST:PORT, got {url!r}")
        if self.peer_dns is not None:
            name, colon, port = self.peer_dns.rpartition(":")
            if not colon or not name or not port.isdigit() or not 0 < int(port) < 65536:
                raise ValueError(f"--peer-dns must be NAME:PORT, got {self.peer_dns!r}")
