"""The events data channel under hostile callers: numbers too large for a float, changes
that change nothing, and floods of texts that would each cost a model response."""

from __future__ import annotations

import asyncio
import math
from typing import Any

from conftest import listening_call

from voicertc.session.datachannel import TURN_BURST, TURNS_PER_MINUTE


async def _pong(client, name: str, since: int) -> None:  # type: ignore[no-untyped-def]
    client.send({"type": "ping", "id": name})
    await client.wait_type("pong", id=name, since=since, timeout=20)


async def test_an_effect_value_of_400_digits_is_a_clear_error(server) -> None:
    async with listening_call(server.url) as client:
        since = len(client.messages)
        client.send('{"type": "effect", "action": "add", "effect": "gain", "value": ' + "9" * 400 + "}")
        error = await client.wait_type("error", since=since)
        assert error["code"] == "bad_effect" and "too large" in error["message"]
        await _pong(client, "after", since)


async def test_effect_changes_that_change_nothing_are_not_told_to_the_model(server) -> None:
    async with listening_call(server.url) as client:
        session = server.server.sessions[client.session_id]
        told: list[dict[str, Any]] = []
        send = session.effects._send_upstream

        async def spy(event: dict[str, Any]) -> None:
            told.append(event)
            await send(event)

        session.effects._send_upstream = spy
        since = len(client.messages)
        for _ in range(3):
            client.send({"type": "effect", "action": "add", "effect": "gain"})
            client.send({"type": "effect", "action": "set", "effect": "gain", "value": 3, "unit": "db"})
        client.send({"type": "effect", "action": "reset"})
        client.send({"type": "effect", "action": "reset"})
        await _pong(client, "done", since)
        # The caller saw the chain each time; the model heard of the three real changes.
        assert sum(m["type"] == "effects" for m in client.messages[since:]) == 8
        assert len(told) == 3, told


async def test_a_flood_of_texts_is_rate_limited(server) -> None:
    async with listening_call(server.url) as client:
        since = len(client.messages)
        loop = asyncio.get_running_loop()
        start = loop.time()
        for i in range(60):
            client.send({"type": "text", "text": f"what is on {i}"})
        client.send({"type": "ping", "id": "flooded"})
        await client.wait_type("pong", id="flooded", since=since, timeout=60)
        elapsed = loop.time() - start
        limited = [m for m in client.messages[since:] if m.get("code") == "rate_limited"]
        # The burst and one more every 2 s of the time the flood took got through.
        allowed = TURN_BURST + math.ceil(elapsed * TURNS_PER_MINUTE / 60) + 1
        assert 60 - allowed <= len(limited) <= 60 - TURN_BURST, (len(limited), elapsed)
        assert "wait" in limited[0]["message"]
