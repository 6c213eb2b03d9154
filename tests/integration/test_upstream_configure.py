"""Both upstreams connect only once the model has answered the session's configuration
(Realtime's `session.update`, Live's `session.start`): the caller is told `listening`
then, and audio said before it meets the new session."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web
from support.scripted_model import ScriptedModel

from voicertc.protocol import live as lv
from voicertc.upstream import LiveUpstream, Upstream, UpstreamConfig, UpstreamError

#: Per protocol: its configuration event and audio append.
PROTOCOLS = {
    "realtime": ("session.update", "input_audio_buffer.append"),
    "live": ("session.start", "session.input_audio.append"),
}


class Model(ScriptedModel):
    """A Realtime or Live model that answers the session's configuration only once
    `answer` is set (with an event of type `reply`, or never)."""

    def __init__(self, reply: str | None, protocol: str = "realtime") -> None:
        super().__init__(self._script, protocol)
        self.reply = reply
        self.configure, self.append = PROTOCOLS[protocol]
        self.answer = asyncio.Event()
        self.update_seen = asyncio.Event()
        self.appended = asyncio.Event()
        self.answered = False
        self.appended_after_answer: bool | None = None

    async def _script(self, ws: web.WebSocketResponse, event: dict) -> None:
        if event["type"] == self.configure:
            self.update_seen.set()
            if self.reply is None:
                return
            await self.answer.wait()
            self.answered = True
            await ws.send_json({"event_id": "e1", **self._reply(event)})
        elif event["type"] == self.append:
            self.appended_after_answer = self.answered
            self.appended.set()

    def _reply(self, configuration: dict) -> dict:
        if self.reply == "error":
            error = {"type": "invalid_request_error", "code": "refused", "message": "no such model"}
            return {"type": "error", "error": error}
        if self.reply == "session.started":
            session = configuration["session"]
            return lv.session_started(lv.session_resource("sess_1", session["model"], "marin", "", 2**31 - 1))
        return {"type": self.reply, "session": configuration["session"]}


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
        await model.close()


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
        await model.close()


async def test_live_connect_waits_for_session_started() -> None:
    model = Model("session.started", "live")
    url = await model.start()
    got: list[str] = []

    async def on_event(event: dict) -> None:
        got.append(event["type"])

    upstream = LiveUpstream(UpstreamConfig(base_url=url, api_key="local", protocol="live"), on_event)
    try:
        connecting = asyncio.ensure_future(upstream.connect())
        await asyncio.wait_for(model.update_seen.wait(), 5)
        upstream.append_audio(b"\0\0" * 480)  # said while the session is starting
        assert not connecting.done() and not upstream.connected
        model.answer.set()
        await asyncio.wait_for(connecting, 5)
        assert upstream.connected
        await asyncio.wait_for(model.appended.wait(), 5)
        assert model.appended_after_answer is True
        assert got == []  # session.started has no Realtime counterpart for the session
    finally:
        await upstream.close()
        await model.close()


@pytest.mark.parametrize(
    ("reply", "message"),
    [(None, "did not answer the session's configuration"), ("error", "did not start: no such model")],
)
async def test_a_live_session_that_never_starts_is_an_upstream_error(monkeypatch, reply, message) -> None:
    monkeypatch.setattr("voicertc.upstream.realtime._CONFIGURE_TIMEOUT_S", 0.3)
    model = Model(reply, "live")
    model.answer.set()
    url = await model.start()

    async def on_event(event: dict) -> None:
        return None

    upstream = LiveUpstream(UpstreamConfig(base_url=url, api_key="local", protocol="live"), on_event)
    try:
        with pytest.raises(UpstreamError, match=message):
            await asyncio.wait_for(upstream.connect(), 5)
        assert model.update_seen.is_set() and not upstream.connected
    finally:
        await upstream.close()
        await model.close()
