"""OpenAI's Realtime (GA) protocol: event names, event builders and session defaults.

The one place the protocol is written down in voicertc: the upstream client and the
session send and read these events, the embedded endpoint serves them. Builders return
plain dicts shaped as the SDK's `openai.types.realtime` models; `event_id` is left to
the sender.
"""

from __future__ import annotations

import secrets
from typing import Any, Final

SAMPLE_RATE: Final = 24000
BYTES_PER_MS: Final = SAMPLE_RATE * 2 // 1000
VOICES: Final = ("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar")
DEFAULT_VOICE: Final = "marin"
# The SDK's InputAudioBufferAppendEvent: "up to a maximum of 15 MiB" of audio. The endpoint
# holds the uncommitted buffer to the same size (~5.5 minutes of 24 kHz PCM16).
MAX_INPUT_AUDIO_BYTES: Final = 15 * 1024 * 1024

# -- client events ---------------------------------------------------------------------
SESSION_UPDATE: Final = "session.update"
INPUT_AUDIO_APPEND: Final = "input_audio_buffer.append"
INPUT_AUDIO_COMMIT: Final = "input_audio_buffer.commit"
INPUT_AUDIO_CLEAR: Final = "input_audio_buffer.clear"
ITEM_CREATE: Final = "conversation.item.create"
ITEM_TRUNCATE: Final = "conversation.item.truncate"
ITEM_DELETE: Final = "conversation.item.delete"
ITEM_RETRIEVE: Final = "conversation.item.retrieve"
RESPONSE_CREATE: Final = "response.create"
RESPONSE_CANCEL: Final = "response.cancel"
OUTPUT_AUDIO_CLEAR: Final = "output_audio_buffer.clear"

# -- server events ---------------------------------------------------------------------
ERROR: Final = "error"
SESSION_CREATED: Final = "session.created"
SESSION_UPDATED: Final = "session.updated"
SPEECH_STARTED: Final = "input_audio_buffer.speech_started"
SPEECH_STOPPED: Final = "input_audio_buffer.speech_stopped"
INPUT_AUDIO_COMMITTED: Final = "input_audio_buffer.committed"
INPUT_AUDIO_CLEARED: Final = "input_audio_buffer.cleared"
OUTPUT_AUDIO_CLEARED: Final = "output_audio_buffer.cleared"
ITEM_ADDED: Final = "conversation.item.added"
ITEM_DONE: Final = "conversation.item.done"
ITEM_DELETED: Final = "conversation.item.deleted"
ITEM_RETRIEVED: Final = "conversation.item.retrieved"
ITEM_TRUNCATED: Final = "conversation.item.truncated"
USER_TRANSCRIPT_DELTA: Final = "conversation.item.input_audio_transcription.delta"
USER_TRANSCRIPT_DONE: Final = "conversation.item.input_audio_transcription.completed"
RESPONSE_CREATED: Final = "response.created"
RESPONSE_DONE: Final = "response.done"
OUTPUT_ITEM_ADDED: Final = "response.output_item.added"
OUTPUT_ITEM_DONE: Final = "response.output_item.done"
CONTENT_PART_ADDED: Final = "response.content_part.added"
CONTENT_PART_DONE: Final = "response.content_part.done"
AUDIO_DELTA: Final = "response.output_audio.delta"
AUDIO_DONE: Final = "response.output_audio.done"
TRANSCRIPT_DELTA: Final = "response.output_audio_transcript.delta"
TRANSCRIPT_DONE: Final = "response.output_audio_transcript.done"
ARGUMENTS_DELTA: Final = "response.function_call_arguments.delta"
ARGUMENTS_DONE: Final = "response.function_call_arguments.done"

# -- session defaults ------------------------------------------------------------------
VAD_THRESHOLD: Final = 0.5
PREFIX_PADDING_MS: Final = 300
SILENCE_DURATION_MS: Final = 500


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(8)}"


def pcm_format() -> dict[str, Any]:
    return {"type": "audio/pcm", "rate": SAMPLE_RATE}


def server_vad(
    threshold: float = VAD_THRESHOLD,
    prefix_padding_ms: int = PREFIX_PADDING_MS,
    silence_duration_ms: int = SILENCE_DURATION_MS,
) -> dict[str, Any]:
    """`turn_detection` for server VAD that answers and interrupts by itself."""
    return {
        "type": "server_vad",
        "threshold": threshold,
        "prefix_padding_ms": prefix_padding_ms,
        "silence_duration_ms": silence_duration_ms,
        "create_response": True,
        "interrupt_response": True,
    }


def default_session(model: str) -> dict[str, Any]:
    """A new server session as the endpoint announces it in `session.created`."""
    # No "id" or "object": OpenAI's service sends them, the SDK's session model has neither.
    return {
        "type": "realtime",
        "model": model,
        "instructions": "",
        "output_modalities": ["audio"],
        "audio": {
            "input": {"format": pcm_format(), "transcription": None, "turn_detection": server_vad()},
            "output": {"format": pcm_format(), "voice": DEFAULT_VOICE, "speed": 1.0},
        },
        "tools": [],
        "tool_choice": "auto",
    }


# -- client event builders ------------------------------------------------------------


def session_update(session: dict[str, Any]) -> dict[str, Any]:
    return {"type": SESSION_UPDATE, "session": session}


def append_json(audio_b64: str) -> str:
    """`input_audio_buffer.append` as JSON text, built without a dict (50 a second)."""
    return '{"type":"' + INPUT_AUDIO_APPEND + '","audio":"' + audio_b64 + '"}'


def item_create(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": ITEM_CREATE, "item": item}


def item_truncate(item_id: str, audio_end_ms: int, content_index: int = 0) -> dict[str, Any]:
    return {
        "type": ITEM_TRUNCATE,
        "item_id": item_id,
        "content_index": content_index,
        "audio_end_ms": audio_end_ms,
    }


def input_audio_commit() -> dict[str, Any]:
    return {"type": INPUT_AUDIO_COMMIT}


def input_audio_clear() -> dict[str, Any]:
    return {"type": INPUT_AUDIO_CLEAR}


def response_create() -> dict[str, Any]:
    return {"type": RESPONSE_CREATE}


def response_cancel() -> dict[str, Any]:
    return {"type": RESPONSE_CANCEL}


# -- server event builders ------------------------------------------------------------


def error(
    code: str,
    message: str,
    event_id: str | None = None,
    param: str | None = None,
    kind: str = "invalid_request_error",
) -> dict[str, Any]:
    return {
        "type": ERROR,
        "error": {"type": kind, "code": code, "message": message, "param": param, "event_id": event_id},
    }


def session_created(session: dict[str, Any]) -> dict[str, Any]:
    return {"type": SESSION_CREATED, "session": session}


def session_updated(session: dict[str, Any]) -> dict[str, Any]:
    return {"type": SESSION_UPDATED, "session": session}


def speech_started(item_id: str, audio_start_ms: int) -> dict[str, Any]:
    return {"type": SPEECH_STARTED, "audio_start_ms": audio_start_ms, "item_id": item_id}


def speech_stopped(item_id: str, audio_end_ms: int) -> dict[str, Any]:
    return {"type": SPEECH_STOPPED, "audio_end_ms": audio_end_ms, "item_id": item_id}


def input_audio_committed(item_id: str, previous_item_id: str | None) -> dict[str, Any]:
    return {"type": INPUT_AUDIO_COMMITTED, "item_id": item_id, "previous_item_id": previous_item_id}


def input_audio_cleared() -> dict[str, Any]:
    return {"type": INPUT_AUDIO_CLEARED}


def item_added(item: dict[str, Any], previous_item_id: str | None) -> dict[str, Any]:
    return {"type": ITEM_ADDED, "previous_item_id": previous_item_id, "item": item}


def item_done(item: dict[str, Any], previous_item_id: str | None) -> dict[str, Any]:
    return {"type": ITEM_DONE, "previous_item_id": previous_item_id, "item": item}


def item_truncated(item_id: str, audio_end_ms: int, content_index: int = 0) -> dict[str, Any]:
    return {
        "type": ITEM_TRUNCATED,
        "item_id": item_id,
        "content_index": content_index,
        "audio_end_ms": audio_end_ms,
    }


def user_transcript_delta(item_id: str, delta: str) -> dict[str, Any]:
    return {"type": USER_TRANSCRIPT_DELTA, "item_id": item_id, "content_index": 0, "delta": delta}


def user_transcript_done(item_id: str, transcript: str, audio_seconds: float) -> dict[str, Any]:
    return {
        "type": USER_TRANSCRIPT_DONE,
        "item_id": item_id,
        "content_index": 0,
        "transcript": transcript,
        "usage": {"type": "duration", "seconds": audio_seconds},
    }


def item_deleted(item_id: str) -> dict[str, Any]:
    return {"type": ITEM_DELETED, "item_id": item_id}


def item_retrieved(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": ITEM_RETRIEVED, "item": item}


def output_audio_cleared(response_id: str) -> dict[str, Any]:
    return {"type": OUTPUT_AUDIO_CLEARED, "response_id": response_id}


def user_audio_item(item_id: str) -> dict[str, Any]:
    """The conversation item of one committed turn of the caller's audio."""
    return {
        "id": item_id,
        "type": "message",
        "role": "user",
        "status": "completed",
        "content": [{"type": "input_audio", "transcript": None}],
    }


def assistant_audio_item(item_id: str) -> dict[str, Any]:
    return {
        "id": item_id,
        "type": "message",
        "role": "assistant",
        "status": "in_progress",
        "content": [{"type": "output_audio", "transcript": ""}],
    }


def function_call_item(item_id: str, call_id: str, name: str, arguments: str) -> dict[str, Any]:
    return {
        "id": item_id,
        "type": "function_call",
        "status": "completed",
        "name": name,
        "call_id": call_id,
        "arguments": arguments,
    }


def response_created(response_id: str) -> dict[str, Any]:
    return {
        "type": RESPONSE_CREATED,
        "response": {"object": "realtime.response", "id": response_id, "status": "in_progress", "output": []},
    }


def response_done(
    response_id: str | None,
    status: str,
    output: list[dict[str, Any]],
    usage: dict[str, Any] | None = None,
) -> dict[str, Any]:
    response: dict[str, Any] = {"id": response_id, "status": status, "output": output}
    if usage is not None:
        response["usage"] = usage
    return {"type": RESPONSE_DONE, "response": response}


# OpenAI's published rates: user audio is a token per 100 ms, assistant audio one per
# 50 ms; text about four characters a token. An embedded model only estimates usage so.
def usage(input_text: str, input_audio_ms: int, output_text: str, output_audio_ms: int) -> dict[str, Any]:
    text_in, audio_in = -(-len(input_text) // 4), -(-input_audio_ms // 100)
    text_out, audio_out = -(-len(output_text) // 4), -(-output_audio_ms // 50)
    return {
        "total_tokens": text_in + audio_in + text_out + audio_out,
        "input_tokens": text_in + audio_in,
        "output_tokens": text_out + audio_out,
        "input_token_details": {"text_tokens": text_in, "audio_tokens": audio_in, "cached_tokens": 0},
        "output_token_details": {"text_tokens": text_out, "audio_tokens": audio_out},
    }


def output_item_added(response_id: str, item: dict[str, Any], output_index: int = 0) -> dict[str, Any]:
    return {"type": OUTPUT_ITEM_ADDED, "response_id": response_id, "output_index": output_index, "item": item}


def output_item_done(response_id: str, item: dict[str, Any], output_index: int = 0) -> dict[str, Any]:
    return {"type": OUTPUT_ITEM_DONE, "response_id": response_id, "output_index": output_index, "item": item}


def arguments_delta(
    response_id: str, item: dict[str, Any], delta: str, output_index: int = 0
) -> dict[str, Any]:
    return {
        "type": ARGUMENTS_DELTA,
        "response_id": response_id,
        "item_id": item["id"],
        "output_index": output_index,
        "call_id": item["call_id"],
        "delta": delta,
    }


def arguments_done(response_id: str, item: dict[str, Any], output_index: int = 0) -> dict[str, Any]:
    return {
        "type": ARGUMENTS_DONE,
        "response_id": response_id,
        "item_id": item["id"],
        "output_index": output_index,
        "call_id": item["call_id"],
        "name": item["name"],
        "arguments": item["arguments"],
    }


def _content(kind: str, where: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {"type": kind, **where, "content_index": 0, **fields}


def content_part_added(where: dict[str, Any]) -> dict[str, Any]:
    """`where`: response_id, item_id and output_index of the audio item."""
    return _content(CONTENT_PART_ADDED, where, part={"type": "audio", "transcript": ""})


def content_part_done(where: dict[str, Any], transcript: str) -> dict[str, Any]:
    return _content(CONTENT_PART_DONE, where, part={"type": "audio", "transcript": transcript})


def audio_delta(where: dict[str, Any], audio_b64: str) -> dict[str, Any]:
    return _content(AUDIO_DELTA, where, delta=audio_b64)


def audio_done(where: dict[str, Any]) -> dict[str, Any]:
    return _content(AUDIO_DONE, where)


def transcript_delta(where: dict[str, Any], delta: str) -> dict[str, Any]:
    return _content(TRANSCRIPT_DELTA, where, delta=delta)


def transcript_done(where: dict[str, Any], transcript: str) -> dict[str, Any]:
    return _content(TRANSCRIPT_DONE, where, transcript=transcript)
