"""The endpoint's Realtime adapter on a fake brain: event order, validation before
change, the item operations and responses, with no socket and no speech models."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import AsyncIterator
from typing import Any

import pytest

from voicertc.assistant.dialogue import Say, ToolCall
from voicertc.assistant.endpoint.realtime import MAX_PENDING_TURNS, RealtimeServerSession
from voicertc.protocol import realtime as rt


class FakeBrain:
    """Hears `heard`, answers `reply`, speaks 0.5 s of audio per answer."""

    def __init__(self, heard: str = "add some reverb", reply: Any = None) -> None:
        self.heard = heard
        self.reply = reply or ToolCall("apply_audio_effect", {"effect": "reverb", "action": "add"})
        self.transcribed: list[int] = []

    async def transcribe(self, pcm16: bytes) -> str:
        self.transcribed.append(len(pcm16))
        return self.heard

    async def read(self, text: str) -> None:
        pass

    def understand(self, text: str, audio: bytes) -> Any:
        return self.reply

    def reply_after_tool(self, name: str, output: dict[str, Any]) -> Any:
        return Say(f"Done: {output.get('message', '')}")

    async def synthesize(self, text: str, voice: str | None) -> AsyncIterator[bytes]:
        yield bytes(24000)


class Wire:
    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self.arrived = asyncio.Condition()

    async def send(self, event: dict[str, Any]) -> None:
        async with self.arrived:
            self.events.append(event)
            self.arrived.notify_all()

    async def wait_for(self, kind: str, count: int = 1) -> dict[str, Any]:
        async with self.arrived:
            await asyncio.wait_for(self.arrived.wait_for(lambda: len(self.of(kind)) >= count), 5)
        return self.of(kind)[count - 1]

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e["type"] == kind]

    def types(self) -> list[str]:
        return [e["type"] for e in self.events]


@pytest.fixture
async def endpoint() -> AsyncIterator[tuple[RealtimeServerSession, Wire, FakeBrain]]:
    wire, brain = Wire(), FakeBrain()
    session = RealtimeServerSession(wire.send, brain, None, "test-model")  # type: ignore[arg-type]
    await session.start()
    await session.handle(
        {
            "type": "session.update",
            "session": {
                "type": "realtime",
                "audio": {
                    "input": {"turn_detection": None, "transcription": {"model": "gpt-live-transcribe"}}
                },
            },
        }
    )
    yield session, wire, brain
    await session.close()


def append(seconds: float) -> dict[str, Any]:
    return {
        "type": "input_audio_buffer.append",
        "audio": base64.b64encode(bytes(int(seconds * 48000))).decode(),
    }


async def test_a_manual_commit_is_transcribed_then_answered_on_request(endpoint) -> None:
    session, wire, brain = endpoint
    assert wire.types()[:2] == ["session.created", "session.updated"]
    await session.handle(append(1.5))
    await session.handle({"type": "input_audio_buffer.commit"})
    await session.handle({"type": "response.create"})  # waits for the commit's transcription
    done = await wire.wait_for("response.done")
    assert brain.transcribed == [72000]
    order = wire.types()
    assert order.index("input_audio_buffer.committed") < order.index("conversation.item.added")
    assert (
        order.index("conversation.item.input_audio_transcription.delta")
        < order.index("conversation.item.input_audio_transcription.completed")
        < order.index("conversation.item.done")
        < order.index("response.created")
    )
    completed = wire.of("conversation.item.input_audio_transcription.completed")[0]
    assert completed["usage"] == {"type": "duration", "seconds": 1.5}
    arguments = wire.of("response.function_call_arguments.done")[0]["arguments"]
    assert "".join(e["delta"] for e in wire.of("response.function_call_arguments.delta")) == arguments
    assert done["response"]["usage"]["input_token_details"]["audio_tokens"] == 15
    assert all(isinstance(e.get("event_id"), str) for e in wire.events)


async def test_an_empty_commit_is_refused(endpoint) -> None:
    session, wire, _ = endpoint
    await session.handle({"type": "input_audio_buffer.commit", "event_id": "c1"})
    error = wire.of("error")[-1]["error"]
    assert (error["code"], error["event_id"]) == ("input_audio_buffer_commit_empty", "c1")


async def test_a_refused_update_changes_nothing(endpoint) -> None:
    session, wire, _ = endpoint
    before = dict(session.session)
    await session.handle(
        {
            "type": "session.update",
            "session": {"type": "realtime", "instructions": "x", "audio": {"output": {"voice": "nobody"}}},
        }
    )
    assert wire.of("error")[-1]["error"]["param"] == "session.audio.output.voice"
    assert session.session == before and len(wire.of("session.updated")) == 1


async def test_a_tool_output_is_answered_in_speech_and_truncated(endpoint) -> None:
    session, wire, _ = endpoint
    await session.handle(append(1))
    await session.handle({"type": "input_audio_buffer.commit"})
    await session.handle({"type": "response.create"})
    call = await wire.wait_for("response.function_call_arguments.done")
    await wire.wait_for("response.done")
    output = {
        "type": "function_call_output",
        "call_id": call["call_id"],
        "output": '{"message": "reverb on"}',
    }
    await session.handle({"type": "conversation.item.create", "item": output})
    await session.handle({"type": "response.create"})
    said = await wire.wait_for("response.output_audio_transcript.done")
    assert said["transcript"] == "Done: reverb on"
    await wire.wait_for("response.done", 2)
    await session.handle(
        {
            "type": "conversation.item.truncate",
            "item_id": said["item_id"],
            "content_index": 0,
            "audio_end_ms": 200,
        }
    )
    assert wire.of("conversation.item.truncated")[0]["audio_end_ms"] == 200
    await session.handle(
        {
            "type": "conversation.item.truncate",
            "item_id": said["item_id"],
            "content_index": 0,
            "audio_end_ms": 900,
        }
    )
    assert wire.of("error")[-1]["error"]["param"] == "audio_end_ms"  # beyond the 500 ms sent


async def test_items_are_retrieved_and_deleted(endpoint) -> None:
    session, wire, _ = endpoint
    item = {"id": "m1", "type": "message", "role": "user", "content": [{"type": "input_text", "text": "hi"}]}
    await session.handle({"type": "conversation.item.create", "item": item})
    await session.handle({"type": "conversation.item.retrieve", "item_id": "m1"})
    assert wire.of("conversation.item.retrieved")[0]["item"]["content"][0]["text"] == "hi"
    await session.handle({"type": "conversation.item.delete", "item_id": "m1"})
    await session.handle({"type": "conversation.item.delete", "item_id": "m1"})
    assert wire.of("conversation.item.deleted")[0]["item_id"] == "m1"
    assert wire.of("error")[-1]["error"]["code"] == "item_not_found"


async def test_output_audio_clear_cancels_the_answer_under_way(endpoint) -> None:
    session, wire, brain = endpoint
    await session.handle({"type": "output_audio_buffer.clear"})
    assert wire.of("error")[-1]["error"]["code"] == "no_output_audio"
    brain.reply = Say("a long answer " * 20)
    await session.handle(append(1))
    await session.handle({"type": "input_audio_buffer.commit"})
    await session.handle({"type": "response.create"})
    created = await wire.wait_for("response.created")
    await session.handle({"type": "output_audio_buffer.clear"})
    assert wire.of("output_audio_buffer.cleared")[0]["response_id"] == created["response"]["id"]
    assert wire.of("response.done")[-1]["response"]["status"] == "cancelled"


async def test_an_append_over_the_bound_adds_nothing() -> None:
    wire = Wire()
    session = RealtimeServerSession(wire.send, FakeBrain(), None, "m", max_input_audio_bytes=48000)  # type: ignore[arg-type]
    await session.start()
    await session.handle(
        {
            "type": "session.update",
            "session": {"type": "realtime", "audio": {"input": {"turn_detection": None}}},
        }
    )
    await session.handle(append(0.75))
    await session.handle(append(0.5))
    assert wire.of("error")[-1]["error"]["code"] == "input_audio_buffer_full"
    await session.handle(append(0.25))  # exactly full: accepted
    assert len(wire.of("error")) == 1
    await session.close()


def test_the_session_announced_is_the_protocol_default() -> None:
    assert rt.default_session("m")["audio"]["input"]["turn_detection"] == rt.server_vad()


async def test_turns_waiting_for_recognition_are_bounded(endpoint) -> None:
    session, wire, brain = endpoint
    release = asyncio.Event()
    heard = brain.transcribe

    async def slow(pcm16: bytes) -> str:
        await release.wait()
        return await heard(pcm16)

    brain.transcribe = slow
    for _ in range(MAX_PENDING_TURNS):
        await session.handle(append(0.5))
        await session.handle({"type": "input_audio_buffer.commit"})
    await session.handle(append(0.5))
    await session.handle({"type": "input_audio_buffer.commit"})
    assert wire.of("error")[-1]["error"]["code"] == "recognition_backlog"
    assert len(wire.of("input_audio_buffer.committed")) == MAX_PENDING_TURNS
    release.set()
    await wire.wait_for("conversation.item.done", MAX_PENDING_TURNS)  # each turn's last event
    await session.handle({"type": "input_audio_buffer.commit"})  # the refused audio is still there
    await wire.wait_for("input_audio_buffer.committed", MAX_PENDING_TURNS + 1)
