"""Signalling over real networks and from hostile clients: bodies that arrive in pieces
or never, bursts of offers, and the server keeps serving everyone else."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
from aiohttp import web
from aiortc import RTCPeerConnection

from voicertc import ServerConfig, create_app
from voicertc.edge.access import AccessPolicy
from voicertc.edge.ice import IceSettings, rtc_configuration
from voicertc.server import SERVER_KEY, VoiceServer


@dataclass
class GatedServer:
    """A server whose `reading` event is set as each request reaches its handler."""

    port: int
    server: VoiceServer
    reading: asyncio.Event

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextlib.asynccontextmanager
async def gated_server(**overrides: object) -> AsyncIterator[GatedServer]:
    reading = asyncio.Event()

    @web.middleware
    async def gate(request: web.Request, handler):  # type: ignore[no-untyped-def]
        # Runs on into the handler without yielding: once the test sees the event, the
        # handler has read (or is waiting for) what arrived so far.
        reading.set()
        return await handler(request)

    overrides.setdefault("ice", IceSettings(hosts=["127.0.0.1"]))
    overrides.setdefault("access", AccessPolicy(calls_per_minute=None))
    app = create_app(ServerConfig(host="127.0.0.1", port=0, **overrides))  # type: ignore[arg-type]
    app.middlewares.append(gate)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    running = GatedServer(port, app[SERVER_KEY], reading)
    try:
        yield running
    finally:
        for session in list(running.server.sessions.values()):
            await session.close()
        await runner.cleanup()


async def offer_sdp() -> str:
    """A real aiortc offer (audio + the events channel) with loopback candidates."""
    pc = RTCPeerConnection(rtc_configuration())
    try:
        pc.createDataChannel("events")
        pc.addTransceiver("audio", direction="sendrecv")
        await pc.setLocalDescription(await pc.createOffer())
        return pc.localDescription.sdp
    finally:
        await pc.close()


async def raw_request(
    server: GatedServer,
    method: str,
    path: str,
    content_type: str,
    parts: list[bytes],
    length: int | None = None,
) -> tuple[int, bytes, float]:
    """Sends the body in `parts`, each after the handler has started reading the one before;
    returns the status, the body and the seconds from the last part sent to the answer."""
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    try:
        size = sum(len(p) for p in parts) if length is None else length
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {size}\r\nConnection: close\r\n\r\n"
        ).encode()
        server.reading.clear()
        writer.write(head + (parts[0] if parts else b""))
        await writer.drain()
        for part in parts[1:]:
            await asyncio.wait_for(server.reading.wait(), 10)
            writer.write(part)
            await writer.drain()
        sent = asyncio.get_running_loop().time()
        head_bytes = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
        fields = dict(line.split(": ", 1) for line in head_bytes.decode().split("\r\n")[1:] if ": " in line)
        body = await asyncio.wait_for(reader.readexactly(int(fields.get("Content-Length", 0))), 10)
        took = asyncio.get_running_loop().time() - sent
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()
    return int(head_bytes.split(b" ", 2)[1]), body, took


def halves(data: bytes) -> list[bytes]:
    return [data[: len(data) // 2], data[len(data) // 2 :]]


async def test_offer_body_in_two_segments_is_read_whole() -> None:
    async with gated_server() as server:
        body = json.dumps({"sdp": await offer_sdp(), "type": "offer"}).encode()
        status, answer, _ = await raw_request(server, "POST", "/offer", "application/json", halves(body))
        assert status == 200, answer
        assert json.loads(answer)["type"] == "answer"
        assert len(server.server.sessions) == 1


async def test_whip_offer_and_patch_in_two_segments_are_read_whole() -> None:
    async with gated_server() as server:
        sdp = (await offer_sdp()).encode()
        status, answer, _ = await raw_request(server, "POST", "/whip", "application/sdp", halves(sdp))
        assert status == 201, answer
        assert answer.startswith(b"v=0")
        (session_id,) = server.server.sessions
        ufrag = next(line for line in sdp.decode().splitlines() if line.startswith("a=ice-ufrag:"))
        fragment = (
            f"{ufrag}\r\na=mid:0\r\n"
            "a=candidate:1 1 udp 2130706431 127.0.0.1 40001 typ host\r\n"
            "a=candidate:2 1 udp 2130706431 127.0.0.1 40002 typ host\r\n"
        ).encode()
        status, answer, _ = await raw_request(
            server, "PATCH", f"/whip/{session_id}", "application/trickle-ice-sdpfrag", halves(fragment)
        )
        assert status == 204, answer
        remote = server.server.sessions[session_id].pc.remoteDescription.sdp
        assert "127.0.0.1 40002 typ host" in remote


async def test_a_body_that_never_comes_gets_408_json_in_time() -> None:
    async with gated_server(body_timeout_seconds=0.5) as server:
        for path, content_type in (("/offer", "application/json"), ("/whip", "application/sdp")):
            # Headers promising 500 bytes, then a few, then nothing.
            status, answer, took = await raw_request(
                server, "POST", path, content_type, [b'{"sdp": "v=0'], length=500
            )
            assert status == 408, answer
            assert json.loads(answer)["error"]["code"] == "body_timeout"
            assert took < 5.0
        assert server.server.sessions == {}
        async with aiohttp.ClientSession() as http:  # and it still serves
            async with http.get(f"{server.url}/healthz") as response:
                assert response.status == 200


async def test_a_burst_of_offers_cannot_exceed_max_sessions() -> None:
    async with gated_server(max_sessions=1) as server:
        body = json.dumps({"sdp": await offer_sdp(), "type": "offer"})

        async def post(http: aiohttp.ClientSession) -> tuple[int, dict]:
            async with http.post(
                f"{server.url}/offer", data=body, headers={"Content-Type": "application/json"}
            ) as response:
                return response.status, await response.json()

        async with aiohttp.ClientSession() as http:
            answers = await asyncio.gather(*(post(http) for _ in range(30)))
        statuses = sorted(status for status, _ in answers)
        assert statuses == [200] + [503] * 29, statuses
        assert all(a["error"]["code"] == "server_full" for status, a in answers if status == 503)
        assert len(server.server.sessions) == 1


def without_opus(sdp: str) -> str:
    lines = sdp.splitlines()
    pt = next(line.split()[0].split(":")[1] for line in lines if "opus/48000" in line)
    kept = [line for line in lines if not line.startswith(f"a=rtpmap:{pt} ")
            and not line.startswith((f"a=fmtp:{pt} ", f"a=rtcp-fb:{pt} "))]  # fmt: skip
    unlisted = [" ".join(w for w in line.split(" ") if w != pt) if line.startswith("m=audio") else line
                for line in kept]  # fmt: skip
    return "\r\n".join(unlisted) + "\r\n"


async def test_offers_without_opus_or_fingerprint_are_bad_sdp() -> None:
    async with gated_server() as server:
        sdp = await offer_sdp()
        pcmu = without_opus(sdp)
        assert "PCMU/8000" in pcmu and "opus" not in pcmu.lower()
        no_fingerprint = "\r\n".join(x for x in sdp.splitlines() if not x.startswith("a=fingerprint"))
        empty_mid = sdp.replace("a=mid:0", "a=mid:")
        cases = ((pcmu, "Opus"), (no_fingerprint + "\r\n", "fingerprint"), (empty_mid, "a=mid"))
        async with aiohttp.ClientSession() as http:
            for bad, needle in cases:
                for path, kwargs in (
                    ("/offer", {"json": {"sdp": bad, "type": "offer"}}),
                    ("/whip", {"data": bad, "headers": {"Content-Type": "application/sdp"}}),
                ):
                    async with http.post(f"{server.url}{path}", **kwargs) as response:
                        assert response.status == 400, (path, needle)
                        error = (await response.json())["error"]
                        assert error["code"] == "bad_sdp" and needle in error["message"]
        assert server.server.sessions == {}


async def test_unparsable_requests_and_missing_files_get_json_and_one_log_line(caplog) -> None:
    caplog.set_level(logging.INFO)
    async with gated_server() as server:
        for request in (
            b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n",
            b"BLAH\r\n\r\n",
            b"GET /x HTTP/1.1\r\nHost: 127.0.0.1\r\nX: " + b"a" * 9000 + b"\r\n\r\n",
            b"POST /offer HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n",
        ):
            caplog.clear()
            reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
            writer.write(request)
            answer = await asyncio.wait_for(reader.read(), 10)  # the connection is closed after
            writer.close()
            head, _, body = answer.partition(b"\r\n\r\n")
            assert head.split(b" ")[1] == b"400", answer[:200]
            assert json.loads(body)["error"]["code"] == "bad_http"
            logged = [r for r in caplog.records if "unparsable request" in r.getMessage() or r.exc_info]
            assert len(logged) == 1 and logged[0].exc_info is None, [r.getMessage() for r in logged]
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{server.url}/static/no-such-file.js") as response:
                assert response.status == 404
                assert (await response.json())["error"]["code"] == "not_found"
