"""Appends go onto the SDK's websocket directly, in order, as the SDK would send them."""

from __future__ import annotations

import asyncio
import base64
import json
from types import SimpleNamespace
from typing import Any

from aiohttp import web
from support.scripted_model import ScriptedModel

from voicertc.upstream import Upstream, UpstreamConfig
from voicertc.upstream.raw_send import raw_sender


async def _sdk_send_raw(data: str) -> None:
    return None


async def _ws_send(data: str) -> None:
    return None


def _connection(**fields: Any) -> Any:
    defaults = {
        "_connection": SimpleNamespace(send=_ws_send),
        "_on_reconnecting": None,
        "_send_queue": [],
        "send_raw": _sdk_send_raw,
    }
    return SimpleNamespace(**{**defaults, **fields})


def test_without_reconnection_the_websocket_sends_itself() -> None:
    assert raw_sender(_connection()) is _ws_send


def test_a_reconnecting_sdk_or_its_backlog_keeps_the_sdk_send() -> None:
    assert raw_sender(_connection(_on_reconnecting=lambda event: None)) is _sdk_send_raw
    assert raw_sender(_connection(_send_queue=["queued while reconnecting"])) is _sdk_send_raw


def test_an_sdk_that_changed_shape_keeps_its_own_send() -> None:
    assert raw_sender(SimpleNamespace(send_raw=_sdk_send_raw)) is _sdk_send_raw
    assert raw_sender(_connection(_connection=None)) is _sdk_send_raw


async def test_the_upstream_sends_appends_on_the_sdks_own_websocket_in_order() -> None:
    appended: list[dict] = []
    got_all = asyncio.Event()

    async def script(ws: web.WebSocketResponse, event: dict) -> None:
        if event["type"] == "session.update":
            await ws.send_json({"type": "session.updated", "event_id": "e1", "session": event["session"]})
        elif event["type"] == "input_audio_buffer.append":
            appended.append(event)
            if len(appended) == 20:
                got_all.set()

    model = ScriptedModel(script)
    url = await model.start()

    async def on_event(event: dict) -> None:
        return None

    upstream = Upstream(UpstreamConfig(base_url=url), on_event)
    try:
        await upstream.connect()
        # The real SDK connection takes the direct way: were it to lose it (an SDK
        # upgrade), this fails rather than the benchmark quietly getting slower.
        assert raw_sender(upstream._connection) == upstream._connection._connection.send
        frames = [bytes([k]) * 960 for k in range(20)]
        for frame in frames:
            upstream.append_audio(frame)
        await asyncio.wait_for(got_all.wait(), 5)
    finally:
        await upstream.close()
        await model.close()
    assert [base64.b64decode(e["audio"]) for e in appended] == frames
    assert all(set(e) == {"type", "audio"} for e in appended)
    json.dumps(appended)  # plain JSON text frames, as the SDK sends
