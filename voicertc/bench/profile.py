"""Where the server's CPU goes during the window: py-spy samples, grouped by what they serve.

Optional (`--profile`, needs the `py-spy` binary): it samples the server without pausing
it (`--nonblocking`), though its own CPU use adds to the machine's load.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from .procs import remove_quietly, stop_process

# First match wins, tried in this order against the whole stack.
_CATEGORIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("embedded endpoint (VAD, its JSON and base64)", ("voicertc/assistant/",)),
    ("upstream client (openai SDK websocket)", ("voicertc/upstream/", "openai/", "websockets/")),
    (
        "outbound media (pacing, Opus encode, RTP send)",
        ("rtcrtpsender", "voicertc/audio/outbound", "OpusEncoder"),
    ),
    (
        "inbound media (RTP receive, Opus decode, resample)",
        ("rtcrtpreceiver", "voicertc/audio/inbound", "OpusDecoder"),
    ),
    ("DTLS / SRTP / SCTP / ICE", ("rtcdtlstransport", "pylibsrtp", "rtcsctptransport", "aioice")),
    # Not plain "aiohttp/": every main-thread stack starts in aiohttp's run_app.
    (
        "HTTP and WebSocket I/O (aiohttp)",
        ("aiohttp/web_protocol", "aiohttp/web_ws", "aiohttp/http_", "aiohttp/_http", "aiohttp/client"),
    ),
    ("data channel and session", ("voicertc/session", "voicertc/edge/", "pyee")),
    ("executor hand-offs (thread pool)", ("concurrent/futures/thread.py",)),
)
_OTHER = "event loop and other"
_NATIVE_LOOP = "native event loop (uvloop: polling, socket I/O)"


def available() -> bool:
    return shutil.which("py-spy") is not None


async def record(pid: int, seconds: float, rate: int = 100) -> dict[str, Any]:
    """Samples `pid` for `seconds`; returns the grouped profile (or why there is none)."""
    exe = shutil.which("py-spy")
    if exe is None:
        return {"error": "py-spy is not installed (pip install py-spy)"}
    out = tempfile.NamedTemporaryFile(prefix="voicertc-bench-", suffix=".raw", delete=False)
    out.close()
    proc = await asyncio.create_subprocess_exec(
        exe,
        "record",
        "--pid",
        str(pid),
        "--duration",
        str(max(1, round(seconds))),
        "--rate",
        str(rate),
        "--format",
        "raw",
        "--output",
        out.name,
        "--nonblocking",
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        _, err = await asyncio.wait_for(proc.communicate(), seconds + 30)
        if proc.returncode != 0:
            return {"error": f"py-spy failed: {err.decode(errors='replace')[-500:]}"}
        return summarise(_read(out.name))
    finally:
        await stop_process(proc, grace_s=1)
        remove_quietly(out.name)


def _read(path: str) -> str:
    return Path(path).read_text(errors="replace")


def summarise(raw: str, top: int = 15) -> dict[str, Any]:
    """py-spy's raw (collapsed) stacks to shares by category and the hottest functions."""
    categories: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        total += count
        leaves[stack.rsplit(";", 1)[-1]] += count
        categories[_category(stack)] += count
    if not total:
        return {"samples": 0}
    return {
        "samples": total,
        "categories_percent": {k: round(100 * v / total, 1) for k, v in categories.most_common()},
        "top_self_percent": [[round(100 * v / total, 1), k] for k, v in leaves.most_common(top)],
    }


def _category(stack: str) -> str:
    # A sample whose innermost Python frame is run_app: the thread is in native code under
    # it, which with uvloop is the loop itself (libuv polling, its transports' socket calls).
    if stack.rsplit(";", 1)[-1].startswith("run_app ("):
        return _NATIVE_LOOP
    for name, needles in _CATEGORIES:
        if any(n in stack for n in needles):
            return name
    return _OTHER
