"""Resume tokens: how a caller whose connection dropped gets back into its call.

Each answer to `POST /offer` carries a `resume_token`. An offer that brings it back
(`"resume": token`) is answered on a new peer connection attached to the same session:
same upstream conversation, effect chain and captions. A token is bound to its session,
works once (the answer carries the next one) and expires; an unknown token gets 404, a
used, expired or ended one 409.
"""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from collections.abc import Callable

from .signalling import SignallingError

# Tokens no longer valid are remembered (up to this many) to answer 409 rather than 404.
_STALE_KEPT = 10_000


class ResumeTokens:
    def __init__(self, ttl_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl_seconds
        self._clock = clock
        self._live: dict[str, tuple[str, float]] = {}  # token -> (session id, expires at)
        self._current: dict[str, str] = {}  # session id -> its one live token
        self._stale: OrderedDict[str, str] = OrderedDict()  # token -> why it is stale

    def issue(self, session_id: str) -> str:
        """A new token for `session_id`; the one it had before is stale from now on."""
        old = self._current.pop(session_id, None)
        if old is not None:
            self._retire(old, "used")
        # With --workers a session id starts with its worker's "w<i>." (ids have no other
        # dot): the token starts the same, so any worker can tell whose it is.
        owner, dot, _ = session_id.rpartition(".")
        token = f"{owner}{dot}{secrets.token_urlsafe(24)}"
        self._live[token] = (session_id, self._clock() + self._ttl)
        self._current[session_id] = token
        return token

    def redeem(self, token: object) -> str:
        """The session id `token` resumes; it is used up. 404/409 JSON errors otherwise."""
        if not isinstance(token, str) or not token:
            raise SignallingError(400, "bad_request", "'resume' must be a resume token string.")
        entry = self._live.get(token)
        if entry is None:
            why = self._stale.get(token)
            if why is None:
                raise SignallingError(404, "unknown_resume_token", "No call has this resume token.")
            raise SignallingError(409, f"resume_token_{why}", _STALE[why])
        session_id, expires = entry
        self._retire(token, "used")
        del self._current[session_id]
        if self._clock() > expires:
            self._stale[token] = "expired"
            raise SignallingError(409, "resume_token_expired", _STALE["expired"])
        return session_id

    def give_back(self, token: str, session_id: str) -> None:
        """Makes `token` live again: the resume it was redeemed for failed before it began."""
        if session_id in self._current:
            return  # the session has a newer token meanwhile
        self._stale.pop(token, None)
        self._live[token] = (session_id, self._clock() + self._ttl)
        self._current[session_id] = token

    def ended(self, session_id: str) -> None:
        """The session is over: its token can resume nothing."""
        token = self._current.pop(session_id, None)
        if token is not None:
            self._retire(token, "ended")

    def _retire(self, token: str, why: str) -> None:
        self._live.pop(token, None)
        self._stale[token] = why
        while len(self._stale) > _STALE_KEPT:
            self._stale.popitem(last=False)


_STALE = {
    "used": "This resume token was used already; each works once (use the one in the last answer).",
    "expired": "This resume token has expired; start a new call.",
    "ended": "The call this token belongs to has ended; start a new call.",
}
