"""The Realtime upstream's pieces that need no connection: messages, config, the interface."""

from __future__ import annotations

import asyncio

import pytest

from voicertc.upstream import Upstream, UpstreamConfig, UpstreamError, upstream_factory
from voicertc.upstream.realtime import message


@pytest.mark.parametrize(
    ("role", "kind"), [("user", "input_text"), ("system", "input_text"), ("assistant", "output_text")]
)
def test_a_message_carries_its_role_and_text_kind(role: str, kind: str) -> None:
    event = message(role, "hello")
    assert event["type"] == "conversation.item.create"
    assert event["item"] == {"type": "message", "role": role, "content": [{"type": kind, "text": "hello"}]}


def test_a_message_may_name_its_item() -> None:
    assert message("user", "x", "text_1")["item"]["id"] == "text_1"


def test_session_update_carries_the_tools_and_voice() -> None:
    tool = {"type": "function", "name": "t"}
    update = UpstreamConfig(voice="cedar", tools=[tool]).session_update()
    assert update["type"] == "session.update"
    assert update["session"]["tools"] == [tool]
    assert update["session"]["audio"]["output"]["voice"] == "cedar"


async def test_the_factory_makes_realtime_connections_for_the_config() -> None:
    async def handler(event: dict) -> None:
        return None

    connection = upstream_factory(UpstreamConfig(base_url="ws://127.0.0.1:9/v1"))(handler)
    assert isinstance(connection, Upstream) and not connection.connected
    await connection.close()


async def test_an_unopened_connection_refuses_sends_and_drops_old_appends() -> None:
    async def handler(event: dict) -> None:
        return None

    connection = Upstream(UpstreamConfig(base_url="ws://127.0.0.1:9/v1"), handler)
    with pytest.raises(UpstreamError):
        await connection.send({"type": "response.create"})
    for _ in range(260):
        connection.append_audio(b"\0\0" * 480)
    assert connection.dropped_appends == 10
    connection.abandon()
    assert connection.closed.is_set()
    await asyncio.wait_for(connection.close(), 2)


async def test_a_close_cancelled_midway_still_releases_the_socket_and_client() -> None:
    async def handler(event: dict) -> None:
        return None

    connection = Upstream(UpstreamConfig(base_url="ws://127.0.0.1:9/v1"), handler)
    ending, release = asyncio.Event(), asyncio.Event()

    async def slow_to_end() -> None:
        try:
            await asyncio.Event().wait()
        finally:
            ending.set()
            await asyncio.shield(release.wait())  # a receive loop's cleanup, still going

    class Socket:
        closed = False

        async def close(self) -> None:
            Socket.closed = True

    released: list[str] = []

    class Client:
        async def close(self) -> None:
            released.append("client")

    connection._tasks = [asyncio.ensure_future(slow_to_end())]
    connection._connection = Socket()
    connection._client = Client()  # type: ignore[assignment]
    await asyncio.sleep(0)
    closer = asyncio.ensure_future(connection.close())
    await asyncio.wait_for(ending.wait(), 2)
    closer.cancel()
    release.set()
    await asyncio.wait({closer}, timeout=2)
    assert closer.cancelled()  # the closer's own cancellation is not swallowed
    assert Socket.closed and released == ["client"] and connection.closed.is_set()
    await asyncio.wait_for(connection.close(), 2)  # twice is harmless
    assert released == ["client", "client"]
