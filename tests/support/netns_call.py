"""A client run inside another network namespace (a container's, by `nsenter -t PID -n`):
checks `/healthz` and the page, makes a real aiortc call, speaks a command, and prints
what it saw as one JSON object for the test to assert on.

    nsenter -t PID -n python3 -m support.netns_call URL SPEECH.wav [--relay TURN_URL SECRET]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import wave
from typing import Any

import aiohttp
from aiortc import RTCIceServer

from support.net import reply_finished
from voicertc.client import CallClient
from voicertc.edge.ice import IceSettings
from voicertc.patches import install as configure_process


def _final(role: str):
    return lambda m: m.get("type") == "transcript" and m["role"] == role and m["final"]


async def _http_checks(url: str) -> dict[str, Any]:
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{url}/healthz") as response:
            health = {"status": response.status, "body": await response.json(content_type=None)}
        async with http.get(f"{url}/") as response:
            page = {"status": response.status, "type": response.content_type, "body": await response.text()}
        async with http.get(f"{url}/config") as response:
            config = await response.json(content_type=None)
    return {"healthz": health, "page": page, "config": config}


async def _call(url: str, pcm: bytes, config: dict[str, Any]) -> dict[str, Any]:
    servers = [
        RTCIceServer(**{k: v for k, v in s.items() if k in ("urls", "username", "credential")})
        for s in config.get("iceServers", [])
        if "username" in s
    ]
    client = CallClient(url, ice_servers=servers, transport_policy=config.get("iceTransportPolicy", "all"))
    try:
        await client.connect(timeout=20)
        # A fresh server's first call may wait for its speech models.
        await client.wait_type("state", state="listening", timeout=90)
        mark, since = len(client.received), len(client.messages)
        client.say(pcm)
        user = await client.wait_for(_final("user"), timeout=60, since=since)
        effects = await client.wait_for(
            lambda m: m.get("type") == "effects" and any(e["effect"] == "reverb" for e in m["chain"]),
            timeout=30,
            since=since,
        )
        assistant = await client.wait_for(_final("assistant"), timeout=30, since=since)
        await reply_finished(client, since, timeout=60)
        sdp = client.pc.localDescription.sdp
        return {
            "user": user["text"],
            "chain": effects["chain"],
            "assistant": assistant["text"],
            "loud_frames": client.loud_frames(mark),
            "candidate_types": sorted(
                {
                    line.split(" typ ")[1].split()[0]
                    for line in sdp.splitlines()
                    if line.startswith("a=candidate:")
                }
            ),
        }
    finally:
        await client.hang_up()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("wav")
    args = parser.parse_args()
    # aioice skips loopback host candidates unless told: this namespace has nothing else.
    configure_process(IceSettings(hosts=["127.0.0.1"]))
    with wave.open(args.wav) as speech:
        pcm = speech.readframes(speech.getnframes())
    seen = await _http_checks(args.url)
    seen["call"] = await _call(args.url, pcm, seen["config"])
    print(json.dumps(seen))


if __name__ == "__main__":
    asyncio.run(main())
