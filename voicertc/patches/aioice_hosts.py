"""aioice: offer exactly the host addresses asked for, loopback included.

What: replaces `aioice.ice.get_host_addresses` (process-wide).
Why: aioice gathers every interface's address but never 127.0.0.1 or ::1 (RFC 8445
5.1.1.1 forbids loopback candidates), so inside a loopback-only network namespace (the
test suite, a sidecar) no call could connect; and a server with several interfaces may
want to offer only some (`--ice-host`).
Upstream: aioice has no option for it; no issue filed (the RFC rule is deliberate).
pion/ice#497 added the same switch to Pion.
"""

from __future__ import annotations

from collections.abc import Sequence

import aioice.ice

_original = aioice.ice.get_host_addresses


def use_host_addresses(hosts: Sequence[str] | None) -> None:
    """Offer exactly `hosts` as host candidates (process-wide); None or empty restores aioice's."""
    if not hosts:
        aioice.ice.get_host_addresses = _original
        return
    chosen = list(hosts)

    def get_host_addresses(use_ipv4: bool, use_ipv6: bool) -> list[str]:
        return [a for a in chosen if (":" in a and use_ipv6) or (":" not in a and use_ipv4)]

    aioice.ice.get_host_addresses = get_host_addresses
