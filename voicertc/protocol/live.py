"""OpenAI's Live API protocol: event names, event builders and the session voicertc starts.

Written from the installed SDK's `openai/types/live` (client events `ClientEvent`, server
events `ServerEvent`) and `openai/resources/live` (`client.live.connect()`: a WebSocket
at `{websocket_base_url}/live/sessions`, the model in `session.start`, never in the
URL). Builders return plain dicts shaped as those types; `event_id` is left to the sender.

Live is server-driven: the client starts the session, streams audio, and hands results
of delegated work back; there is no client response create/cancel/truncate. Transcript
deltas carry session-timeline positions (ms since the session began) and no turn ends.
"""

from __future__ import annotations

import secrets
from typing import Any, Final

SAMPLE_RATE: Final = 24000
MODELS: Final = ("gpt-live-1", "gpt-live-1.1")
DEFAULT_MODEL: Final = "gpt-live-1.1"
PATH: Final = "/live/sessions"

# -- client events ---------------------------------------------------------------------
SESSION_START: Final = "session.start"
SESSION_UPDATE: Final = "session.update"
SESSION_CLOSE: Final = "session.close"
INPUT_AUDIO_APPEND: Final = "session.input_audio.append"
INSTRUCTIONS_APPEND: Final = "session.instructions.append"
THINKING_APPEND: Final = "session.thinking.append"
COMMENTARY_APPEND: Final = "session.commentary.append"

# -- server events ---------------------------------------------------------------------
SESSION_STARTED: Final = "session.started"
SESSION_UPDATED: Final = "session.updated"
SESSION_CLOSED: Final = "session.closed"
OUTPUT_AUDIO_DELTA: Final = "session.output_audio.delta"
INPUT_TRANSCRIPT_DELTA: Final = "session.input_transcript.delta"
OUTPUT_TRANSCRIPT_DELTA: Final = "session.output_transcript.delta"
DELEGATION_CREATED: Final = "session.delegation.created"
INSTRUCTIONS_APPENDED: Final = "session.instructions.appended"
THINKING_APPENDED: Final = "session.thinking.appended"
COMMENTARY_APPENDED: Final = "session.commentary.appended"
USAGE_UPDATED: Final = "session.usage.updated"
ERROR: Final = "error"
INFO: Final = "info"

#: Client events the embedded endpoint answers; others get an `unsupported_event` error.
APPENDS: Final = {
    INSTRUCTIONS_APPEND: INSTRUCTIONS_APPENDED,
    THINKING_APPEND: THINKING_APPENDED,
    COMMENTARY_APPEND: COMMENTARY_APPENDED,
}


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(8)}"


def pcm_format() -> dict[str, Any]:
    return {"type": "audio/pcm", "rate": SAMPLE_RATE}


def is_live_model(model: str) -> bool:
    return model.startswith("gpt-live-")


# -- client event builders ------------------------------------------------------------


def session_start(
    model: str, voice: str, instructions: str, history: list[tuple[str, str]] | None = None
) -> dict[str, Any]:
    """`session.start` with client delegation: delegated work (the effect tools) comes to
    voicertc as `session.delegation.created`. `history` (role, text) becomes the
    session's initial text-only input, as after a reconnect."""
    session: dict[str, Any] = {
        "model": model,
        "instructions": instructions,
        "audio": {"format": pcm_format(), "output": {"voice": voice}},
        "delegation": {"type": "client"},
    }
    if history:
        session["input"] = [initial_item(role, text) for role, text in history[-128:]]
    return {"type": SESSION_START, "session": session}


def initial_item(role: str, text: str) -> dict[str, Any]:
    """One text message of `session.start`'s `input` (user, assistant or developer)."""
    role = role if role in ("user", "assistant") else "developer"
    kind = "output_text" if role == "assistant" else "input_text"
    return {"type": "message", "role": role, "content": [{"type": kind, "text": text}]}


def input_audio_append_json(audio_b64: str) -> str:
    """`session.input_audio.append` as JSON text, built without a dict (50 a second)."""
    return '{"type":"' + INPUT_AUDIO_APPEND + '","audio":"' + audio_b64 + '"}'


def append(
    kind: str, content: str, delegation_id: str | None = None, event_id: str | None = None
) -> dict[str, Any]:
    """`session.instructions.append`, `session.thinking.append` (silent context) or
    `session.commentary.append` (something the model should say); `event_id` comes back
    as the `client_event_id` of its acknowledgement."""
    event = {"type": kind, "content": content, "delegation_id": delegation_id}
    return event if event_id is None else {**event, "event_id": event_id}


def session_close() -> dict[str, Any]:
    return {"type": SESSION_CLOSE}


# -- server event builders (the embedded endpoint) ------------------------------------


def session_resource(
    session_id: str, model: str, voice: str, instructions: str, expires_at: int
) -> dict[str, Any]:
    return {
        "id": session_id,
        "model": model,
        "status": "active",
        "expires_at": expires_at,
        "instructions": instructions,
        "audio": {"format": pcm_format(), "output": {"voice": voice}},
        "delegation": {"type": "client"},
    }


def session_started(session: dict[str, Any]) -> dict[str, Any]:
    return {"type": SESSION_STARTED, "session": session}


def session_closed(session: dict[str, Any], reason: str, seconds: float) -> dict[str, Any]:
    return {"type": SESSION_CLOSED, "reason": reason, "session": session, "usage": {"seconds": seconds}}


def output_audio_delta(delta_b64: str) -> dict[str, Any]:
    return {"type": OUTPUT_AUDIO_DELTA, "delta": delta_b64}


def transcript_delta(kind: str, delta: str, start_ms: int, end_ms: int) -> dict[str, Any]:
    return {"type": kind, "delta": delta, "start_ms": start_ms, "end_ms": end_ms}


def delegation_created(delegation_id: str, offset_ms: int) -> dict[str, Any]:
    return {
        "type": DELEGATION_CREATED,
        "delegation": {"id": delegation_id, "target": "client", "type": "delegation"},
        "offset_ms": offset_ms,
    }


def appended(kind: str, at_ms: int, client_event_id: str | None) -> dict[str, Any]:
    """Appended context sits at one point of the timeline: start and end are equal."""
    event: dict[str, Any] = {"type": kind, "start_ms": at_ms, "end_ms": at_ms}
    if client_event_id:
        event["client_event_id"] = client_event_id
    return event


def error(
    code: str,
    message: str,
    client_event_id: str | None = None,
    param: str | None = None,
    kind: str = "invalid_request_error",
) -> dict[str, Any]:
    detail: dict[str, Any] = {"type": kind, "code": code, "message": message}
    if param is not None:
        detail["param"] = param
    if client_event_id is not None:
        detail["client_event_id"] = client_event_id
    return {"type": ERROR, "error": detail}
