"""Host tools: a model's call to a tool the host app added runs its Python handler.

The embedded assistant only calls the effect tools, so a scripted Realtime-compatible
upstream (standing in for OpenAI's service, which cannot run here) makes the call.
"""

from __future__ import annotations

import asyncio
import json

from aiohttp import web
from aiortc import RTCPeerConnection
from support.scripted_model import ScriptedModel

from voicertc import SessionOptions, UpstreamConfig
from voicertc.edge.ice import rtc_configuration
from voicertc.session import VoiceSession


async def test_a_host_tool_call_runs_its_handler_and_the_answer_goes_back() -> None:
    received: list[dict] = []
    got_output = asyncio.Event()

    async def script(ws: web.WebSocketResponse, event: dict) -> None:
        received.append(event)
        if event["type"] == "session.update":
            names = [tool["name"] for tool in event["session"]["tools"]]
            assert "get_time" in names and "apply_audio_effect" in names
            await ws.send_json({"type": "session.updated", "event_id": "e0u", "session": event["session"]})
            await ws.send_json({"type": "response.created", "event_id": "e1", "response": {"id": "r1"}})
            await ws.send_json(
                {"type": "response.function_call_arguments.done", "event_id": "e2", "call_id": "c1",
                 "name": "get_time", "arguments": json.dumps({"zone": "UTC"}), "item_id": "i1",
                 "response_id": "r1", "output_index": 0}
            )  # fmt: skip
            await ws.send_json(
                {"type": "response.done", "event_id": "e3", "response": {"id": "r1", "status": "completed"}}
            )
        if event["type"] == "response.create":
            got_output.set()

    model = ScriptedModel(script)
    url = await model.start()
    calls: list[dict] = []

    async def get_time(args: dict) -> dict:
        calls.append(args)
        return {"time": "12:00", "zone": args["zone"]}

    tool = {"type": "function", "name": "get_time", "description": "The time", "parameters": {}}
    session = VoiceSession(
        RTCPeerConnection(rtc_configuration()),
        SessionOptions(
            upstream=UpstreamConfig(base_url=url),
            tools={"get_time": (tool, get_time)},
        ),
    )
    try:
        await session.start()
        await asyncio.wait_for(got_output.wait(), 10)
        assert calls == [{"zone": "UTC"}]
        outputs = [e for e in received if e["type"] == "conversation.item.create"]
        assert outputs[0]["item"] == {
            "type": "function_call_output",
            "call_id": "c1",
            "output": json.dumps({"time": "12:00", "zone": "UTC"}),
        }
        # The follow-up response is asked for only after the tool's response is done.
        assert [e["type"] for e in received][-1] == "response.create"
    finally:
        await session.close()
        await model.close()
