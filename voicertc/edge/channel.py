"""The `events` data channel contract (docs/protocol.md): parsing what clients send."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

MAX_MESSAGE_BYTES = 16 * 1024
MAX_TEXT_CHARS = 4000


class ChannelError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class TextMessage:
    text: str


@dataclass(frozen=True)
class EffectMessage:
    action: str
    effect: str | None = None
    value: float | None = None
    unit: str | None = None
    param: str | None = None
    index: int | None = None
    to: int | None = None


@dataclass(frozen=True)
class InterruptMessage:
    pass


@dataclass(frozen=True)
class CommitMessage:
    """Push-to-talk released: the user's turn ends now."""


@dataclass(frozen=True)
class PingMessage:
    id: str | int | float | None


@dataclass(frozen=True)
class MonitorMessage:
    enabled: bool


ClientMessage = TextMessage | EffectMessage | InterruptMessage | CommitMessage | PingMessage | MonitorMessage


def _optional(data: dict[str, Any], key: str, kinds: tuple[type, ...], what: str) -> Any:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, kinds):
        raise ChannelError("bad_message", f"'{key}' must be {what}.")
    return value


def parse_client_message(raw: str | bytes) -> ClientMessage:
    if isinstance(raw, bytes):
        raise ChannelError("bad_message", "Messages must be JSON text, not binary.")
    if len(raw) > MAX_MESSAGE_BYTES:
        raise ChannelError("too_large", f"Messages are limited to {MAX_MESSAGE_BYTES} bytes.")
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise ChannelError("bad_message", "Messages must be JSON objects.") from None
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise ChannelError("bad_message", "Messages must be JSON objects with a string 'type'.")
    kind = data["type"]
    if kind == "text":
        text = data.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ChannelError("bad_message", "'text' must be a non-empty string.")
        if len(text) > MAX_TEXT_CHARS:
            raise ChannelError("too_large", f"'text' is limited to {MAX_TEXT_CHARS} characters.")
        return TextMessage(text.strip())
    if kind == "effect":
        action = data.get("action")
        if not isinstance(action, str):
            raise ChannelError("bad_message", "'action' must be a string.")
        return EffectMessage(
            action=action,
            effect=_optional(data, "effect", (str,), "a string"),
            value=_optional(data, "value", (int, float), "a number"),
            unit=_optional(data, "unit", (str,), "a string"),
            param=_optional(data, "param", (str,), "a string"),
            index=_optional(data, "index", (int,), "an integer"),
            to=_optional(data, "to", (int,), "an integer"),
        )
    if kind == "interrupt":
        return InterruptMessage()
    if kind == "commit":
        return CommitMessage()
    if kind == "monitor":
        enabled = data.get("enabled")
        if not isinstance(enabled, bool):
            raise ChannelError("bad_message", "'enabled' must be true or false.")
        return MonitorMessage(enabled)
    if kind == "ping":
        ping_id = data.get("id")
        if ping_id is not None and (isinstance(ping_id, bool) or not isinstance(ping_id, (str, int, float))):
            raise ChannelError("bad_message", "'id' must be a string or a number.")
        return PingMessage(ping_id)
    raise ChannelError("unknown_type", f"Unknown message type '{kind}'.")
