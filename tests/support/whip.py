"""WHIP's trickle (RFC 9725): a session's candidates PATCHed as an SDP fragment."""

from __future__ import annotations

import aiohttp

SDPFRAG = "application/trickle-ice-sdpfrag"


async def patch_fragment(
    http: aiohttp.ClientSession, url: str, fragment: str, content_type: str = SDPFRAG
) -> tuple[int, dict]:
    """PATCHes the WHIP session at `url` (its Location, absolute) with `fragment`: the
    status, and an error's JSON body ({} for a success)."""
    async with http.patch(url, data=fragment, headers={"Content-Type": content_type}) as response:
        return response.status, (await response.json() if response.status >= 400 else {})
