"""Client events checked before anything acts on them, against the SDK's own types.

Every client event but `input_audio_buffer.append` (50 a second, checked by hand where
it is handled) is validated with pydantic against its model in `openai.types.realtime`,
then `session.update` against what the endpoint can honour. A failure is a
`ProtocolError`, answered with a Realtime `error` event naming the field.
"""

from __future__ import annotations

import copy
import math
from typing import Any

from openai.types.realtime import RealtimeClientEvent
from pydantic import ValidationError

from ...protocol import realtime as rt
from ...protocol.schema import adapters_by_type, unknown_field

# Longest wait that makes sense for a turn's end or its padding: a minute.
_MAX_TURN_MS_SETTING = 60_000
# Deeper than any real event (a tool's JSON schema included), shallow enough that copying,
# merging and sending it back stays far from Python's recursion limit.
MAX_DEPTH = 32


class ProtocolError(Exception):
    def __init__(self, code: str, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.param = param


_ADAPTERS = adapters_by_type(RealtimeClientEvent)


def _where(loc: tuple[int | str, ...]) -> str:
    # Union members show up in the path by class name (CamelCase): not a field the client wrote.
    return ".".join(str(part) for part in loc if not (isinstance(part, str) and part[:1].isupper()))


def _too_deep(value: Any, limit: int) -> bool:
    level: list[Any] = [value]
    for _ in range(limit):
        level = [
            child
            for node in level
            if isinstance(node, (dict, list))
            for child in (node.values() if isinstance(node, dict) else node)
        ]
        if not level:
            return False
    return True


_APPEND_FIELDS = frozenset(("type", "audio", "event_id"))


def check_append(event: dict[str, Any]) -> None:
    """`input_audio_buffer.append` by hand: it comes 50 times a second."""
    if not _APPEND_FIELDS.issuperset(event):
        unknown = next(str(k) for k in event if k not in _APPEND_FIELDS)
        raise ProtocolError("unknown_parameter", f"Unknown parameter '{unknown}'.", unknown)
    if not isinstance(event.get("audio"), str):
        raise ProtocolError("invalid_value", "'audio' must be a base64 string.", "audio")
    if not isinstance(event.get("event_id", ""), str):
        raise ProtocolError("invalid_value", "'event_id' must be a string.", "event_id")


def check_event(event: dict[str, Any]) -> None:
    """Raises ProtocolError unless `event` is a client event the SDK's types accept."""
    adapter = _ADAPTERS.get(event["type"])
    if adapter is None:
        raise ProtocolError("unknown_event", f"Unknown event type '{event['type']}'.", "type")
    if _too_deep(event, MAX_DEPTH):
        raise ProtocolError("invalid_value", f"The event is nested more than {MAX_DEPTH} levels deep.")
    if isinstance(event.get("session"), dict):
        # What session.created announced may be sent back whole: its read-only fields are ignored.
        event = {**event, "session": {k: v for k, v in event["session"].items() if k not in ("id", "object")}}
    try:
        model = adapter.validate_python(event)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        # In a union every member reports; the first error that is not "wrong member" says most.
        error = next((e for e in errors if e["type"] != "literal_error"), errors[0])
        param = _where(error["loc"])
        raise ProtocolError("invalid_value", f"Invalid '{param}': {error['msg']}.", param) from None
    unknown = unknown_field(model)
    if unknown:
        raise ProtocolError("unknown_parameter", f"Unknown parameter '{unknown}'.", unknown)


def _merge(base: dict[str, Any], update: dict[str, Any]) -> None:
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value


def _number(td: dict[str, Any], key: str, low: float, high: float) -> None:
    value = td.get(key)
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ProtocolError(
            "invalid_value", f"'{key}' must be a number.", f"session.audio.input.turn_detection.{key}"
        )
    if not low <= value <= high:
        raise ProtocolError(
            "invalid_value",
            f"'{key}' must be between {low:g} and {high:g}, got {value:g}.",
            f"session.audio.input.turn_detection.{key}",
        )


def _at(value: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def updated_session(session: dict[str, Any], update: dict[str, Any]) -> dict[str, Any]:
    """`session` with `update` merged in, as a new dict; `session` is untouched on failure."""
    update = {k: v for k, v in update.items() if k not in ("id", "object")}
    merged = copy.deepcopy(session)
    new, now = (
        _at(update, "audio", "input", "turn_detection"),
        _at(merged, "audio", "input", "turn_detection"),
    )
    if isinstance(new, dict) and isinstance(now, dict) and new.get("type", now["type"]) != now["type"]:
        # Another kind of turn detection starts from its own defaults: server_vad's
        # threshold is no field of semantic_vad.
        merged["audio"]["input"]["turn_detection"] = None
    _merge(merged, update)
    audio = merged.get("audio")
    if not isinstance(audio, dict) or not all(isinstance(audio.get(k), dict) for k in ("input", "output")):
        raise ProtocolError(
            "invalid_value", "'audio' must hold 'input' and 'output' objects.", "session.audio"
        )
    voice = audio["output"].get("voice")
    if voice not in rt.VOICES:
        raise ProtocolError("invalid_value", f"Unknown voice '{voice}'.", "session.audio.output.voice")
    td = audio["input"].get("turn_detection")
    if td is not None:
        if not isinstance(td, dict):
            raise ProtocolError(
                "invalid_value",
                "'turn_detection' must be an object or null.",
                "session.audio.input.turn_detection",
            )
        _number(td, "threshold", 0.0, 1.0)
        _number(td, "prefix_padding_ms", 0, _MAX_TURN_MS_SETTING)
        _number(td, "silence_duration_ms", 0, _MAX_TURN_MS_SETTING)
    return merged
