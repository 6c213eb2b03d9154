"""Push-to-talk that commits (turn detection off), and the embedded endpoint honouring or
refusing each session setting by name."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from conftest import listening_call, start_server

from voicertc.assistant.endpoint.honoured import EAGERNESS_SILENCE_MS, detector_settings
from voicertc.upstream.settings import SessionSettings


@pytest.fixture
async def ptt_server() -> AsyncIterator[Any]:
    running, runner = await start_server(settings=SessionSettings(turn_detection="none"))
    try:
        yield running
    finally:
        await runner.cleanup()


def session_events(session: Any, kind: str) -> asyncio.Future[dict[str, Any]]:
    """The next upstream event of `kind` the session gets."""
    found: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()

    def watch(event: dict[str, Any]) -> None:
        if event.get("type") == kind and not found.done():
            found.set_result(event)

    session.on("upstream_event", watch)
    return found


def _final(role: str):
    return lambda m: m.get("type") == "transcript" and m["role"] == role and m["final"]


async def test_releasing_push_to_talk_commits_and_the_answer_comes_at_once(ptt_server, speech) -> None:
    async with listening_call(ptt_server.url) as call:
        assert (await call.wait_type("session"))["turn_detection"] == "none"
        session = ptt_server.server.sessions[call.session_id]
        since = len(call.messages)
        call.say(speech("add some delay") + bytes(24000 * 2))
        await call.mic.wait_drained()
        # A whole second of silence after the speech and still no turn: nobody detects one.
        assert session.state == "listening"
        assert not [m for m in call.messages[since:] if m.get("type") in ("transcript", "effects")]
        released = time.monotonic()
        call.send({"type": "commit"})
        user = await call.wait_for(_final("user"), since=since, timeout=20)
        assert "delay" in user["text"].lower()
        await call.wait_for(
            lambda m: m.get("type") == "effects" and any(e["effect"] == "delay" for e in m["chain"]),
            since=since,
            timeout=20,
        )
        await call.wait_type("state", state="speaking", since=since, timeout=20)
        # Pressing the button again (interrupt) cuts the answer off and starts a turn:
        # what the muted mic sent meanwhile is dropped.
        since = len(call.messages)
        cleared = session_events(session, "input_audio_buffer.cleared")
        call.send({"type": "interrupt"})
        await call.wait_type("state", state="listening", since=since, timeout=10)
        await asyncio.wait_for(cleared, 10)
        # A second turn, with the recogniser warm: release to the effect applied.
        call.say(speech("add some reverb") + bytes(24000 // 2))
        await call.mic.wait_drained()
        released = time.monotonic()
        call.send({"type": "commit"})
        await call.wait_for(
            lambda m: m.get("type") == "effects" and any(e["effect"] == "reverb" for e in m["chain"]),
            since=since,
            timeout=20,
        )
        print(f"push-to-talk: release -> effect applied {(time.monotonic() - released) * 1000:.0f} ms")


async def test_commit_with_turn_detection_on_is_refused(server) -> None:
    async with listening_call(server.url) as call:
        since = len(call.messages)
        call.send({"type": "commit"})
        error = await call.wait_type("error", since=since)
        assert error["code"] == "not_push_to_talk"


async def _next(connection: Any, kind: str) -> Any:
    while True:
        event = await connection.recv()
        if event.type == kind:
            return event


async def test_the_endpoint_honours_semantic_vad_and_names_what_it_cannot(realtime) -> None:
    await _next(realtime, "session.created")
    await realtime.send(
        {
            "type": "session.update",
            "session": {
                "type": "realtime",
                "audio": {
                    "input": {
                        "turn_detection": {"type": "semantic_vad", "eagerness": "high"},
                        "noise_reduction": {"type": "far_field"},
                        "transcription": {"model": "gpt-live-transcribe", "language": "de"},
                    },
                    "output": {"speed": 1.2},
                },
                "reasoning": {"effort": "low"},
                "tool_choice": "required",
            },
        }
    )
    refused = set()
    while len(refused) < 5:
        error = (await _next(realtime, "error")).error
        assert error.code == "unsupported_setting" and error.param in error.message
        refused.add(error.param)
    assert refused == {
        "session.audio.input.noise_reduction",
        "session.audio.input.transcription.language",
        "session.audio.output.speed",
        "session.reasoning",
        "session.tool_choice",
    }
    session = (await _next(realtime, "session.updated")).session
    detection = session.audio.input.turn_detection
    assert detection.type == "semantic_vad" and detection.eagerness == "high"
    assert not hasattr(detection, "threshold") or "threshold" not in detection.model_fields_set
    assert session.audio.input.noise_reduction is None and session.audio.output.speed == 1.0
    assert session.tool_choice == "auto"


def test_eagerness_sets_the_end_of_turn_wait() -> None:
    waits = [
        detector_settings({"type": "semantic_vad", "eagerness": e})[1] for e in ("high", "medium", "low")
    ]
    assert waits == sorted(waits) and waits[0] < 500 < waits[2]
    assert detector_settings({"type": "semantic_vad"})[1] == EAGERNESS_SILENCE_MS["auto"]
    assert detector_settings({"type": "server_vad", "silence_duration_ms": 650})[1] == 650
