"""Who may use the signalling routes: bearer tokens (static or HS256 JWT), Origins, rates.

The page, its assets, `/healthz`, `/readyz` and `/metrics` stay open; everything that creates,
changes or ends a call, hands out TURN credentials or reaches the embedded model needs
the token when one is configured. A request whose Origin is neither the server's own
(origin.py says how that is known) nor listed is refused, and CORS headers are only ever
sent to listed Origins. A JWT's `sub` is the call's user: it keys the rate limit (instead
of the address) and the per-user session cap.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import secrets
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from .origin import (
    arrived_on_loopback,
    check_origins,
    client_address,
    is_own_origin,
    is_rebindable,
    parse_networks,
    parse_origin,
)
from .signalling import SignallingError

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_OPEN_PREFIXES = ("/static/",)
# The client library loads as a module script, which carries no token; the effect specs
# are the same for everyone.
_OPEN_PATHS = {
    "/",
    "/healthz",
    "/readyz",
    "/metrics",
    "/voicertc-client.js",
    "/voicertc-client.d.ts",
    "/effects/specs",
}
_RATE_LIMITED = {("POST", "/offer"), ("POST", "/whip")}
#: Where the middleware leaves the JWT's `sub` for the handlers (absent: no user).
USER_KEY = web.RequestKey("voicertc_user", str)
_MAX_TRACKED_CLIENTS = 10_000


@dataclass
class AccessPolicy:
    auth_token: str | None = None
    jwt_secret: str | None = None
    jwt_audience: str | None = None
    #: Origins (scheme://host[:port]) allowed besides the server's own.
    allowed_origins: list[str] = field(default_factory=list)
    #: The origins the server's own page is served under (behind a proxy, or by name).
    public_origins: list[str] = field(default_factory=list)
    #: Proxies (addresses or CIDR networks) whose X-Forwarded-For names the caller.
    trusted_proxies: list[str] = field(default_factory=list)
    #: New calls per client address (or per JWT `sub`) per minute; None for no limit.
    calls_per_minute: float | None = 30.0
    #: What the server's own bridge presents to its embedded endpoint.
    internal_key: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    @property
    def needs_token(self) -> bool:
        return bool(self.auth_token or self.jwt_secret)

    def validate(self) -> None:
        check_origins(self.allowed_origins, "--allowed-origin")
        check_origins(self.public_origins, "--public-origin")
        parse_networks(self.trusted_proxies, "--trusted-proxy")


def _b64url(data: str) -> bytes:
    return base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))


def verify_jwt(token: str, secret: str, audience: str | None, now: float | None = None) -> dict[str, Any]:
    """Checks an HS256 JWT's signature, `exp` (required), `nbf` and `aud`; returns its claims."""
    try:
        header_b64, payload_b64, signature_b64 = token.split(".")
        header = json.loads(_b64url(header_b64))
        claims = json.loads(_b64url(payload_b64))
        signature = _b64url(signature_b64)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise SignallingError(401, "bad_token", "The token is not a well-formed JWT.") from None
    if not isinstance(header, dict) or header.get("alg") != "HS256" or not isinstance(claims, dict):
        raise SignallingError(401, "bad_token", "Only HS256 JWTs are accepted.")
    expected = hmac.new(secret.encode(), f"{header_b64}.{payload_b64}".encode(), hashlib.sha256).digest()
    if not hmac.compare_digest(expected, signature):
        raise SignallingError(401, "bad_token", "The token's signature is not valid.")
    now = time.time() if now is None else now
    exp = claims.get("exp")
    if not isinstance(exp, (int, float)) or isinstance(exp, bool) or not math.isfinite(exp):
        # json.loads takes NaN and Infinity, and `NaN <= now` is false: never expiring.
        raise SignallingError(401, "bad_token", "The token has no valid expiry (exp).")
    if exp <= now:
        raise SignallingError(401, "token_expired", "The token has expired; get a new one.")
    nbf = claims.get("nbf")
    if isinstance(nbf, (int, float)) and not (math.isfinite(nbf) and nbf <= now):
        raise SignallingError(401, "bad_token", "The token is not valid yet.")
    if audience is not None:
        aud = claims.get("aud")
        audiences = aud if isinstance(aud, list) else [aud]
        if audience not in audiences:
            raise SignallingError(401, "bad_token", "The token is for another audience.")
    return claims


def make_jwt(claims: dict[str, Any], secret: str) -> str:
    """An HS256 JWT (for tests and for operators minting tokens)."""

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = b64(json.dumps(claims).encode())
    sig = hmac.new(secret.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64(sig)}"


class RateLimiter:
    """A token bucket per key (a client address, a call), forgetting the least recently seen."""

    def __init__(self, per_minute: float, burst: float | None = None) -> None:
        self._rate = per_minute / 60.0
        self._burst = max(1.0, per_minute if burst is None else burst)
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, client: str, now: float) -> float:
        """0 if allowed, else the seconds until the next call would be."""
        tokens, last = self._buckets.pop(client, (self._burst, now))
        tokens = min(self._burst, tokens + (now - last) * self._rate)
        wait = 0.0
        if tokens >= 1:
            tokens -= 1
        else:
            wait = (1 - tokens) / self._rate
        self._buckets[client] = (tokens, now)
        while len(self._buckets) > _MAX_TRACKED_CLIENTS:
            self._buckets.popitem(last=False)
        return wait


class AccessControl:
    def __init__(self, policy: AccessPolicy, prefix: Callable[[web.Request], str]) -> None:
        self.policy = policy
        self._prefix = prefix
        self._limiter = RateLimiter(policy.calls_per_minute) if policy.calls_per_minute else None
        self._allowed = check_origins(policy.allowed_origins, "--allowed-origin")
        self._public = check_origins(policy.public_origins, "--public-origin")
        self._proxies = parse_networks(policy.trusted_proxies, "--trusted-proxy")

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        path = request.path[len(self._prefix(request)) :] or "/"
        origin = request.headers.get("Origin")
        parsed = parse_origin(origin) if origin is not None else None
        allowed_origin = parsed is not None and parsed in self._allowed
        if origin is not None and not allowed_origin:
            if parsed is None or not is_own_origin(request, parsed, self._public):
                raise SignallingError(
                    403, "forbidden_origin", f"Requests from {origin[:100]} are not allowed here."
                )
        open_path = path in _OPEN_PATHS or path.startswith(_OPEN_PREFIXES)
        if not open_path:
            self._check_host(request)
        if request.method == "OPTIONS" and allowed_origin:
            response: web.StreamResponse = web.Response(status=204)
        else:
            if not open_path:
                user = self._authorize(request, path)
                if user is not None:
                    request[USER_KEY] = user
            if self._limiter is not None and (request.method, path) in _RATE_LIMITED:
                user = request.get(USER_KEY)
                address = client_address(request, self._proxies)
                key = f"user {user}" if user is not None else f"address {address}"
                wait = self._limiter.take(key, time.monotonic())
                if wait > 0:
                    who = "for your user" if user is not None else "from your address"
                    raise SignallingError(
                        429,
                        "rate_limited",
                        f"Too many calls {who}; wait a moment and try again.",
                        {"Retry-After": str(max(1, round(wait)))},
                    )
            response = await handler(request)
        if allowed_origin:
            response.headers["Access-Control-Allow-Origin"] = origin or ""
            response.headers["Vary"] = "Origin"
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, PATCH, DELETE, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type, If-Match"
            response.headers["Access-Control-Expose-Headers"] = "Location, ETag, Retry-After"
        return response

    def _check_host(self, request: web.Request) -> None:
        """On a loopback address, a request sent to a DNS name is a rebinding attack (a
        page without an Origin to check: a same-origin GET), unless that name is public."""
        if self._public or not arrived_on_loopback(request):
            return
        sent_to = parse_origin(f"http://{request.host}")
        if sent_to is None or is_rebindable(sent_to.host):
            raise SignallingError(
                403,
                "forbidden_host",
                f"On loopback this server answers to 127.0.0.1, [::1] or localhost, "
                f"not {request.host[:80]!r}; behind a proxy or a DNS name, start it with --public-origin.",
            )

    def _authorize(self, request: web.Request, path: str) -> str | None:
        """Checks the caller's token; returns the user it names (a JWT's `sub`), if any."""
        if not self.policy.needs_token:
            return None
        header = request.headers.get("Authorization", "")
        token = header[7:].strip() if header[:7].lower() == "bearer " else ""
        if path == "/v1/realtime" and hmac.compare_digest(token, self.policy.internal_key):
            return None
        if not token:
            raise SignallingError(
                401, "unauthorized", "This server needs a bearer token.", {"WWW-Authenticate": "Bearer"}
            )
        if self.policy.auth_token and hmac.compare_digest(token, self.policy.auth_token):
            return None
        if self.policy.jwt_secret:
            sub = verify_jwt(token, self.policy.jwt_secret, self.policy.jwt_audience).get("sub")
            return sub if isinstance(sub, str) and sub else None
        raise SignallingError(
            401, "unauthorized", "The bearer token is not valid.", {"WWW-Authenticate": "Bearer"}
        )


def request_user(request: web.Request) -> str | None:
    """The user the request's JWT names (`sub`), or None."""
    return request.get(USER_KEY)
