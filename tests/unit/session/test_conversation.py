"""The conversation on fakes: states, captions, barge-in arithmetic, tool calls, errors."""

from __future__ import annotations

import asyncio
import json

import pytest
from support.fakes import audio_delta, until

from voicertc.session import SessionOptions, VoiceSession

from .conftest import Call, open_call


async def play(call: Call, frames: int) -> None:
    """The listener hears `frames` 20 ms frames of the outbound track (paced, as sent)."""
    for _ in range(frames):
        await call.session.track.recv()


async def speaking(call: Call, item: str = "item_a", ms: int = 1000) -> None:
    await call.push({"type": "response.created", "response": {"id": "resp_1"}})
    await call.push(audio_delta(item, ms))


# -- states -----------------------------------------------------------------------------


async def test_speech_stopped_is_thinking(call: Call) -> None:
    await call.push({"type": "input_audio_buffer.speech_stopped", "audio_end_ms": 900, "item_id": "u1"})
    assert call.session.state == "thinking"


async def test_a_response_is_thinking_until_its_audio_plays(call: Call) -> None:
    await call.push({"type": "response.created", "response": {"id": "resp_1"}})
    assert call.session.state == "thinking"
    await call.push(audio_delta("item_a", 100))
    await play(call, 1)
    assert call.session.state == "speaking"


async def test_done_and_drained_is_listening_again(call: Call) -> None:
    await speaking(call, ms=40)
    await play(call, 1)
    await call.push({"type": "response.done", "response": {"id": "resp_1", "status": "completed"}})
    assert call.session.state == "speaking"
    await play(call, 2)
    await until(lambda: call.session.state == "listening")


async def test_a_whole_turn_walks_the_states_in_order(call: Call) -> None:
    await call.push({"type": "input_audio_buffer.speech_started", "item_id": "u1"})
    await call.push({"type": "input_audio_buffer.speech_stopped", "item_id": "u1"})
    await speaking(call, ms=20)
    await play(call, 1)
    await call.push({"type": "response.done", "response": {"id": "resp_1"}})
    await play(call, 1)
    await until(lambda: call.session.state == "listening")
    assert call.states() == ["connecting", "listening", "thinking", "speaking", "listening"]


async def test_response_created_while_speaking_stays_speaking(call: Call) -> None:
    await speaking(call)
    await play(call, 1)
    await call.push({"type": "response.created", "response": {"id": "resp_2"}})
    assert call.session.state == "speaking"


# -- captions and history ---------------------------------------------------------------------


async def test_user_caption_grows_then_is_final(call: Call) -> None:
    base = {"item_id": "u1", "content_index": 0}
    await call.push({"type": "conversation.item.input_audio_transcription.delta", "delta": "add ", **base})
    await call.push({"type": "conversation.item.input_audio_transcription.delta", "delta": "reverb", **base})
    await call.push(
        {"type": "conversation.item.input_audio_transcription.completed", "transcript": "add reverb", **base}
    )
    captions = call.channel.of_type("transcript")
    assert [(c["text"], c["final"]) for c in captions] == [
        ("add ", False),
        ("add reverb", False),
        ("add reverb", True),
    ]
    assert all(c["role"] == "user" for c in captions)
    assert list(call.session.link.history) == [("user", "add reverb")]


async def test_assistant_caption_final_takes_the_models_transcript(call: Call) -> None:
    await call.push({"type": "response.output_audio_transcript.delta", "item_id": "a1", "delta": "Hel"})
    await call.push(
        {"type": "response.output_audio_transcript.done", "item_id": "a1", "transcript": "Hello."}
    )
    final = call.channel.of_type("transcript")[-1]
    assert final == {
        "type": "transcript",
        "role": "assistant",
        "text": "Hello.",
        "final": True,
        "item_id": "a1",
    }
    assert list(call.session.link.history) == [("assistant", "Hello.")]


async def test_an_empty_transcript_is_not_history(call: Call) -> None:
    await call.push(
        {"type": "conversation.item.input_audio_transcription.completed", "item_id": "u", "transcript": " "}
    )
    assert list(call.session.link.history) == []


async def test_transcripts_of_two_items_do_not_mix(call: Call) -> None:
    await call.push({"type": "response.output_audio_transcript.delta", "item_id": "a1", "delta": "one"})
    await call.push({"type": "response.output_audio_transcript.delta", "item_id": "a2", "delta": "two"})
    assert [c["text"] for c in call.channel.of_type("transcript")] == ["one", "two"]


# -- barge-in ---------------------------------------------------------------------------------


async def test_barge_in_truncates_at_what_the_listener_heard(call: Call) -> None:
    await speaking(call, "item_a", ms=1000)
    await play(call, 5)  # 100 ms went out
    heard = call.session.track.sent_ms("item_a")
    await call.push({"type": "input_audio_buffer.speech_started", "item_id": "u2"})
    truncate = [e for e in call.upstream.sent if e["type"] == "conversation.item.truncate"]
    assert truncate == [
        {"type": "conversation.item.truncate", "item_id": "item_a", "content_index": 0, "audio_end_ms": heard}
    ]
    assert heard == 100
    interrupted = call.channel.of_type("interrupted")
    assert interrupted == [{"type": "interrupted", "item_id": "item_a", "audio_end_ms": 100}]
    assert call.session.track.buffered_ms == 0
    assert call.session.state == "listening"


async def test_barge_in_before_any_frame_went_out_claims_nothing_heard(call: Call) -> None:
    await speaking(call, "item_a", ms=500)
    await call.push({"type": "input_audio_buffer.speech_started", "item_id": "u2"})
    truncate = [e for e in call.upstream.sent if e["type"] == "conversation.item.truncate"]
    assert truncate[0]["audio_end_ms"] == 0


async def test_barge_in_with_nothing_playing_and_no_response_sends_nothing(call: Call) -> None:
    await call.push({"type": "input_audio_buffer.speech_started", "item_id": "u1"})
    assert call.upstream.sent == []
    assert call.channel.of_type("interrupted") == []


async def test_after_playback_ended_and_response_done_no_truncate(call: Call) -> None:
    await speaking(call, ms=20)
    await play(call, 2)
    await call.push({"type": "response.done", "response": {"id": "resp_1"}})
    await call.push({"type": "input_audio_buffer.speech_started", "item_id": "u2"})
    assert "conversation.item.truncate" not in call.upstream.types()


async def test_late_deltas_of_an_interrupted_item_are_dropped(call: Call) -> None:
    await speaking(call, "item_a", ms=200)
    await call.push({"type": "input_audio_buffer.speech_started", "item_id": "u2"})
    await call.push(audio_delta("item_a", 200))
    await call.push({"type": "response.output_audio_transcript.delta", "item_id": "item_a", "delta": "late"})
    assert call.session.track.buffered_ms == 0
    assert [c for c in call.channel.of_type("transcript") if c["item_id"] == "item_a"] == []


async def test_interrupted_assistant_caption_keeps_only_what_was_said(call: Call) -> None:
    await call.push(
        {"type": "response.output_audio_transcript.delta", "item_id": "item_a", "delta": "Sure, I"}
    )
    await speaking(call, "item_a", ms=300)
    await call.push({"type": "input_audio_buffer.speech_started", "item_id": "u2"})
    await call.push(
        {
            "type": "response.output_audio_transcript.done",
            "item_id": "item_a",
            "transcript": "Sure, I will add it.",
        }
    )
    assert call.channel.of_type("transcript")[-1]["text"] == "Sure, I"
    assert list(call.session.link.history) == [("assistant", "Sure, I")]


async def test_interrupt_cancels_an_active_response(call: Call) -> None:
    await speaking(call, ms=300)
    await call.session.interrupt()
    assert call.upstream.types() == ["conversation.item.truncate", "response.cancel"]
    assert call.session.state == "listening"


async def test_interrupt_with_no_response_sends_no_cancel(call: Call) -> None:
    await call.session.interrupt()
    assert call.upstream.types() == []


async def test_barge_in_latency_is_measured_at_the_next_frame(call: Call) -> None:
    await speaking(call, ms=500)
    await play(call, 1)
    await call.session.interrupt()
    # The measurement waits for the frame after the cut, whichever that is.
    for _ in range(10):
        await asyncio.sleep(0)  # lets the measuring task wait for a frame (a late track never yields)
        await play(call, 1)
        if any("barge_in_ms" in m for m in call.channel.of_type("metrics")):
            break
    metric = next(m for m in call.channel.of_type("metrics") if "barge_in_ms" in m)
    assert 0 <= metric["barge_in_ms"] < 1000


async def test_the_interrupted_list_is_bounded(call: Call) -> None:
    for k in range(40):
        await speaking(call, f"item_{k}", ms=100)
        await call.session.interrupt()
    assert len(call.session.conversation.interrupted) == 16
    assert "item_39" in call.session.conversation.interrupted


# -- typed text ----------------------------------------------------------------------------------


async def test_send_text_captions_remembers_and_asks_for_a_response(call: Call) -> None:
    await call.session.send_text("add some reverb")
    caption = call.channel.of_type("transcript")[-1]
    assert caption["role"] == "user" and caption["final"] and caption["item_id"].startswith("text_")
    create, respond = call.upstream.sent
    assert create["type"] == "conversation.item.create" and create["item"]["id"] == caption["item_id"]
    assert create["item"]["content"] == [{"type": "input_text", "text": "add some reverb"}]
    assert respond == {"type": "response.create"}
    assert list(call.session.link.history) == [("user", "add some reverb")]


async def test_send_text_over_an_answer_interrupts_it_first(call: Call) -> None:
    await speaking(call, ms=400)
    await call.session.send_text("stop")
    assert call.upstream.types()[:2] == ["conversation.item.truncate", "response.cancel"]
    assert call.upstream.types()[-1] == "response.create"


# -- tools ---------------------------------------------------------------------------------------


def call_event(name: str, arguments: object, call_id: str = "call_1") -> dict:
    raw = arguments if isinstance(arguments, str) else json.dumps(arguments)
    return {
        "type": "response.function_call_arguments.done",
        "name": name,
        "arguments": raw,
        "call_id": call_id,
    }


def outputs(call: Call) -> list[dict]:
    return [
        json.loads(e["item"]["output"])
        for e in call.upstream.sent
        if e["type"] == "conversation.item.create" and e["item"]["type"] == "function_call_output"
    ]


async def test_an_effect_tool_call_changes_the_chain_and_is_broadcast(call: Call) -> None:
    await call.push(call_event("apply_audio_effect", {"action": "add", "effect": "reverb"}))
    assert [e["effect"] for e in call.session.chain.to_list()] == ["reverb"]
    assert call.channel.of_type("effects")[-1]["chain"][0]["effect"] == "reverb"
    assert outputs(call)[0]["ok"] is True
    assert call.upstream.sent[-1]["item"]["call_id"] == "call_1"


async def test_the_answer_to_a_tool_call_is_asked_for_after_response_done(call: Call) -> None:
    await call.push({"type": "response.created", "response": {"id": "resp_1"}})
    await call.push(call_event("get_effects", {}))
    assert "response.create" not in call.upstream.types()
    await call.push({"type": "response.done", "response": {"id": "resp_1"}})
    assert call.upstream.types()[-1] == "response.create"
    await call.push({"type": "response.done", "response": {"id": "resp_2"}})
    assert call.upstream.types().count("response.create") == 1


async def test_get_effects_changes_nothing(call: Call) -> None:
    await call.push(call_event("get_effects", {}))
    assert [m for m in call.channel.messages if m["type"] == "effects"] == [{"type": "effects", "chain": []}]


async def test_a_bad_effect_call_is_an_error_output_not_a_crash(call: Call) -> None:
    await call.push(call_event("apply_audio_effect", {"action": "add", "effect": "kazoo"}))
    assert outputs(call)[0]["ok"] is False
    assert call.session.chain.to_list() == []


async def test_an_unknown_tool_is_told_so(call: Call) -> None:
    await call.push(call_event("launch_rocket", {}))
    assert outputs(call) == [{"ok": False, "error": "Unknown tool launch_rocket."}]


async def open_with_tool(handler) -> Call:
    tool = {"type": "function", "name": "get_time", "parameters": {"type": "object"}}
    return await open_call(tools={"get_time": (tool, handler)})


@pytest.mark.parametrize("async_handler", [False, True])
async def test_host_tools_run_sync_or_async(async_handler: bool) -> None:
    async def later(args: dict) -> dict:
        return {"time": "noon", "args": args}

    opened = await open_with_tool(later if async_handler else (lambda args: {"time": "noon", "args": args}))
    await opened.push(call_event("get_time", {"zone": "UTC"}))
    assert outputs(opened) == [{"time": "noon", "args": {"zone": "UTC"}}]
    await opened.session.close()


async def test_a_failing_host_tool_is_an_error_output() -> None:
    def broken(args: dict) -> None:
        raise RuntimeError("clock stopped")

    opened = await open_with_tool(broken)
    await opened.push(call_event("get_time", {}))
    assert outputs(opened) == [{"ok": False, "error": "The tool get_time failed: clock stopped"}]
    await opened.session.close()


async def test_host_tool_arguments_that_are_not_json_fail_cleanly() -> None:
    opened = await open_with_tool(lambda args: args)
    await opened.push(call_event("get_time", "{not json"))
    assert outputs(opened)[0]["ok"] is False
    await opened.session.close()


# -- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["response_cancel_not_active", "conversation_already_has_active_response"])
async def test_races_the_model_reports_stay_quiet(call: Call, code: str) -> None:
    await call.push(
        {"type": "error", "error": {"type": "invalid_request_error", "code": code, "message": "x"}}
    )
    assert call.channel.of_type("error") == []


async def test_other_model_errors_reach_the_caller_in_its_words(call: Call) -> None:
    await call.push({"type": "error", "error": {"type": "server_error", "message": "The model fell over."}})
    assert call.channel.of_type("error") == [
        {"type": "error", "code": "upstream_error", "message": "The model fell over."}
    ]


async def test_an_error_without_a_message_still_says_something(call: Call) -> None:
    await call.push({"type": "error", "error": {}})
    assert call.channel.of_type("error")[-1]["message"] == "The assistant reported an error."


async def test_unknown_server_events_are_ignored(call: Call) -> None:
    await call.push({"type": "rate_limits.updated", "rate_limits": []})
    assert call.channel.of_type("error") == []


# -- turn metrics ---------------------------------------------------------------------------------


async def test_a_turn_is_timed_from_speech_stopped_to_its_first_frame(call: Call) -> None:
    call.upstream.append_delays.extend([0.001, 0.003, 0.002])
    await call.push({"type": "input_audio_buffer.speech_stopped", "item_id": "u1"})
    await speaking(call, "item_a", ms=100)
    await play(call, 1)
    turn = next(m["turn"] for m in call.channel.of_type("metrics") if "turn" in m)
    assert turn["item_id"] == "item_a"
    assert turn["total_ms"] >= turn["upstream_ms"] >= 0
    assert turn["server_ms"] == pytest.approx(turn["total_ms"] - turn["upstream_ms"], abs=0.2)
    assert turn["append_ms"] == 2.0
    assert not call.upstream.append_delays


async def test_an_answer_without_a_turn_has_no_turn_metric(call: Call) -> None:
    await speaking(call, "item_a", ms=40)
    await play(call, 1)
    assert [m for m in call.channel.of_type("metrics") if "turn" in m] == []


async def test_turn_metrics_are_reported_to_host_listeners() -> None:
    media_call = await open_call()
    seen = []
    media_call.session.on("metrics", seen.append)
    await media_call.session.send_text("hi")
    await speaking(media_call, "item_b", ms=40)
    await play(media_call, 1)
    assert seen and seen[0]["turn"]["item_id"] == "item_b"
    await media_call.session.close()


def test_session_options_build_without_a_loop() -> None:
    assert VoiceSession is not None and SessionOptions().reconnect_attempts == 6
