"""The browser client's files: the page, its assets and the embeddable client library."""

from __future__ import annotations

import os
from pathlib import Path

from aiohttp import web

from .signalling import SignallingError

# The page ships inside the package (package data); VOICERTC_WEB_DIR serves another copy.
WEB_DIR = Path(os.environ.get("VOICERTC_WEB_DIR", Path(__file__).resolve().parent.parent / "web"))
CLIENT_SCRIPT = "voicertc-client.js"
CLIENT_TYPES = "voicertc-client.d.ts"


def web_file(name: str, what: str, headers: dict[str, str]) -> web.FileResponse:
    """``name`` from the web directory, never cached stale; a clear 404 if it is missing."""
    path = WEB_DIR / name
    if not path.is_file():
        raise SignallingError(404, "not_found", f"{what} is missing: {path} does not exist.")
    return web.FileResponse(path, headers={"Cache-Control": "no-cache", **headers})
