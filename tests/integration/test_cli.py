"""`voicertc serve` as a real process: config errors, serving a call, graceful SIGTERM."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys

import aiohttp
import pytest
from support.serve_process import free_port

from voicertc.client import CallClient


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--port", "70000"], "--port"),
        (["--ice-port-range", "5000-4000"], "port"),
        (["--ice-transport-policy", "relay"], "TURN"),
        (["--rate-limit", "-1"], "--rate-limit"),
        (["--allowed-origin", "nope"], "--allowed-origin"),
        (["--ice-server", "http://example"], "stun"),
        (["--body-timeout", "0"], "--body-timeout"),
        (["--ice-peer-addresses", "public,lan"], "--ice-peer-addresses"),
        (["--public-origin", "voice.example"], "--public-origin"),
        (["--trusted-proxy", "10.0.0.0/33"], "--trusted-proxy"),
    ],
)
def test_bad_config_exits_2_with_a_clear_message(args: list[str], needle: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "voicertc", "serve", *args], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "configuration error" in done.stderr and needle.lower() in done.stderr.lower()
    assert "Traceback" not in done.stderr


async def test_serve_then_sigterm_tells_the_caller_and_exits() -> None:
    port = free_port()
    # Without a drain SIGTERM ends the calls at once (the drain has tests of its own).
    env = {**os.environ, "VOICERTC_ICE_HOSTS": "127.0.0.1", "VOICERTC_LOG_FORMAT": "json"}
    env["VOICERTC_DRAIN_SECONDS"] = "0"
    env.pop("OPENAI_API_KEY", None)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "voicertc", "serve", "--port", str(port),
        env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    assert proc.stdout is not None
    url = f"http://127.0.0.1:{port}"
    lines: list[bytes] = []
    ready = asyncio.Event()

    async def read_output() -> None:
        # Always drained: an unread pipe would block the server's logging and our wait().
        async for line in proc.stdout:  # type: ignore[union-attr]
            lines.append(line)
            if b"voicertc on http" in line:
                ready.set()

    reader = asyncio.create_task(read_output())
    try:
        await asyncio.wait_for(ready.wait(), 60)
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{url}/healthz") as response:
                assert (await response.json())["upstream"] == "embedded"
        client = CallClient(url)
        await client.connect()
        await client.wait_type("state", state="listening", timeout=30)
        proc.send_signal(signal.SIGTERM)
        notice = await client.wait_type("notice", timeout=15)
        assert notice["reason"] == "server_shutdown" and notice["message"]
        await client.wait_type("state", state="ended", timeout=15)
        assert await asyncio.wait_for(proc.wait(), 20) == 0
        await client.close()
        await asyncio.wait_for(reader, 10)
        records = [json.loads(line) for line in lines if line.startswith(b"{")]
        assert records, lines[:5]
        assert all({"ts", "level", "logger", "message"} <= set(r) for r in records)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        reader.cancel()
