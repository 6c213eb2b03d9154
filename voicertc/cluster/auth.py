"""Requests between hosts carry `X-Voicertc-Peer: <unix time>.<HMAC-SHA256 hex>` over
the method and path, keyed with the cluster secret; a signature over 30 s old is refused,
so a captured one is of little use."""

from __future__ import annotations

import hashlib
import hmac
import time

PEER_HEADER = "X-Voicertc-Peer"
MAX_AGE_S = 30.0


def _mac(secret: str, stamp: str, method: str, path: str) -> str:
    message = f"{stamp}\n{method.upper()}\n{path}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def sign(secret: str, method: str, path: str, now: float | None = None) -> str:
    stamp = str(int(time.time() if now is None else now))
    return f"{stamp}.{_mac(secret, stamp, method, path)}"


def verify(secret: str | None, header: str, method: str, path: str, now: float | None = None) -> bool:
    if not secret:
        return False
    stamp, dot, mac = header.partition(".")
    if not dot or not stamp.isdigit():
        return False
    now = time.time() if now is None else now
    if abs(now - int(stamp)) > MAX_AGE_S:
        return False
    return hmac.compare_digest(mac, _mac(secret, stamp, method, path))
