"""The embedded Realtime endpoint, driven event by event by the real openai SDK."""

from __future__ import annotations

import asyncio
import json
import os
import signal
from typing import Any

import pytest

from voicertc.assistant.dialogue import NOT_HEARD_TEXT
from voicertc.assistant.speechpool import SpeechPool
from voicertc.effects.chain import EffectChain
from voicertc.effects.tools import handle_tool_call

CHUNK = 960  # 20 ms of 24 kHz PCM16
SILENCE = bytes(24000 * 2)  # one second


async def next_of(connection: Any, *types: str, timeout: float = 20.0) -> Any:
    """The next event of one of `types`; others are skipped (and returned in order via .seen)."""

    async def find() -> Any:
        while True:
            event = await connection.recv()
            if event.type in types:
                return event

    return await asyncio.wait_for(find(), timeout)


async def send_audio(connection: Any, pcm: bytes) -> None:
    import base64

    for i in range(0, len(pcm), CHUNK):
        await connection.input_audio_buffer.append(audio=base64.b64encode(pcm[i : i + CHUNK]).decode())


SESSION = {
    "type": "realtime",
    "instructions": "test",
    "audio": {
        "input": {
            "transcription": {"model": "gpt-live-transcribe"},
            "turn_detection": {
                "type": "server_vad",
                "silence_duration_ms": 500,
                "prefix_padding_ms": 300,
            },
        },
        "output": {"voice": "marin"},
    },
}


async def test_spoken_command_becomes_a_function_call_then_a_spoken_reply(realtime, speech) -> None:
    created = await next_of(realtime, "session.created")
    assert created.session.type == "realtime"
    await realtime.session.update(session=SESSION)
    updated = await next_of(realtime, "session.updated")
    assert updated.session.audio.output.voice == "marin"

    await send_audio(realtime, SILENCE[:24000] + speech("add some reverb") + SILENCE)
    started = await next_of(realtime, "input_audio_buffer.speech_started")
    stopped = await next_of(realtime, "input_audio_buffer.speech_stopped")
    assert started.item_id == stopped.item_id
    assert 0 <= started.audio_start_ms < stopped.audio_end_ms
    committed = await next_of(realtime, "input_audio_buffer.committed")
    assert committed.item_id == started.item_id
    transcript = await next_of(realtime, "conversation.item.input_audio_transcription.completed")
    assert "reverb" in transcript.transcript.lower()
    await next_of(realtime, "response.created")
    call = await next_of(realtime, "response.function_call_arguments.done")
    assert call.name == "apply_audio_effect"
    assert json.loads(call.arguments) == {"effect": "reverb", "action": "add"}
    done = await next_of(realtime, "response.done")
    assert done.response.status == "completed"

    output = {
        "ok": True,
        "message": "Added reverb.",
        "chain": [],
        "summary": "Reverb with mix 30 percent.",
    }
    await realtime.conversation.item.create(
        item={"type": "function_call_output", "call_id": call.call_id, "output": json.dumps(output)}
    )
    await realtime.response.create()
    delta = await next_of(realtime, "response.output_audio.delta")
    assert len(delta.delta) > 100
    said = await next_of(realtime, "response.output_audio_transcript.done")
    assert "reverb" in said.transcript.lower()
    done = await next_of(realtime, "response.done")
    assert done.response.status == "completed"


async def _ask(realtime: Any, text: str) -> None:
    """``text`` as a user message, and a response asked for."""
    await realtime.conversation.item.create(
        item={"type": "message", "role": "user", "content": [{"type": "input_text", "text": text}]}
    )
    await realtime.response.create()


async def _typed_call(realtime: Any, text: str) -> Any:
    """``text`` as a user message, answered: the function call it gives (its output sent
    back), or None if the reply is speech."""
    await _ask(realtime, text)
    event = await next_of(
        realtime, "response.function_call_arguments.done", "response.output_audio_transcript.done"
    )
    await next_of(realtime, "response.done")
    if event.type != "response.function_call_arguments.done":
        return None
    output = {"ok": True, "message": "Done.", "chain": [], "summary": "Done."}
    await realtime.conversation.item.create(
        item={"type": "function_call_output", "call_id": event.call_id, "output": json.dumps(output)}
    )
    return event


async def test_a_follow_up_that_names_no_effect_is_about_the_last_one_changed(realtime) -> None:
    await next_of(realtime, "session.created")
    assert await _typed_call(realtime, "a bit more") is None  # nothing changed yet: nothing to follow
    first = await _typed_call(realtime, "add some echo")
    assert json.loads(first.arguments) == {"effect": "delay", "action": "add"}
    # How much echo is heard is the delay's mix (the corpora's reading of "more echo").
    more = await _typed_call(realtime, "a bit more please")
    assert json.loads(more.arguments) == {"effect": "delay", "action": "increase", "param": "mix"}
    too_much = await _typed_call(realtime, "that's too much")
    assert json.loads(too_much.arguments) == {"effect": "delay", "action": "decrease", "param": "mix"}
    gone = await _typed_call(realtime, "take it off")
    assert json.loads(gone.arguments) == {"effect": "delay", "action": "remove"}
    assert await _typed_call(realtime, "more") is None  # removed: nothing left to follow up on


async def test_cancel_truncate_and_errors(realtime) -> None:
    await next_of(realtime, "session.created")
    await realtime.conversation.item.create(
        item={
            "type": "message",
            "role": "user",
            "content": [{"type": "input_text", "text": "help"}],
        }
    )
    await next_of(realtime, "conversation.item.added")
    await realtime.response.create()
    await next_of(realtime, "response.created")
    delta = await next_of(realtime, "response.output_audio.delta")

    # Truncating beyond what was produced is refused, within it is acknowledged.
    await realtime.conversation.item.truncate(item_id=delta.item_id, content_index=0, audio_end_ms=10_000_000)
    error = await next_of(realtime, "error")
    assert error.error.param == "audio_end_ms"
    await realtime.conversation.item.truncate(item_id=delta.item_id, content_index=0, audio_end_ms=20)
    truncated = await next_of(realtime, "conversation.item.truncated")
    assert truncated.audio_end_ms == 20

    await realtime.response.cancel()
    done = await next_of(realtime, "response.done")
    assert done.response.status == "cancelled"
    await realtime.response.cancel()
    error = await next_of(realtime, "error")
    assert error.error.code == "response_cancel_not_active"

    await realtime.send_raw('{"type": "no.such.event"}')
    error = await next_of(realtime, "error")
    assert error.error.code == "unknown_event"
    await realtime.send_raw("not json")
    error = await next_of(realtime, "error")
    assert error.error.code == "invalid_json"
    await realtime.send_raw('{"type": "input_audio_buffer.append", "audio": "***"}')
    error = await next_of(realtime, "error")
    assert error.error.param == "audio"

    # The connection still works after all that.
    await realtime.input_audio_buffer.clear()
    await next_of(realtime, "input_audio_buffer.cleared")


@pytest.mark.parametrize("between", ["input_audio_buffer.clear", "session.update"])
async def test_turns_after_a_clear_or_session_update_are_heard_and_placed_right(
    realtime, speech, between: str
) -> None:
    await next_of(realtime, "session.created")
    await realtime.session.update(session=SESSION)
    await next_of(realtime, "session.updated")
    await send_audio(realtime, SILENCE[:24000] + speech("add some reverb") + SILENCE)
    first = await next_of(realtime, "input_audio_buffer.speech_stopped")
    await next_of(realtime, "conversation.item.input_audio_transcription.completed")
    await send_audio(realtime, SILENCE)
    # Both restart the detector mid-stream; its positions must still be stream positions.
    if between == "session.update":
        await realtime.session.update(session=SESSION)
        await next_of(realtime, "session.updated")
    else:
        await realtime.input_audio_buffer.clear()
        await next_of(realtime, "input_audio_buffer.cleared")
    await send_audio(realtime, SILENCE[:24000] + speech("remove the delay") + SILENCE)
    started = await next_of(realtime, "input_audio_buffer.speech_started")
    stopped = await next_of(realtime, "input_audio_buffer.speech_stopped")
    # 1 s of lead-in, the first command, 2 s of quiet, 1 s of lead-in again
    assert started.audio_start_ms > first.audio_end_ms + 2500
    assert stopped.audio_end_ms > started.audio_start_ms
    transcript = await next_of(realtime, "conversation.item.input_audio_transcription.completed")
    assert "delay" in transcript.transcript.lower()


async def test_a_dead_speech_worker_is_replaced_and_the_turn_still_heard(realtime, speech) -> None:
    pool = SpeechPool.shared()
    await pool.warm_up()
    for process in list(pool._pool()._processes.values()):  # as the kernel's OOM killer would
        os.kill(process.pid, signal.SIGKILL)
    await realtime.session.update(session=SESSION)
    await send_audio(realtime, SILENCE[:24000] + speech("add some reverb") + SILENCE)
    transcript = await next_of(realtime, "conversation.item.input_audio_transcription.completed", timeout=60)
    assert "reverb" in transcript.transcript.lower()
    call = await next_of(realtime, "response.function_call_arguments.done")
    assert json.loads(call.arguments) == {"effect": "reverb", "action": "add"}


async def test_a_failed_recognition_is_reported_and_answered(
    realtime, speech, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(self: SpeechPool, pcm16: bytes, sample_rate: int = 24000) -> tuple[str, None]:
        raise RuntimeError("the recogniser is gone")

    monkeypatch.setattr(SpeechPool, "hear", broken)  # what the assistant's brain calls
    await realtime.session.update(session=SESSION)
    await send_audio(realtime, SILENCE[:24000] + speech("add some reverb") + SILENCE)
    error = await next_of(realtime, "error")
    assert error.error.type == "server_error" and error.error.code == "transcription_failed"
    said = await next_of(realtime, "response.output_audio_transcript.done")
    assert said.transcript == NOT_HEARD_TEXT  # the turn is answered, not left hanging


async def test_two_requests_in_one_turn_are_two_calls_of_one_response(realtime) -> None:
    """ "add reverb and delay": one response carries both function calls; both applied and
    their outputs sent back, the answer speaks of both."""
    await next_of(realtime, "session.created")
    await _ask(realtime, "add reverb and delay")
    created = await next_of(realtime, "response.created")
    calls = []
    while True:
        event = await next_of(realtime, "response.function_call_arguments.done", "response.done")
        if event.type == "response.done":
            break
        assert event.response_id == created.response.id
        calls.append(event)
    assert event.response.status == "completed"
    assert [item.call_id for item in event.response.output] == [c.call_id for c in calls]
    assert [c.output_index for c in calls] == [0, 1]
    chain = EffectChain()
    for c in calls:
        output = handle_tool_call(chain, c.name, c.arguments)
        assert output["ok"]
        await realtime.conversation.item.create(
            item={"type": "function_call_output", "call_id": c.call_id, "output": json.dumps(output)}
        )
    assert [e["effect"] for e in chain.to_list()] == ["reverb", "delay"]
    await realtime.response.create()
    said = await next_of(realtime, "response.output_audio_transcript.done")
    assert "reverb" in said.transcript.lower() and "delay" in said.transcript.lower()
    await next_of(realtime, "response.done")
