"""Trickle ICE on the JSON signalling: `PATCH /sessions/{id}` with the browser's candidates.

The page posts its offer as soon as it has a first candidate (`"trickle": true`) and sends
the rest as `RTCPeerConnection` hands them out: `{"candidates": [{"candidate",
"sdpMid", "sdpMLineIndex"}], "done": bool}`, `done` for the end of candidates.
"""

from __future__ import annotations

from typing import Any

from aiortc import RTCIceCandidate, RTCPeerConnection
from aiortc.sdp import candidate_from_sdp

from .signalling import SignallingError

MAX_CANDIDATES = 64


def candidate_line(line: str) -> RTCIceCandidate:
    """`a=candidate:...` (or without `a=`) parsed; a 400 `bad_sdp` when it is not one."""
    try:
        return candidate_from_sdp(line.removeprefix("a=").removeprefix("candidate:"))
    except (ValueError, IndexError, AssertionError) as exc:
        raise SignallingError(400, "bad_sdp", f"Bad candidate line: {line[:200]!r}") from exc


def parse_candidates(data: dict[str, Any]) -> tuple[list[RTCIceCandidate], bool]:
    """The candidates of a PATCH body and whether it ends them; bad input is a 400."""
    items, done = data.get("candidates", []), data.get("done", False)
    if not isinstance(items, list) or len(items) > MAX_CANDIDATES:
        raise SignallingError(400, "bad_request", f"'candidates' must be a list of at most {MAX_CANDIDATES}.")
    if not isinstance(done, bool):
        raise SignallingError(400, "bad_request", "'done' must be true or false.")
    candidates = []
    for item in items:
        line = item.get("candidate") if isinstance(item, dict) else None
        if not isinstance(line, str):
            raise SignallingError(400, "bad_request", "Each candidate needs a 'candidate' string.")
        if not line:
            continue  # the browser's empty end-of-candidates marker
        mid, index = item.get("sdpMid"), item.get("sdpMLineIndex")
        if not (isinstance(mid, str) or isinstance(index, int)):
            raise SignallingError(400, "bad_request", "Each candidate needs 'sdpMid' or 'sdpMLineIndex'.")
        candidate = candidate_line(line)
        candidate.sdpMid = mid if isinstance(mid, str) else None
        candidate.sdpMLineIndex = index if isinstance(index, int) else None
        candidates.append(candidate)
    return candidates, done


async def add_candidates(pc: RTCPeerConnection, candidates: list[RTCIceCandidate], done: bool) -> None:
    for candidate in candidates:
        await pc.addIceCandidate(candidate)
    if done:
        await pc.addIceCandidate(None)
