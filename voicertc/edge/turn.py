"""Time-limited TURN credentials (the "TURN REST API" scheme coturn calls use-auth-secret).

username = "<expiry unix time>:<id>", password = base64(HMAC-SHA1(shared secret, username)).
coturn recomputes the password from its `static-auth-secret` and refuses an allocation
whose expiry has passed, so no per-user state is shared between voicertc and coturn and a
leaked credential is worthless after its TTL. coturn checks the expiry only when an
allocation is made: a call that started in time is never cut off by it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class TurnCredentials:
    username: str
    credential: str
    #: Unix time after which the TURN server refuses new allocations with these.
    expires_at: int


def turn_password(secret: str, username: str) -> str:
    """The password coturn expects for `username` under the shared `secret`."""
    digest = hmac.new(secret.encode(), username.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


def mint_credentials(
    secret: str, ttl: int, *, user_id: str | None = None, now: float | None = None
) -> TurnCredentials:
    """Credentials valid for `ttl` seconds from `now` (a negative ttl mints expired ones).

    `user_id` only labels the allocation in the TURN server's logs and quotas; a random
    one is used when it is not given.
    """
    if not secret:
        raise ValueError("the TURN shared secret is empty")
    label = user_id if user_id is not None else secrets.token_hex(6)
    if ":" in label:
        # coturn splits the username at the first colon: the id must not contain one.
        raise ValueError(f"a TURN user id cannot contain ':', got {label!r}")
    expires_at = int(time.time() if now is None else now) + int(ttl)
    username = f"{expires_at}:{label}"
    return TurnCredentials(username, turn_password(secret, username), expires_at)
