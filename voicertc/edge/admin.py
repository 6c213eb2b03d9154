"""Who may use the operator's routes (`/admin/...`): the static `--auth-token` only.

A caller's JWT opens the signalling routes, never these: a caller must not be able to
take a server out of service. With no static token configured they are closed.
"""

from __future__ import annotations

import hmac

from aiohttp import web

from .access import AccessPolicy
from .signalling import SignallingError


def require_operator(request: web.Request, policy: AccessPolicy) -> None:
    if not policy.auth_token:
        raise SignallingError(
            403, "admin_disabled", "The admin routes need the server to have an --auth-token."
        )
    header = request.headers.get("Authorization", "")
    token = header[7:].strip() if header[:7].lower() == "bearer " else ""
    if not hmac.compare_digest(token.encode(), policy.auth_token.encode()):
        raise SignallingError(
            401,
            "unauthorized",
            "The admin routes need the server's --auth-token.",
            {"WWW-Authenticate": "Bearer"},
        )
