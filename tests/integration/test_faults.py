"""Fault injection: the upstream dies, talks garbage or errors; the client vanishes."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import WSMsgType, web
from conftest import RunningServer, listening_call, serve_app, start_server

from voicertc.client import CallClient


class FaultyProxy:
    """A WebSocket relay between the bridge and the embedded endpoint that can misbehave."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.connections: list[tuple[web.WebSocketResponse, aiohttp.ClientWebSocketResponse]] = []
        self.connected = asyncio.Event()
        self.url = ""
        # Connections (by their bridge-side socket) whose model has gone silent.
        self._frozen: set[int] = set()
        #: What the bridge sent on each connection, in order.
        self.sent: list[list[dict]] = []
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/v1/realtime", self._handle)
        url, self._runner = await serve_app(app)
        self.url = url.replace("http", "ws") + "/v1"

    async def _handle(self, request: web.Request) -> web.WebSocketResponse:
        downstream = web.WebSocketResponse()
        await downstream.prepare(request)
        async with aiohttp.ClientSession() as http:
            async with http.ws_connect(f"{self.target}?{request.query_string}") as upstream:
                self.connections.append((downstream, upstream))
                sent: list[dict] = []
                self.sent.append(sent)
                self.connected.set()

                async def pump(src, dst, log: list[dict] | None = None) -> None:
                    async for message in src:
                        if message.type == WSMsgType.TEXT and id(dst) not in self._frozen:
                            if log is not None:
                                log.append(json.loads(message.data))
                            await dst.send_str(message.data)
                    await dst.close()

                tasks = [
                    asyncio.create_task(pump(downstream, upstream, sent)),
                    asyncio.create_task(pump(upstream, downstream)),
                ]
                await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
        return downstream

    async def kill(self) -> None:
        """Drop every connection at once, as a crashed or restarted upstream would."""
        self.connected.clear()
        for downstream, upstream in self.connections:
            await upstream.close()
            await downstream.close(code=1011)
        self.connections.clear()

    def freeze(self) -> None:
        """The model stops answering on today's connections, which stay open."""
        self._frozen.update(id(downstream) for downstream, _ in self.connections)

    async def inject(self, text: str) -> None:
        for downstream, _ in self.connections:
            await downstream.send_str(text)

    async def stop(self) -> None:
        await self.kill()
        if self._runner is not None:
            await self._runner.cleanup()


@pytest.fixture
async def proxied() -> AsyncIterator[tuple[RunningServer, FaultyProxy]]:
    running, runner = await start_server(media_timeout_seconds=2.0, reply_timeout_seconds=3.0)
    proxy = FaultyProxy(running.url.replace("http", "ws") + "/v1/realtime")
    await proxy.start()
    running.server.config.upstream_url = proxy.url
    try:
        yield running, proxy
    finally:
        await proxy.stop()
        await runner.cleanup()


async def test_upstream_killed_mid_response_reconnects_and_the_call_goes_on(proxied) -> None:
    running, proxy = proxied
    async with listening_call(running.url) as client:
        client.send({"type": "text", "text": "what effects are on"})
        answer = await client.wait_for(
            lambda m: m.get("type") == "transcript" and m["role"] == "assistant" and m["final"], timeout=20
        )
        client.send({"type": "text", "text": "help"})
        await client.wait_type("state", state="speaking", since=len(client.messages), timeout=20)
        since = len(client.messages)
        await proxy.kill()
        await client.wait_type("state", state="reconnecting", since=since, timeout=10)
        await client.wait_for(
            lambda m: m.get("type") == "state" and m["state"] in ("listening", "speaking"),
            since=since + 1,
            timeout=15,
        )
        since = len(client.messages)
        client.send({"type": "text", "text": "add some reverb"})
        effects = await client.wait_type("effects", since=since, timeout=20)
        assert effects["chain"][0]["effect"] == "reverb"
        assert len(running.server.sessions) == 1
        # The new connection was told the conversation so far before the new turn.
        items = [m["item"] for m in proxy.sent[-1] if m["type"] == "conversation.item.create"]
        said = [(i["role"], i["content"][0]["text"]) for i in items if i["type"] == "message"]
        assert said[:4] == [
            ("user", "what effects are on"),
            ("assistant", answer["text"]),
            ("user", "help"),  # its answer was cut off with the connection: not replayed
            ("user", "add some reverb"),
        ]


async def test_a_silent_upstream_is_replaced_and_the_caller_told(proxied) -> None:
    running, proxy = proxied
    async with listening_call(running.url) as client:
        proxy.freeze()
        since = len(client.messages)
        client.send({"type": "text", "text": "add some reverb"})
        error = await client.wait_type("error", since=since, code="upstream_stalled", timeout=10)
        assert "did not answer in 3 seconds" in error["message"]
        reconnecting = await client.wait_type("state", state="reconnecting", since=since, timeout=10)
        after = next(i for i in range(since, len(client.messages)) if client.messages[i] is reconnecting)
        await client.wait_type("state", state="listening", since=after, timeout=15)
        since = len(client.messages)
        client.send({"type": "text", "text": "add some delay"})
        effects = await client.wait_type("effects", since=since, timeout=20)
        assert [e["effect"] for e in effects["chain"]] == ["delay"]  # the frozen turn never ran
        assert len(proxy.connections) == 2


async def test_an_upstream_that_goes_silent_mid_answer_is_replaced(proxied) -> None:
    running, proxy = proxied
    async with listening_call(running.url) as client:
        since = len(client.messages)
        client.send({"type": "text", "text": "help"})  # a long answer, streamed at speaking pace
        await client.wait_type("state", state="speaking", since=since, timeout=20)
        proxy.freeze()
        await client.wait_type("error", since=since, code="upstream_stalled", timeout=10)
        reconnecting = await client.wait_type("state", state="reconnecting", since=since, timeout=10)
        after = next(i for i in range(since, len(client.messages)) if client.messages[i] is reconnecting)
        await client.wait_type("state", state="listening", since=after, timeout=15)


@pytest.mark.realtime_garbage
async def test_upstream_garbage_and_errors_reach_the_client_in_plain_words(proxied) -> None:
    running, proxy = proxied
    async with listening_call(running.url) as client:
        since = len(client.messages)
        await proxy.inject("this is not json")
        await proxy.inject('{"no": "type"}')
        await proxy.inject(
            '{"type": "error", "error": {"type": "server_error", "message": "The model is overloaded."}}'
        )
        error = await client.wait_type("error", since=since, timeout=10)
        assert error["code"] == "upstream_error"
        assert error["message"] == "The model is overloaded."
        client.send({"type": "ping", "id": "still-there"})
        await client.wait_type("pong", since=since, id="still-there")
        client.send({"type": "text", "text": "what effects are on"})
        await client.wait_for(
            lambda m: m.get("type") == "transcript" and m["role"] == "assistant" and m["final"],
            since=since,
            timeout=20,
        )


async def test_a_vanished_client_is_torn_down(proxied) -> None:
    running, _ = proxied
    client = CallClient(running.url)
    await client.connect()
    await client.wait_type("state", state="listening", timeout=20)
    session = running.server.sessions[client.session_id]
    closed = asyncio.Event()
    session.on("closed", closed.set)
    # The client disappears without a word: its sockets just stop.
    for transceiver in client.pc.getTransceivers():
        connection = transceiver.sender.transport.transport.iceGatherer._connection
        for protocol in connection._protocols:
            protocol.transport.close()
    client.mic.stop()
    await asyncio.wait_for(closed.wait(), 15)
    assert running.server.sessions == {}
    assert session.pc.connectionState == "closed"
    await client.close()
