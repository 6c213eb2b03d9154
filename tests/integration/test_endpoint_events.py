"""The embedded endpoint's events as the SDK types them, through the real openai SDK:
transcription partials and usage, committed items done, argument deltas, response usage,
and items deleted, retrieved and output audio cleared."""

from __future__ import annotations

import json
from typing import Any

from integration.test_endpoint import SESSION, SILENCE, next_of, send_audio


async def test_a_spoken_command_streams_every_event_the_sdk_defines(realtime, speech) -> None:
    await realtime.session.update(session=SESSION)
    await next_of(realtime, "session.updated")
    turn = SILENCE[:24000] + speech("add some reverb") + SILENCE
    await send_audio(realtime, turn)
    committed = await next_of(realtime, "input_audio_buffer.committed")
    seen: list[Any] = []
    while not seen or seen[-1].type != "response.done":
        # The first turn may wait for the speech models to load: a minute, not the usual 20 s.
        seen.append(await next_of(realtime, *WATCHED, timeout=60))
    kinds = [event.type for event in seen]
    delta = seen[kinds.index("conversation.item.input_audio_transcription.delta")]
    completed = seen[kinds.index("conversation.item.input_audio_transcription.completed")]
    assert delta.item_id == completed.item_id == committed.item_id
    assert kinds.index("conversation.item.input_audio_transcription.delta") < kinds.index(
        "conversation.item.input_audio_transcription.completed"
    )
    assert delta.delta == completed.transcript and "reverb" in completed.transcript.lower()
    # The turn's audio runs from its padded start to its end: about the phrase and 0.8 s.
    assert completed.usage.type == "duration" and 1.0 < completed.usage.seconds < 3.5
    done_item = seen[kinds.index("conversation.item.done")]
    assert done_item.item.id == committed.item_id and done_item.item.status == "completed"
    assert done_item.item.content[0].transcript == completed.transcript
    pieces = [e.delta for e in seen if e.type == "response.function_call_arguments.delta"]
    arguments = seen[kinds.index("response.function_call_arguments.done")].arguments
    assert len(pieces) > 1 and "".join(pieces) == arguments
    assert json.loads(arguments) == {"effect": "reverb", "action": "add"}
    usage = seen[-1].response.usage
    assert usage.input_token_details.audio_tokens == -(-int(completed.usage.seconds * 1000) // 100)
    assert usage.output_tokens == -(-len(arguments) // 4) and usage.total_tokens == (
        usage.input_tokens + usage.output_tokens
    )


WATCHED = (
    "conversation.item.input_audio_transcription.delta",
    "conversation.item.input_audio_transcription.completed",
    "conversation.item.done",
    "response.function_call_arguments.delta",
    "response.function_call_arguments.done",
    "response.done",
)


async def test_items_are_retrieved_and_deleted_and_output_audio_cleared(realtime) -> None:
    await next_of(realtime, "session.created")
    await realtime.conversation.item.create(
        item={"type": "message", "role": "user", "content": [{"type": "input_text", "text": "help"}]}
    )
    added = await next_of(realtime, "conversation.item.added")
    await realtime.conversation.item.retrieve(item_id=added.item.id)
    retrieved = await next_of(realtime, "conversation.item.retrieved")
    assert retrieved.item.id == added.item.id and retrieved.item.content[0].text == "help"

    await realtime.response.create()
    created = await next_of(realtime, "response.created")
    await next_of(realtime, "response.output_audio.delta")
    await realtime.output_audio_buffer.clear()
    done = await next_of(realtime, "response.done")
    cleared = await next_of(realtime, "output_audio_buffer.cleared")
    assert done.response.status == "cancelled" and cleared.response_id == created.response.id

    await realtime.conversation.item.delete(item_id=added.item.id)
    deleted = await next_of(realtime, "conversation.item.deleted")
    assert deleted.item_id == added.item.id
    for again in (realtime.conversation.item.retrieve, realtime.conversation.item.delete):
        await again(item_id=added.item.id)
        error = await next_of(realtime, "error")
        assert (error.error.code, error.error.param) == ("item_not_found", "item_id")
