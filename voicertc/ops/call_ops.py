"""One call's operating record: its usage, its end line and webhook, its recording, its trace.

`CallOperations` listens to the session's own pyee events (`upstream_event`,
`transcript`, `interrupted`, `metrics`, `state`, `effects`, `notice`, `error`), so the
session only has to hand it the caller's audio, the outbound frames (for a recording),
greet the caller with `greeting()` and await `finish()` when the call closes.
"""

from __future__ import annotations

import base64
import binascii
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from pyee import EventEmitter

from ..metrics import METRICS
from .call_log import iso_utc, log_session_ended, session_ended
from .recording import CallRecording
from .usage import CallUsage

logger = logging.getLogger(__name__)

Publish = Callable[[str, dict[str, Any]], None]
RECORDING_NOTICE = {
    "type": "notice",
    "code": "recording",
    "seconds": 0,
    "message": "This call is being recorded.",
}


def _decoded_size(b64: str) -> int:
    try:
        return len(base64.b64decode(b64))
    except (binascii.Error, ValueError):
        return 0


class CallOperations:
    def __init__(
        self,
        emitter: EventEmitter,
        publish: Publish,
        *,
        session_id: str,
        upstream: str,
        model: str,
        user: str | None = None,
        record_dir: Path | None = None,
        tracer: Any = None,
        on_ended: Callable[[dict[str, Any]], None] | None = None,
    ) -> None:
        self.session_id = session_id
        self.upstream = upstream
        self.model = model
        self.user = user
        self.usage = CallUsage.starting_now()
        self.started_at = time.time()
        self.end_reason: str | None = None
        self._publish = publish
        self._on_ended = on_ended
        self._reconnecting = False
        self._begun = False
        self._finished = False
        self.recording = CallRecording(record_dir, session_id) if record_dir is not None else None
        self.trace: Any = None
        if tracer is not None:
            from .tracing import CallTrace

            attributes = {"voicertc.upstream": upstream, "voicertc.model": model}
            if user is not None:
                attributes["enduser.id"] = user
            self.trace = CallTrace(tracer, session_id, attributes)
        for event, handler in (
            ("upstream_event", self._on_upstream_event),
            ("transcript", self._on_transcript),
            ("interrupted", self._on_interrupted),
            ("metrics", self._on_metrics),
            ("state", self._on_state),
            ("effects", self._on_effects),
            ("notice", self._on_notice),
            ("error", self._on_error),
        ):
            emitter.on(event, handler)

    # -- fed by the session -----------------------------------------------------------

    def caller_audio(self, pcm16: bytes, pts: int | None = None) -> None:
        """20 ms of the caller's audio (24 kHz PCM16) on its way upstream, and where it
        starts on the sender's 48 kHz clock (None: unknown)."""
        self.usage.add_audio_in(len(pcm16))
        if self.recording is not None:
            self.recording.caller(pcm16, pts)

    def assistant_frame(self, samples: np.ndarray) -> None:
        """An outbound frame (24 kHz mono int16) as it leaves for the caller."""
        if self.recording is not None:
            self.recording.assistant(samples)

    def begin(self) -> None:
        """The call is on (its offer was answered): from now on it ends with a line."""
        self._begun = True
        self.usage = CallUsage.starting_now()
        self.started_at = time.time()

    def greeting(self) -> list[dict[str, Any]]:
        """What the caller is told when the channel opens."""
        return [RECORDING_NOTICE] if self.recording is not None else []

    def snapshot(self) -> dict[str, Any]:
        """The call so far, for the admin view."""
        return {
            "session_id": self.session_id,
            "user": self.user,
            "start": iso_utc(self.started_at),
            "age_s": round(self.usage.duration_s(), 1),
            "upstream": self.upstream,
            "model": self.model,
            "recording": self.recording is not None,
            "usage": self.usage.to_dict(),
        }

    async def finish(self) -> dict[str, Any] | None:
        """The call is over: its line, its counter, its webhook, its trace, its files."""
        if self._finished:
            return None
        self._finished = True
        if not self._begun:
            # Negotiation failed: there was no call to account for, and nothing to keep.
            if self.trace is not None:
                self.trace.end("not_started")
            if self.recording is not None:
                await self.recording.close(discard=True)
            return None
        reason = self.end_reason or "hangup"
        usage = self.usage.to_dict()
        record = session_ended(
            session_id=self.session_id,
            user=self.user,
            started_at=self.started_at,
            duration_s=self.usage.duration_s(),
            end_reason=reason,
            upstream=self.upstream,
            model=self.model,
            usage=usage,
        )
        log_session_ended(record)
        METRICS.calls_ended.inc(reason=reason)
        if self._on_ended is not None:
            try:
                self._on_ended(record)
            except Exception:  # a host's callback must not stop the call's cleanup
                logger.exception("session %s: on_ended callback failed", self.session_id)
        if self.trace is not None:
            self.trace.end(reason, usage)
        if self.recording is not None:
            await self.recording.close(usage, reason)
        return record

    # -- the session's events ------------------------------------------------------------

    def _on_upstream_event(self, event: dict[str, Any]) -> None:
        kind = event.get("type")
        if kind == "response.output_audio.delta":
            self.usage.add_audio_out(_decoded_size(str(event.get("delta", ""))))
            if self.trace is not None:
                self.trace.first_delta()
        elif kind == "input_audio_buffer.speech_stopped":
            if self.trace is not None:
                self.trace.turn_ended("speech")
        elif self.usage.add_event(event):
            usage = self.usage.to_dict()
            self._publish("usage", {"duration_s": round(self.usage.duration_s(), 3), "usage": usage})
            if self.recording is not None:
                self.recording.usage(usage)

    def _on_transcript(self, payload: dict[str, Any]) -> None:
        if not payload.get("final"):
            return
        text = str(payload.get("text", ""))
        role = str(payload.get("role", ""))
        item_id = str(payload.get("item_id", ""))
        if role == "user":
            if text.strip():
                self.usage.turns += 1
            if self.trace is not None and item_id.startswith("text_"):
                self.trace.turn_ended("text")  # a typed message ends the turn when sent
        if self.recording is not None and text.strip():
            self.recording.caption(role, text, item_id)

    def _on_interrupted(self, payload: dict[str, Any]) -> None:
        self.usage.barge_ins += 1

    def _on_metrics(self, payload: dict[str, Any]) -> None:
        if self.trace is None:
            return
        if "turn" in payload:
            self.trace.first_frame()
        if "barge_in_ms" in payload:
            now = time.monotonic()
            self.trace.barge_in(now - float(payload["barge_in_ms"]) / 1000, now)

    def _on_state(self, payload: dict[str, Any]) -> None:
        state = payload.get("state")
        if state == "reconnecting" and not self._reconnecting:
            self._reconnecting = True
            self.usage.new_connection()
            if self.trace is not None:
                self.trace.connection_lost()
        elif state != "reconnecting" and self._reconnecting and state != "ended":
            self._reconnecting = False
            if self.trace is not None:
                self.trace.connected()

    def _on_effects(self, payload: dict[str, Any]) -> None:
        if self.recording is not None:
            self.recording.effects(list(payload.get("chain", [])))

    def _on_notice(self, payload: dict[str, Any]) -> None:
        if payload.get("code") == "call_ended" and self.end_reason is None:
            self.end_reason = str(payload.get("reason") or "ended")

    def _on_error(self, payload: dict[str, Any]) -> None:
        if payload.get("code") == "ice_failed" and self.end_reason is None:
            self.end_reason = "ice_failed"
