"""The Realtime upstream connects only once the model has applied the session: the
caller is told `listening` then, and audio said before it meets the new session."""

from __future__ import annotations

import asyncio
import json

import pytest
from aiohttp import WSMsgType, web
from conftest import serve_app

from voicertc.upstream import Upstream, UpstreamConfig, UpstreamError


class Model:
    """A Realtime server that answers `session.update` only once `answer` is set (with
    `reply`, or never)."""

    def __init__(self, reply: str | None) -> None:
        self.reply = reply
        self.answer = asyncio.Event()
        self.update_seen = asyncio.Event()
        self.appended = asyncio.Event()
        self.answered = False
        self.appended_after_answer: bool | None = None
        self.runner: web.AppRunner | None = None

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/v1/realtime", self._realtime)
        url, self.runner = await serve_app(app)
        return url.replace("http", "ws") + "/v1"

    async def _realtime(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"type": "session.created", "event_id": "e0", "session": {"type": "realtime"}})
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            event = json.loads(message.data)
            if event["type"] == "session.update":
                self.update_seen.set()
                if self.reply is None:
                    continue
                await self.answer.wait()
                self.answered = True
                await ws.send_json({"type": self.reply, "event_id": "e1", "session": event["session"]})
            elif event["type"] == "input_audio_buffer.append":
                self.appended_after_answer = self.answered
                self.appended.set()
        return ws


async def test_connect_waits_for_session_updated_and_hands_on_what_came_before() -> None:
    model = Model("session.updated")
    url = await model.start()
    got: list[str] = []
    handed_on = asyncio.Event()

    async def on_event(event: dict) -> None:
        got.append(event["type"])
        if event["type"] == "session.updated":
            handed_on.set()

    upstream = Upstream(UpstreamConfig(base_url=url, api_key="local"), on_event)
    try:
        connecting = asyncio.ensure_future(upstream.connect())
        await asyncio.wait_for(model.update_seen.wait(), 5)
        upstream.append_audio(b"\0\0" * 480)  # said while the session is being configured
        assert not connecting.done() and not upstream.connected
        model.answer.set()
        await asyncio.wait_for(connecting, 5)
        assert upstream.connected
        await asyncio.wait_for(handed_on.wait(), 5)
        assert got == ["session.created", "session.updated"]
        await asyncio.wait_for(model.appended.wait(), 5)
        assert model.appended_after_answer is True
    finally:
        await upstream.close()
        await model.runner.cleanup()


async def test_a_model_that_never_answers_the_configuration_is_an_upstream_error(monkeypatch) -> None:
    monkeypatch.setattr("voicertc.upstream.realtime._CONFIGURE_TIMEOUT_S", 0.3)
    model = Model(None)
    url = await model.start()

    async def on_event(event: dict) -> None:
        return None

    upstream = Upstream(UpstreamConfig(base_url=url, api_key="local"), on_event)
    try:
        with pytest.raises(UpstreamError, match="did not answer"):
            await asyncio.wait_for(upstream.connect(), 5)
        assert model.update_seen.is_set()
    finally:
        await upstream.close()
        await model.runner.cleanup()
