"""`voicertc serve --workers 2`: both processes take calls; resumes and hang-ups reach the owner."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

import aiohttp
from support.serve_process import free_port

from voicertc.client import CallClient
from voicertc.edge.ice import IceSettings
from voicertc.patches import install as configure_process


async def test_two_workers_share_the_port_and_forward_hang_ups() -> None:
    # The callers' own peers need a loopback candidate too (other modules set this before;
    # alone, every offer was refused and the test hung on the orphaned workers' pipe).
    configure_process(IceSettings(hosts=["127.0.0.1"]))
    port = free_port()
    env = {**os.environ, "VOICERTC_ICE_HOSTS": "127.0.0.1", "VOICERTC_RATE_LIMIT": "0"}
    env.pop("OPENAI_API_KEY", None)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "voicertc", "serve", "--port", str(port), "--workers", "2",
        env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    ready = asyncio.Event()
    listening: set[bytes] = set()

    async def read_output() -> None:
        async for line in proc.stdout:  # type: ignore[union-attr]
            if b"of 2 listening" in line:
                listening.add(line.split(b"worker ")[1][:1])
                if len(listening) == 2:
                    ready.set()

    reader = asyncio.create_task(read_output())
    url = f"http://127.0.0.1:{port}"
    clients: list[CallClient] = []
    try:
        await asyncio.wait_for(ready.wait(), 60)
        owners: set[str] = set()
        while len(owners) < 2 and len(clients) < 12:
            client = CallClient(url)
            clients.append(client)
            await client.connect()
            assert client.session_id is not None
            owners.add(client.session_id.split(".")[0])
        assert owners == {"w0", "w1"}
        # Whichever worker a scrape lands on answers for both, each sample labelled.
        async with aiohttp.ClientSession() as http:
            for _ in range(4):
                async with http.get(f"{url}/metrics") as response:
                    text = await response.text()
                sessions = {
                    line.split('worker="')[1][0]: float(line.split()[-1])
                    for line in text.splitlines()
                    if line.startswith("voicertc_sessions{")
                }
                assert set(sessions) == {"0", "1"} and sum(sessions.values()) == len(clients)
                assert text.count("# TYPE voicertc_sessions ") == 1
        # A resume lands on whichever worker the kernel picks too, and reaches the owner.
        for i, client in enumerate(list(clients)):
            await client.close()  # the caller's connection drops
            back = CallClient(url)
            clients[i] = back
            await back.connect(resume=client.resume_token)
            assert back.session_id == client.session_id
            assert back.resume_token and back.resume_token.startswith(client.session_id.split(".")[0] + ".")
        # Each hang-up lands on whichever worker the kernel picks; all must reach the owner,
        # and the page's Origin must pass there too (the owner sees the Host it was sent to).
        async with aiohttp.ClientSession(headers={"Origin": url}) as http:
            first, second = [], []
            for client in clients:
                async with http.delete(f"{url}/sessions/{client.session_id}") as response:
                    first.append(response.status)
                async with http.delete(f"{url}/sessions/{client.session_id}") as response:
                    second.append(response.status)
                    assert (await response.json())["error"]["code"] == "not_found"
            assert first == [204] * len(clients)
            assert second == [404] * len(clients)
        proc.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(proc.wait(), 30) == 0
    finally:
        for client in clients:
            await client.close()
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        reader.cancel()
