"""LiveTranslator on its own: Live server events in, the Realtime events the session
speaks out; the session's Realtime client events in, Live client events out."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from voicertc.assistant.reader import Guess
from voicertc.assistant.unsupported import declining
from voicertc.upstream.live import LiveTranslator
from voicertc.upstream.realtime import UpstreamError


class Harness:
    def __init__(self, read: Any = None) -> None:
        self.out: list[dict[str, Any]] = []  # Realtime events to the session
        self.sent: list[dict[str, Any]] = []  # Live events to the server, without their event ids
        self.event_ids: list[str | None] = []
        self.done = asyncio.Event()
        self.translator = LiveTranslator(self.on_event, quiet_ms=20, read=read)
        self.translator.send_live = self.send_live

    async def on_event(self, event: dict[str, Any]) -> None:
        self.out.append(event)
        if event["type"] == "response.done":
            self.done.set()

    async def send_live(self, event: dict[str, Any]) -> None:
        self.sent.append({k: v for k, v in event.items() if k != "event_id"})
        self.event_ids.append(event.get("event_id"))

    def types(self) -> list[str]:
        return [e["type"] for e in self.out]


@pytest.fixture
async def h() -> Any:
    harness = Harness()
    yield harness
    await harness.translator.close()


async def test_output_deltas_become_a_response_that_ends_when_output_goes_quiet(h: Harness) -> None:
    await h.translator.handle({"type": "session.output_audio.delta", "delta": "AAAA"})
    await h.translator.handle(
        {"type": "session.output_transcript.delta", "delta": "Hello", "start_ms": 0, "end_ms": 5}
    )
    await h.translator.handle(
        {"type": "session.output_transcript.delta", "delta": " there", "start_ms": 5, "end_ms": 9}
    )
    await asyncio.wait_for(h.done.wait(), 5)
    assert h.types() == [
        "response.created",
        "response.output_audio.delta",
        "response.output_audio_transcript.delta",
        "response.output_audio_transcript.delta",
        "response.output_audio_transcript.done",
        "response.done",
    ]
    item_ids = {e.get("item_id") for e in h.out[1:5]}
    assert len(item_ids) == 1 and None not in item_ids
    assert h.out[4]["transcript"] == "Hello there"


async def test_the_user_heard_over_an_answer_ends_it_and_is_a_caption(h: Harness) -> None:
    await h.translator.handle({"type": "session.output_audio.delta", "delta": "AAAA"})
    await h.translator.handle(
        {"type": "session.input_transcript.delta", "delta": "", "start_ms": 40, "end_ms": 40}
    )
    assert h.types()[-3:] == [
        "response.output_audio_transcript.done",
        "response.done",
        "input_audio_buffer.speech_started",
    ]
    await h.translator.handle(
        {"type": "session.input_transcript.delta", "delta": "more", "start_ms": 40, "end_ms": 90}
    )
    await h.translator.handle(
        {"type": "session.input_transcript.delta", "delta": " reverb", "start_ms": 90, "end_ms": 120}
    )
    await h.translator.handle({"type": "session.output_audio.delta", "delta": "AAAA"})
    kinds = h.types()
    done = kinds.index("conversation.item.input_audio_transcription.completed")
    assert kinds[done - 1] == "input_audio_buffer.speech_stopped" and kinds[done + 1] == "response.created"
    assert h.out[done]["transcript"] == "more reverb"


async def test_a_delegation_is_an_effect_call_and_its_output_goes_back_as_commentary(h: Harness) -> None:
    await h.translator.handle(
        {"type": "session.input_transcript.delta", "delta": "add some reverb", "start_ms": 0, "end_ms": 900}
    )
    await h.translator.handle(
        {
            "type": "session.delegation.created",
            "delegation": {"id": "deleg_1", "target": "client", "type": "delegation"},
            "offset_ms": 950,
        }
    )
    call = next(e for e in h.out if e["type"] == "response.function_call_arguments.done")
    assert call["call_id"] == "deleg_1" and call["name"] == "apply_audio_effect"
    assert json.loads(call["arguments"])["effect"] == "reverb"
    assert h.types()[-1] == "response.done"
    output = {"type": "function_call_output", "call_id": "deleg_1", "output": '{"ok": true}'}
    await h.translator.send({"type": "conversation.item.create", "item": output})
    await h.translator.send({"type": "response.create"})  # Live answers by itself
    assert h.sent == [
        {"type": "session.commentary.append", "content": '{"ok": true}', "delegation_id": "deleg_1"}
    ]


async def delegate(h: Harness, said: str, delegation_id: str) -> dict[str, Any] | None:
    """Live hears ``said`` and delegates: the effect call it became, if any."""
    await h.translator.handle(
        {"type": "session.input_transcript.delta", "delta": said, "start_ms": 0, "end_ms": 900}
    )
    since = len(h.out)
    await h.translator.handle(
        {
            "type": "session.delegation.created",
            "delegation": {"id": delegation_id, "target": "client", "type": "delegation"},
            "offset_ms": 950,
        }
    )
    calls = [e for e in h.out[since:] if e["type"] == "response.function_call_arguments.done"]
    return json.loads(calls[0]["arguments"]) if calls else None


async def test_a_delegated_follow_up_is_about_the_effect_the_call_last_changed(h: Harness) -> None:
    assert (await delegate(h, "add some reverb", "d1")) == {"effect": "reverb", "action": "add"}
    await h.translator.handle({"type": "session.output_audio.delta", "delta": "AAAA"})  # Live answers
    assert (await delegate(h, "a bit more", "d2")) == {"effect": "reverb", "action": "increase"}
    assert (await delegate(h, "take it off", "d3")) == {"effect": "reverb", "action": "remove"}
    assert (await delegate(h, "more", "d4")) is None  # nothing left to follow up on


async def test_a_delegation_is_read_with_the_sentence_readers_guess_at_what_was_heard() -> None:
    read: list[str] = []

    async def guess(text: str) -> Guess | None:
        read.append(text)
        return Guess("delay", 0.9, "add", 0.05)

    h = Harness(read=guess)
    try:
        # Words the rules read nothing in (heard in two pieces): the guess makes them a command.
        await h.translator.handle(
            {"type": "session.input_transcript.delta", "delta": "zap the", "start_ms": 0, "end_ms": 400}
        )
        assert (await delegate(h, "wobble", "d1")) == {"effect": "delay", "action": "add"}
        assert read == ["zap the wobble"]
    finally:
        await h.translator.close()


async def test_a_delegation_of_several_requests_is_a_call_each_and_one_commentary(h: Harness) -> None:
    await h.translator.handle(
        {
            "type": "session.input_transcript.delta",
            "delta": "add reverb and delay",
            "start_ms": 0,
            "end_ms": 900,
        }
    )
    await h.translator.handle(
        {
            "type": "session.delegation.created",
            "delegation": {"id": "deleg_9", "target": "client", "type": "delegation"},
            "offset_ms": 950,
        }
    )
    calls = [e for e in h.out if e["type"] == "response.function_call_arguments.done"]
    assert [json.loads(c["arguments"])["effect"] for c in calls] == ["reverb", "delay"]
    assert [c["output_index"] for c in calls] == [0, 1] and len({c["call_id"] for c in calls}) == 2
    assert h.types()[-1] == "response.done"
    for call, said in zip(reversed(calls), ("Added delay.", "Added reverb."), strict=True):
        output = {
            "type": "function_call_output",
            "call_id": call["call_id"],
            "output": json.dumps({"message": said}),
        }
        await h.translator.send({"type": "conversation.item.create", "item": output})
        if said == "Added delay.":
            assert h.sent == []  # the delegation is answered once, when every call is done
    assert h.sent == [
        {
            "type": "session.commentary.append",
            "content": json.dumps([{"message": "Added reverb."}, {"message": "Added delay."}]),
            "delegation_id": "deleg_9",
        }
    ]


async def test_a_delegation_nothing_was_asked_for_is_answered_at_once(h: Harness) -> None:
    await h.translator.handle(
        {"type": "session.input_transcript.delta", "delta": "nice weather", "start_ms": 0, "end_ms": 900}
    )
    await h.translator.handle(
        {
            "type": "session.delegation.created",
            "delegation": {"id": "d2", "target": "client", "type": "delegation"},
            "offset_ms": 1,
        }
    )
    assert "response.function_call_arguments.done" not in h.types()
    assert h.sent[-1]["delegation_id"] == "d2" and "nice weather" in h.sent[-1]["content"]


def _message(role: str, text: str) -> dict[str, Any]:
    kind = "output_text" if role == "assistant" else "input_text"
    return {
        "type": "conversation.item.create",
        "item": {"type": "message", "role": role, "content": [{"type": kind, "text": text}]},
    }


async def test_client_events_map_onto_live(h: Harness) -> None:
    await h.translator.send(_message("user", "add delay"))
    await h.translator.send({"type": "response.create"})
    await h.translator.send(_message("system", "The chain is empty."))
    await h.translator.send(_message("user", "earlier words"))
    await h.translator.send(_message("assistant", "I said this"))
    for ignored in (
        {"type": "response.cancel"},
        {"type": "conversation.item.truncate", "item_id": "x", "audio_end_ms": 5},
    ):
        await h.translator.send(ignored)
    assert [(e["type"], e["content"]) for e in h.sent] == [
        ("session.commentary.append", "The user typed: add delay"),
        ("session.thinking.append", "The chain is empty."),
        ("session.thinking.append", "Earlier in this call the user said: earlier words"),
        ("session.thinking.append", "Earlier in this call you said: I said this"),
    ]
    assert all(e["delegation_id"] is None for e in h.sent)


async def test_a_live_error_is_a_realtime_error_and_a_closed_session_ends_the_connection(h: Harness) -> None:
    await h.translator.handle(
        {"type": "error", "error": {"type": "invalid_request_error", "code": "x", "message": "m"}}
    )
    assert h.out[-1] == {
        "type": "error",
        "error": {"type": "invalid_request_error", "code": "x", "message": "m"},
    }
    with pytest.raises(UpstreamError):
        await h.translator.handle({"type": "session.closed", "reason": "expired"})


async def test_usage_updates_pass_through_for_the_calls_usage(h: Harness) -> None:
    from voicertc.ops.usage import CallUsage

    event = {"type": "session.usage.updated", "event_id": "e1", "usage": {"seconds": 12}}
    await h.translator.handle(event)
    assert h.out == [event]
    usage = CallUsage.starting_now()
    for out in h.out:
        usage.add_event(out)
    assert usage.to_dict()["live_seconds"] == 12


async def test_a_delegated_undo_of_a_setting_puts_back_what_the_last_output_showed(h: Harness) -> None:
    assert (await delegate(h, "set the delay to 500 ms", "d1")) is not None
    shown = {"ok": True, "chain": [{"effect": "delay", "params": {"time_ms": 500.0, "mix": 30.0}}]}
    output = {"type": "function_call_output", "call_id": "d1", "output": json.dumps(shown)}
    await h.translator.send({"type": "conversation.item.create", "item": output})
    assert (await delegate(h, "set the delay to 200 ms", "d2")) is not None
    assert (await delegate(h, "undo that", "d3")) == {"effect": "delay", "action": "set", "value": 500}


async def test_what_no_call_could_do_goes_back_with_the_outputs(h: Harness) -> None:
    assert (await delegate(h, "put on some echo and a flanger", "d1")) == {"effect": "delay", "action": "add"}
    output = {
        "type": "function_call_output",
        "call_id": "d1",
        "output": json.dumps({"message": "Added delay."}),
    }
    await h.translator.send({"type": "conversation.item.create", "item": output})
    [commentary] = h.sent
    assert commentary["delegation_id"] == "d1"
    assert json.loads(commentary["content"]) == {
        "message": "Added delay.",
        "declined": declining("a flanger"),
    }
    assert (await delegate(h, "now make my voice deeper", "d2")) is None
    assert h.sent[-1] == {
        "type": "session.commentary.append",
        "content": declining("pitch"),
        "delegation_id": "d2",
    }


async def say_words(h: Harness, *words: str) -> None:
    for word in words:
        await h.translator.handle({"type": "session.output_audio.delta", "delta": "AAAA"})
        await h.translator.handle(
            {"type": "session.output_transcript.delta", "delta": word, "start_ms": 0, "end_ms": 1}
        )


def finals(h: Harness) -> list[str]:
    return [e["transcript"] for e in h.out if e["type"] == "response.output_audio_transcript.done"]


async def test_an_answer_a_delegation_comes_during_ends_once_whole_before_the_results_answer(
    h: Harness,
) -> None:
    await say_words(h, "The echo is", " longer")
    # Typed while it speaks; Live acknowledges it (no result: the answer goes on) and delegates.
    await h.translator.send(_message("user", "and add a compressor"))
    await h.translator.send({"type": "response.create"})
    await h.translator.handle({"type": "session.commentary.appended", "start_ms": 5, "end_ms": 5})
    await h.translator.handle(
        {
            "type": "session.delegation.created",
            "delegation": {"id": "d1", "target": "client", "type": "delegation"},
            "offset_ms": 6,
        }
    )
    call = next(e for e in h.out if e["type"] == "response.function_call_arguments.done")
    assert json.loads(call["arguments"]) == {"effect": "compressor", "action": "add"}
    await say_words(h, " now.")  # the rest of the answer it was giving
    assert finals(h) == []
    output = {"type": "function_call_output", "call_id": "d1", "output": '{"ok": true}'}
    await h.translator.send({"type": "conversation.item.create", "item": output})
    ack = {"type": "session.commentary.appended", "start_ms": 9, "end_ms": 9}
    await h.translator.handle({**ack, "client_event_id": h.event_ids[-1]})
    assert finals(h) == ["The echo is longer now."]
    await say_words(h, "Compressor", " added.")
    h.done.clear()
    await asyncio.wait_for(h.done.wait(), 5)
    assert finals(h) == ["The echo is longer now.", "Compressor added."]
    transcript_items = [e["item_id"] for e in h.out if e["type"] == "response.output_audio_transcript.done"]
    assert len(set(transcript_items)) == 2
