"""The one line every call leaves when it ends, however it ends.

With `--log-format json` the line is an object whose `event` is `session_ended`
(voicertc.logs.JsonFormatter merges `extra={"fields": ...}` into the object); as text,
the same fields follow the message. The same object is what the usage webhook POSTs.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

logger = logging.getLogger("voicertc.calls")


def iso_utc(epoch: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(epoch)) + f".{int(epoch % 1 * 1000):03d}Z"


def session_ended(
    *,
    session_id: str,
    user: str | None,
    started_at: float,
    duration_s: float,
    end_reason: str,
    upstream: str,
    model: str,
    usage: dict[str, Any],
) -> dict[str, Any]:
    """The `session_ended` object; `started_at` is epoch seconds."""
    return {
        "event": "session_ended",
        "session_id": session_id,
        "user": user,
        "start": iso_utc(started_at),
        "duration_s": round(duration_s, 3),
        "end_reason": end_reason,
        "upstream": upstream,
        "model": model,
        "usage": usage,
    }


def log_session_ended(record: dict[str, Any]) -> None:
    text = " ".join(
        f"{key}={json.dumps(value, separators=(',', ':'))}"
        for key, value in record.items()
        if key not in ("event", "session_id")
    )
    logger.info("session_ended session %s %s", record["session_id"], text, extra={"fields": record})
