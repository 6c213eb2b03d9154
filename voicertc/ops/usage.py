"""Per-call usage: the upstream's token (Realtime) or seconds (Live) counts, and the call's own.

Realtime reports usage per response in `response.done`, so those are summed. Live
reports its billable seconds cumulatively per session in `session.usage.updated`
("do not sum values across usage events"), so only the latest figure of the current
connection counts, added to the last figures of the connections before it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

# Realtime usage fields, as (path in the usage object, our name).
_TOKEN_FIELDS = (
    (("input_tokens",), "input_tokens"),
    (("output_tokens",), "output_tokens"),
    (("input_token_details", "text_tokens"), "input_text_tokens"),
    (("input_token_details", "audio_tokens"), "input_audio_tokens"),
    (("input_token_details", "cached_tokens"), "cached_tokens"),
    (("output_token_details", "text_tokens"), "output_text_tokens"),
    (("output_token_details", "audio_tokens"), "output_audio_tokens"),
)


def _count(usage: dict[str, Any], path: tuple[str, ...]) -> int:
    value: Any = usage
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    # A count the upstream left out (or sent as garbage) adds nothing rather than failing the call.
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


@dataclass
class CallUsage:
    """What one call has used so far. Cheap to update on every frame; `to_dict()` is the wire form."""

    started: float = 0.0  # time.monotonic() at the start
    responses: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    input_text_tokens: int = 0
    input_audio_tokens: int = 0
    cached_tokens: int = 0
    output_text_tokens: int = 0
    output_audio_tokens: int = 0
    #: Live's billable seconds: the finished connections' total, and the current one's latest.
    live_seconds_before: float = 0.0
    live_seconds_current: float = 0.0
    turns: int = 0
    barge_ins: int = 0
    reconnects: int = 0
    audio_in_s: float = 0.0
    audio_out_s: float = 0.0

    @classmethod
    def starting_now(cls) -> CallUsage:
        return cls(started=time.monotonic())

    def add_event(self, event: dict[str, Any]) -> bool:
        """Takes the usage out of an upstream event, if it carries any; True if it did."""
        kind = event.get("type")
        if kind == "response.done":
            response = event.get("response")
            usage = response.get("usage") if isinstance(response, dict) else None
            self.responses += 1
            if isinstance(usage, dict):
                self.add_response_usage(usage)
            return True
        if kind == "session.usage.updated":
            usage = event.get("usage")
            seconds = usage.get("seconds") if isinstance(usage, dict) else None
            if isinstance(seconds, (int, float)) and not isinstance(seconds, bool) and seconds >= 0:
                self.live_seconds_current = float(seconds)
            return True
        return False

    def add_response_usage(self, usage: dict[str, Any]) -> None:
        for path, name in _TOKEN_FIELDS:
            setattr(self, name, getattr(self, name) + _count(usage, path))

    def new_connection(self) -> None:
        """The upstream connection was replaced: Live's count starts again from zero."""
        self.live_seconds_before += self.live_seconds_current
        self.live_seconds_current = 0.0
        self.reconnects += 1

    def add_audio_in(self, pcm16_bytes: int, rate: int = 24000) -> None:
        self.audio_in_s += pcm16_bytes / (2 * rate)

    def add_audio_out(self, pcm16_bytes: int, rate: int = 24000) -> None:
        self.audio_out_s += pcm16_bytes / (2 * rate)

    def duration_s(self, now: float | None = None) -> float:
        return (time.monotonic() if now is None else now) - self.started

    def to_dict(self) -> dict[str, Any]:
        return {
            "responses": self.responses,
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "input_text_tokens": self.input_text_tokens,
            "input_audio_tokens": self.input_audio_tokens,
            "cached_tokens": self.cached_tokens,
            "output_text_tokens": self.output_text_tokens,
            "output_audio_tokens": self.output_audio_tokens,
            "live_seconds": self.live_seconds_before + self.live_seconds_current,
            "turns": self.turns,
            "barge_ins": self.barge_ins,
            "reconnects": self.reconnects,
            "audio_in_s": round(self.audio_in_s, 3),
            "audio_out_s": round(self.audio_out_s, 3),
        }
