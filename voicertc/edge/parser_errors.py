"""Requests aiohttp cannot parse, answered as JSON with one line of log.

aiohttp answers a request it cannot parse (bad request line, bad header, headers too
long) itself, before any middleware runs, as text/plain, and logs each with a full
traceback: one malformed request, thirty lines of log, which makes flooding the log
cheap. aiohttp has no hook for it (aio-libs/aiohttp#3287, #9882): the one place is
`RequestHandler.handle_error`, which `install` wraps, for servers of voicertc's own
applications only (an app embedding voicertc with `mount` keeps aiohttp's behaviour).
"""

from __future__ import annotations

import logging

from aiohttp import web, web_protocol
from aiohttp.web_request import BaseRequest

from .signalling import json_error

logger = logging.getLogger(__name__)

#: Set on the applications whose servers answer parse errors as JSON.
JSON_ERRORS = web.AppKey("voicertc_json_parse_errors", bool)

_original_handle_error = web_protocol.RequestHandler.handle_error


def _serves_json(handler: web_protocol.RequestHandler) -> bool:
    manager = handler._manager
    app = getattr(getattr(manager, "request_handler", None), "__self__", None)
    return isinstance(app, web.Application) and bool(app.get(JSON_ERRORS))


def handle_error(
    self: web_protocol.RequestHandler,
    request: BaseRequest,
    status: int = 500,
    exc: BaseException | None = None,
    message: str | None = None,
) -> web.StreamResponse:
    if status >= 500 or not _serves_json(self):
        return _original_handle_error(self, request, status, exc, message)
    reason = " ".join(str(getattr(exc, "message", None) or message or exc or "").split())[:200]
    logger.info("unparsable request from %s: %d %s", request.remote, status, reason)
    if request.writer.output_size > 0:
        raise ConnectionError("a response was sent already; the connection is broken")
    response = json_error(status, "bad_http", f"The request is not valid HTTP: {reason}")
    response.force_close()
    return response


def install() -> None:
    """Wrap aiohttp's error responses (process-wide, idempotent; only apps marked with
    JSON_ERRORS see a difference)."""
    web_protocol.RequestHandler.handle_error = handle_error  # type: ignore[method-assign]
