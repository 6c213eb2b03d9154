"""Where the server's own sessions reach its embedded endpoint."""

from __future__ import annotations

from typing import Any

from aiohttp import web


def embedded_url(request: web.Request, prefix: str) -> str:
    """The embedded endpoint's base URL, on the address `request` arrived on (one the
    server surely listens on), under the app's mount `prefix`."""
    sockname: Any = request.transport.get_extra_info("sockname") if request.transport else None
    host, port = (sockname[0], sockname[1]) if sockname else ("127.0.0.1", 8080)
    if host in ("0.0.0.0", "::"):
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"ws://{host}:{port}{prefix}/v1"
