"""Events the model sent in a burst are handed on one per turn of the event loop."""

from __future__ import annotations

import asyncio
import itertools
import json
from typing import Any

from voicertc.upstream.realtime import Upstream, UpstreamConfig


class _BufferedConnection:
    """Like the SDK's connection with a burst already in the socket's buffer: recv never waits."""

    def __init__(self, events: list[dict[str, Any]]) -> None:
        self._raw = [json.dumps(e).encode() for e in events]

    async def recv_bytes(self) -> bytes:
        if not self._raw:
            raise ConnectionError("closed")
        return self._raw.pop(0)


def _delta(k: int) -> dict[str, Any]:
    return {
        "type": "response.output_audio.delta",
        "event_id": str(k),
        "response_id": "resp_1",
        "item_id": "item_1",
        "output_index": 0,
        "content_index": 0,
        "delta": "AAAA",
    }


async def test_a_burst_of_buffered_events_lets_other_tasks_run_between_them() -> None:
    timeline: list[str] = []

    async def on_event(event: dict[str, Any]) -> None:
        timeline.append(f"delta{event['event_id']}")

    upstream = Upstream(UpstreamConfig(api_key="x", base_url="ws://127.0.0.1:9/v1"), on_event)
    upstream._connection = _BufferedConnection([_delta(k) for k in range(10)])
    stop = asyncio.Event()

    async def frame_timer() -> None:  # another call's pacing, due all along
        while not stop.is_set():
            timeline.append("tick")
            await asyncio.sleep(0)

    ticker = asyncio.create_task(frame_timer())
    await upstream._receive()
    stop.set()
    await ticker
    deltas = [i for i, kind in enumerate(timeline) if kind.startswith("delta")]
    assert [timeline[i] for i in deltas] == [f"delta{k}" for k in range(10)]  # in order
    # never two events of the burst without the other task running between them
    assert all(b - a > 1 for a, b in itertools.pairwise(deltas))
    assert upstream.closed.is_set()
