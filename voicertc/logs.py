"""Process setup for `voicertc serve`: logging (text or JSON lines) and the event loop."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time

_SESSION = re.compile(r"\bsession ([A-Za-z0-9_-]{8,})")


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with the session id lifted into its own field."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        entry: dict[str, object] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": message,
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            # A structured event (session_ended): its fields are the object's own.
            entry.update(fields)
        session = getattr(record, "session", None)
        match = _SESSION.search(message) if session is None else None
        if session is not None or match:
            entry["session"] = session or match.group(1)  # type: ignore[union-attr]
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry)


def configure_logging(level: str, fmt: str = "text") -> None:
    handler = logging.StreamHandler()
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    # aiortc and aioice are chatty at INFO about every candidate pair; keep them quieter.
    for noisy in ("aioice", "aiortc"):
        logging.getLogger(noisy).setLevel(max(root.level, logging.WARNING))


def use_event_loop(choice: str) -> str:
    """Installs uvloop when asked (or when `auto` and it is installed); returns what runs."""
    if choice == "asyncio":
        return "asyncio"
    try:
        import uvloop
    except ImportError:
        if choice == "uvloop":
            raise SystemExit("voicertc: --loop uvloop needs uvloop: pip install 'voicertc[fast]'") from None
        return "asyncio"
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    return "uvloop"
