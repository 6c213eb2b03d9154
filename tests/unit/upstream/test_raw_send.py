"""Appends go onto the SDK's websocket directly, in order, as the SDK would send them."""

from __future__ import annotations

import asyncio
import base64
import json
from types import SimpleNamespace
from typing import Any

from aiohttp import web
from support.scripted_model import ScriptedModel
from websockets.protocol import State

from voicertc.upstream import Upstream, UpstreamConfig
from voicertc.upstream.raw_send import direct_writer, raw_sender


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


class _Websocket:
    """What `direct_writer` reads of a websockets connection, with what it wrote."""

    def __init__(self) -> None:
        self.protocol = SimpleNamespace(state=State.OPEN, send_text=self._frame)
        self.fragmented_send_waiter: object | None = None
        self.paused = False
        self.transport = SimpleNamespace(is_closing=lambda: self.closing, abort=self._abort)
        self.closing = False
        self.aborted = False
        self.fail_writes = False
        self.framed: list[bytes] = []
        self.written: list[bytes] = []

    def _frame(self, data: bytes) -> None:
        self.framed.append(data)

    def _abort(self) -> None:
        self.aborted = True

    def send_data(self) -> None:
        if self.fail_writes:
            raise OSError("broken pipe")
        self.written += self.framed
        self.framed = []

    async def send(self, data: str) -> None:
        return None


def test_a_direct_write_goes_out_only_when_websockets_would_not_wait() -> None:
    websocket = _Websocket()
    write = direct_writer(_connection(_connection=websocket))
    assert write is not None
    assert write("a") and websocket.written == [b"a"]
    for setting in ("paused", "fragmented", "closing", "closed"):
        websocket = _Websocket()
        if setting == "paused":
            websocket.paused = True
        elif setting == "fragmented":
            websocket.fragmented_send_waiter = object()
        elif setting == "closing":
            websocket.closing = True
        else:
            websocket.protocol.state = State.CLOSING
        write = direct_writer(_connection(_connection=websocket))
        assert write is not None and not write("a"), setting
        assert websocket.written == [] and websocket.framed == [], setting


def test_a_failed_socket_write_ends_the_connection_not_the_frame_path() -> None:
    websocket = _Websocket()
    websocket.fail_writes = True
    write = direct_writer(_connection(_connection=websocket))
    assert write is not None and write("a")  # taken (not queued again), and raised nothing
    assert websocket.aborted


def test_no_direct_write_where_the_sdk_sends_itself() -> None:
    assert direct_writer(_connection(_on_reconnecting=lambda event: None)) is None
    assert direct_writer(_connection()) is None  # a websocket without the expected parts


async def test_appends_arrive_in_order_written_at_once_or_queued_behind_a_full_socket() -> None:
    appended: list[dict] = []
    got_all = asyncio.Event()

    async def script(ws: web.WebSocketResponse, event: dict) -> None:
        if event["type"] == "session.update":
            await ws.send_json({"type": "session.updated", "event_id": "e1", "session": event["session"]})
        elif event["type"] == "input_audio_buffer.append":
            appended.append(event)
            if len(appended) == 30:
                got_all.set()

    model = ScriptedModel(script)
    url = await model.start()

    async def on_event(event: dict) -> None:
        return None

    upstream = Upstream(UpstreamConfig(base_url=url), on_event)
    frames = [bytes([k]) * 960 for k in range(30)]
    try:
        await upstream.connect()
        # The real SDK connection takes the direct ways: were it to lose them (an SDK or
        # websockets upgrade), this fails rather than the server quietly getting slower.
        websocket = upstream._connection._connection
        assert raw_sender(upstream._connection) == websocket.send
        assert upstream._write_now is not None
        for frame in frames[:10]:
            upstream.append_audio(frame)
        assert upstream._queue.empty()  # written at once
        websocket.pause_writing()  # the socket's buffer is full: websockets would wait
        for frame in frames[10:20]:
            upstream.append_audio(frame)
        await asyncio.sleep(0)  # the send task takes one and waits for the socket
        websocket.resume_writing()
        for frame in frames[20:]:
            upstream.append_audio(frame)  # behind what is queued, not before it
        await asyncio.wait_for(got_all.wait(), 5)
    finally:
        await upstream.close()
        await model.close()
    assert [base64.b64decode(e["audio"]) for e in appended] == frames
    assert all(set(e) == {"type", "audio"} for e in appended)
    json.dumps(appended)  # plain JSON text frames, as the SDK sends
