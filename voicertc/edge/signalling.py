"""HTTP signalling: `POST /offer`, `DELETE /sessions/{id}`, `GET /config`, `GET /healthz`.

Every error is JSON `{"error": {"code", "message"}}` (docs/protocol.md), and an offer
that fails never leaves a peer connection behind.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from aiortc import RTCPeerConnection, RTCSessionDescription

from ..patches.inline_media import inline_media

logger = logging.getLogger(__name__)

_OPUS = re.compile(r"^a=rtpmap:\d+ opus/48000", re.IGNORECASE | re.MULTILINE)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class SignallingError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.headers = headers or {}


def json_error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> web.Response:
    return web.json_response({"error": {"code": code, "message": message}}, status=status, headers=headers)


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Turns every failure into a JSON error; no traceback ever reaches a client."""
    try:
        response = await handler(request)
        if isinstance(response, web.FileResponse) and not response._path.is_file():
            # aiohttp's static route answers a missing file itself, with an empty 404.
            raise SignallingError(404, "not_found", "No such file.")
        return response
    except SignallingError as exc:
        response = json_error(exc.status, exc.code, str(exc), exc.headers)
        if exc.status == 408:
            response.force_close()  # the rest of that body is not worth waiting for
        return response
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        code = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(exc.status, "http_error")
        return json_error(
            exc.status,
            code,
            exc.reason,
            {k: v for k, v in exc.headers.items() if k in ("Allow", "Retry-After")},
        )
    except Exception:
        logger.exception("unhandled error on %s %s", request.method, request.path)
        return json_error(500, "internal_error", "The server failed to handle this request.")


async def read_body(request: web.Request, max_bytes: int, timeout: float) -> bytes:
    """The whole body, however many segments it arrives in, or a JSON error: 413 over
    `max_bytes`, 408 `body_timeout` when it has not all arrived within `timeout` seconds
    (a client that sends headers and then nothing must not hold a handler for ever)."""
    if request.content_length is not None and request.content_length > max_bytes:
        raise SignallingError(413, "too_large", f"The body is over the {max_bytes} byte limit.")
    body = bytearray()
    try:
        async with asyncio.timeout(timeout):
            # content.read(n) returns what has arrived so far: loop until the end.
            while chunk := await request.content.read(max_bytes + 1 - len(body)):
                body += chunk
                if len(body) > max_bytes:
                    raise SignallingError(413, "too_large", f"The body is over the {max_bytes} byte limit.")
    except TimeoutError:
        raise SignallingError(
            408, "body_timeout", f"The request body did not arrive within {timeout:g} s."
        ) from None
    return bytes(body)


async def read_json_object(request: web.Request, max_bytes: int, timeout: float) -> dict[str, Any]:
    if request.content_type != "application/json":
        raise SignallingError(415, "unsupported_media_type", "Send the offer as application/json.")
    body = await read_body(request, max_bytes, timeout)
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        raise SignallingError(400, "bad_json", "The body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise SignallingError(400, "bad_json", "The body must be a JSON object.")
    return data


def parse_offer(data: dict[str, Any]) -> RTCSessionDescription:
    sdp, kind = data.get("sdp"), data.get("type")
    if not isinstance(sdp, str) or not sdp.strip():
        raise SignallingError(400, "bad_request", "'sdp' must be a non-empty string.")
    if kind != "offer":
        raise SignallingError(400, "bad_request", "'type' must be \"offer\".")
    check_offer_sdp(sdp)
    return RTCSessionDescription(sdp=sdp, type="offer")


def check_offer_sdp(sdp: str) -> None:
    if not sdp.lstrip().startswith("v=0"):
        raise SignallingError(400, "bad_sdp", "The SDP must start with 'v=0'.")
    if "\nm=audio " not in sdp.replace("\r\n", "\n"):
        raise SignallingError(
            400, "bad_sdp", "The offer has no audio section; add an audio track or transceiver."
        )
    if not _OPUS.search(sdp):
        # aiortc would answer PCMU, then drop every frame the bridge cannot use.
        raise SignallingError(400, "bad_sdp", "The offer's audio needs Opus (a=rtpmap:... opus/48000/2).")
    mids = [line[6:].strip() for line in sdp.splitlines() if line.startswith("a=mid:")]
    if not all(mids) or len(set(mids)) != len(mids):
        # aiortc answers it with a transport missing, then fails inside its own tasks.
        raise SignallingError(400, "bad_sdp", "Each media section needs its own non-empty a=mid.")
    if "a=fingerprint:" not in sdp:
        # aiortc accepts it, then fails on an assertion in a task and lingers until timeout.
        raise SignallingError(400, "bad_sdp", "The offer has no DTLS fingerprint (a=fingerprint:).")


async def negotiate(
    pc: RTCPeerConnection, offer: RTCSessionDescription, add_tracks: Callable[[], None]
) -> None:
    """Apply the offer and create the answer; SDP problems become a 400 `bad_sdp`."""
    try:
        await pc.setRemoteDescription(offer)
        add_tracks()
        await pc.setLocalDescription(await pc.createAnswer())
        inline_media(pc, pcm24=True)  # the inbound pump wants 24 kHz mono
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, AssertionError) as exc:
        raise SignallingError(
            400, "bad_sdp", f"The offer SDP could not be used: {str(exc) or type(exc).__name__}"
        ) from exc
    except Exception as exc:
        # aiortc raises InvalidStateError / InvalidAccessError and friends for bad offers.
        if type(exc).__module__.startswith("aiortc"):
            raise SignallingError(400, "bad_sdp", f"The offer SDP could not be used: {exc}") from exc
        raise
