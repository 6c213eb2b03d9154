"""Embedding: voicertc mounted in a host aiohttp app, and attached to a host-owned peer."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web
from aiortc import RTCPeerConnection, RTCSessionDescription
from conftest import serve_app

from voicertc import ServerConfig, SessionOptions, UpstreamConfig
from voicertc.client import CallClient
from voicertc.edge.ice import IceSettings, rtc_configuration
from voicertc.embed import attach, mount


@pytest.fixture
async def host() -> AsyncIterator[tuple[str, web.Application, list]]:
    """A host app with its own routes, voicertc under /voice, and a host-owned peer route."""
    app = web.Application()
    sessions: list = []

    async def hello(request: web.Request) -> web.Response:
        return web.json_response({"host": "yes"})

    async def host_offer(request: web.Request) -> web.Response:
        body = await request.json()
        pc = RTCPeerConnection(rtc_configuration())
        options = SessionOptions(
            upstream=UpstreamConfig(base_url=f"ws://127.0.0.1:{request.url.port}/voice/v1", voice="cedar"),
            tools={
                "get_weather": (
                    {
                        "type": "function",
                        "name": "get_weather",
                        "description": "Weather",
                        "parameters": {},
                    },
                    lambda args: {"sky": "clear"},
                )
            },
        )
        session = await attach(pc, options)
        sessions.append(session)
        await pc.setRemoteDescription(RTCSessionDescription(body["sdp"], body["type"]))
        await pc.setLocalDescription(await pc.createAnswer())
        return web.json_response({"sdp": pc.localDescription.sdp, "type": "answer", "session_id": session.id})

    app.router.add_get("/hello", hello)
    app.router.add_post("/host/offer", host_offer)
    mount(app, "/voice", ServerConfig(ice=IceSettings(hosts=["127.0.0.1"])))
    url, runner = await serve_app(app)
    try:
        yield url, app, sessions
    finally:
        for session in sessions:
            await session.close()
        await runner.cleanup()


async def test_mounted_under_a_prefix_beside_host_routes(host, speech) -> None:
    url, _, _ = host
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{url}/hello") as response:
            assert await response.json() == {"host": "yes"}
        async with http.get(f"{url}/voice/healthz") as response:
            assert (await response.json())["upstream"] == "embedded"
        async with http.get(f"{url}/voice/") as response:
            assert response.status == 200
    client = CallClient(f"{url}/voice")
    try:
        await client.connect()
        await client.wait_type("state", state="listening", timeout=20)
        client.say(speech("add some delay"))
        effects = await client.wait_for(
            lambda m: m.get("type") == "effects" and any(e["effect"] == "delay" for e in m["chain"]),
            timeout=20,
        )
        assert effects["chain"][0]["effect"] == "delay"
    finally:
        await client.hang_up()


async def test_attach_to_a_host_owned_peer_connection(host) -> None:
    url, _, sessions = host
    client = CallClient(f"{url}/host")
    try:
        await client.connect()
        session = sessions[0]
        events: dict[str, list] = {"transcript": [], "effects": [], "state": []}
        got_effect = asyncio.Event()
        for kind, bucket in events.items():
            session.on(kind, bucket.append)
        session.on("effects", lambda payload: got_effect.set())
        await client.wait_type("state", state="listening", timeout=20)
        hello = await client.wait_type("session")
        assert hello["voice"] == "cedar" and hello["upstream"] == "custom"

        # The host drives the session directly, and hears about it through pyee events.
        await session.apply_effect("add", "reverb")
        await asyncio.wait_for(got_effect.wait(), 5)
        assert events["effects"][-1]["chain"][0]["effect"] == "reverb"
        await session.send_text("what effects are on")
        answer = await client.wait_for(
            lambda m: m.get("type") == "transcript" and m["role"] == "assistant" and m["final"],
            timeout=20,
        )
        assert "reverb" in answer["text"].lower()
        assert any(t["role"] == "assistant" and t["final"] for t in events["transcript"])
        await client.wait_loud(frames=10, timeout=20)
    finally:
        await client.close()
    closed = asyncio.Event()
    session.on("closed", closed.set)
    await asyncio.wait_for(session.close(), 10)
    assert session.closed
