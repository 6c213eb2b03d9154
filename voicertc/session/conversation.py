"""The conversation: what the model's server events mean for the call (transcripts,
responses, tool calls, barge-in, turn metrics), and the caller's turns going up."""

from __future__ import annotations

import base64
import json
import logging
import secrets
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

from ..audio.outbound import AssistantTrack
from ..metrics import METRICS
from ..protocol import realtime as rt
from ..upstream.realtime import message
from .events import CallEvents
from .tools import ToolRunner
from .turns import TurnClock
from .upstream_link import UpstreamLink

logger = logging.getLogger(__name__)

# Upstream errors that are normal races in a live conversation, not news for the caller.
QUIET_ERRORS = {"response_cancel_not_active", "conversation_already_has_active_response"}
Spawn = Callable[[Awaitable[Any]], Any]
Handler = Callable[["Conversation", dict[str, Any]], Awaitable[None]]


class Conversation:
    """Turns server events into the call's state, captions and audio, and the caller's
    interruptions into what the model must hear of them."""

    def __init__(
        self,
        events: CallEvents,
        link: UpstreamLink,
        track: AssistantTrack,
        tools: ToolRunner,
        *,
        spawn: Spawn,
        on_activity: Callable[[], None],
        session_id: str,
    ) -> None:
        self._id = session_id
        self._events = events
        self._link = link
        self._track = track
        self._tools = tools
        self._spawn = spawn
        self._on_activity = on_activity
        self.turns = TurnClock()
        self._transcripts: dict[str, str] = {}
        # Items cut off by a barge-in, whose late deltas are dropped; only the latest few
        # can still be streaming, so a long call does not grow this.
        self.interrupted: deque[str] = deque(maxlen=16)
        self.response_active = False
        self._pending_tool_outputs = False

    # -- the caller's side ---------------------------------------------------------------

    async def send_text(self, text: str) -> None:
        """A typed user message: the assistant answers it like speech."""
        if self.response_active or self._track.buffered_ms:
            await self.interrupt()
        item_id = "text_" + secrets.token_hex(6)
        self._events.publish("transcript", {"role": "user", "text": text, "final": True, "item_id": item_id})
        self._link.remember("user", text)
        self.turns.turn_ended()
        await self._link.send(message("user", text, item_id))
        await self._link.send(rt.response_create())
        self._link.expect_reply()

    async def commit(self) -> None:
        """Push-to-talk released: the caller's turn ends now, and the model answers it."""
        self.turns.turn_ended()
        self._events.set_state("thinking")
        await self._link.send(rt.input_audio_commit())
        await self._link.send(rt.response_create())
        self._link.expect_reply()

    async def interrupt(self) -> None:
        """Cut the assistant off now, and tell the model how much was heard."""
        await self._barge_in()
        if self.response_active:
            await self._link.send(rt.response_cancel())
        self._events.set_state("listening")

    async def _barge_in(self) -> None:
        started = time.monotonic()
        cleared = self._track.clear()
        item = cleared.item_id
        if item is None or (cleared.dropped_ms == 0 and not self.response_active):
            return
        self.interrupted.append(item)
        self._events.publish("interrupted", {"item_id": item, "audio_end_ms": cleared.audio_end_ms})
        self._spawn(self._measure_barge_in(started))
        # What the listener heard is what went out, not what the model sent.
        await self._link.send(rt.item_truncate(item, cleared.audio_end_ms))

    async def _measure_barge_in(self, started: float) -> None:
        silenced_at = await self._track.next_frame()
        METRICS.barge_in.observe(silenced_at - started)
        self._events.publish("metrics", {"barge_in_ms": round((silenced_at - started) * 1000, 1)})

    # -- the track's side -----------------------------------------------------------------

    def connected(self) -> None:
        """A (new) upstream connection is up: no response of its is under way."""
        self.response_active = False
        self._events.set_state("speaking" if self._track.buffered_ms else "listening")

    def item_started(self, item_id: str) -> None:
        """The first frame of an answer went out."""
        self._events.set_state("speaking")
        turn = self.turns.answer_started(item_id, self._link.connection.append_delays)
        if turn is not None:
            self._events.publish("metrics", {"turn": turn})

    # -- the model's side -----------------------------------------------------------------

    async def handle(self, event: dict[str, Any]) -> None:
        handler = self._HANDLERS.get(str(event.get("type", "")))
        if handler is not None:
            await handler(self, event)

    async def _on_speech_started(self, event: dict[str, Any]) -> None:
        self._on_activity()
        await self._barge_in()
        self._events.set_state("listening")

    async def _on_speech_stopped(self, event: dict[str, Any]) -> None:
        self._link.expect_reply()  # turn detection creates the response
        self.turns.turn_ended()
        self._events.set_state("thinking")

    def _caption(self, role: str, event: dict[str, Any]) -> None:
        item_id = event.get("item_id", "")
        text = self._transcripts.get(item_id, "") + str(event.get("delta", ""))
        self._transcripts[item_id] = text
        self._events.publish("transcript", {"role": role, "text": text, "final": False, "item_id": item_id})

    def _final_caption(self, role: str, item_id: str, text: str) -> None:
        self._events.publish("transcript", {"role": role, "text": text, "final": True, "item_id": item_id})
        self._link.remember(role, text)

    async def _on_user_transcript_delta(self, event: dict[str, Any]) -> None:
        self._caption("user", event)

    async def _on_user_transcript_done(self, event: dict[str, Any]) -> None:
        item_id = event.get("item_id", "")
        self._transcripts.pop(item_id, None)
        self._final_caption("user", item_id, str(event.get("transcript", "")))

    async def _on_response_created(self, event: dict[str, Any]) -> None:
        self.response_active = True
        self._pending_tool_outputs = False
        if self._events.state != "speaking":
            self._events.set_state("thinking")

    async def _on_audio_delta(self, event: dict[str, Any]) -> None:
        item_id = event.get("item_id", "")
        if item_id in self.interrupted:
            return
        self.turns.delta()
        self._track.feed(item_id, base64.b64decode(event.get("delta", "")))

    async def _on_assistant_transcript_delta(self, event: dict[str, Any]) -> None:
        if event.get("item_id", "") not in self.interrupted:
            self._caption("assistant", event)

    async def _on_assistant_transcript_done(self, event: dict[str, Any]) -> None:
        item_id = event.get("item_id", "")
        text = self._transcripts.pop(item_id, None)
        if item_id in self.interrupted:
            # What was heard, not what the model meant to say.
            text = text or ""
        else:
            text = str(event.get("transcript", text or ""))
        self._final_caption("assistant", item_id, text)

    async def _on_function_call(self, event: dict[str, Any]) -> None:
        output = await self._tools.run(str(event.get("name", "")), event.get("arguments", "{}"))
        call_id = event.get("call_id", "")
        await self._link.send(
            rt.item_create({"type": "function_call_output", "call_id": call_id, "output": json.dumps(output)})
        )
        self._pending_tool_outputs = True

    async def _on_response_done(self, event: dict[str, Any]) -> None:
        self.response_active = False
        if self._pending_tool_outputs:
            # The model asked for tools: it answers once it has their outputs.
            self._pending_tool_outputs = False
            await self._link.send(rt.response_create())
            self._link.expect_reply()
            return
        self._spawn(self._settle_after_response())

    async def _settle_after_response(self) -> None:
        await self._track.wait_drained()
        if not self.response_active and self._events.state in ("speaking", "thinking"):
            self._events.set_state("listening")

    async def _on_error(self, event: dict[str, Any]) -> None:
        error = event.get("error") or {}
        code = str(error.get("code") or error.get("type") or "upstream_error")
        if code in QUIET_ERRORS:
            return
        logger.info("session %s: upstream error %s: %s", self._id, code, error.get("message"))
        self._events.error("upstream_error", str(error.get("message") or "The assistant reported an error."))

    _HANDLERS: ClassVar[dict[str, Handler]] = {
        rt.SPEECH_STARTED: _on_speech_started,
        rt.SPEECH_STOPPED: _on_speech_stopped,
        rt.USER_TRANSCRIPT_DELTA: _on_user_transcript_delta,
        rt.USER_TRANSCRIPT_DONE: _on_user_transcript_done,
        rt.RESPONSE_CREATED: _on_response_created,
        rt.AUDIO_DELTA: _on_audio_delta,
        rt.TRANSCRIPT_DELTA: _on_assistant_transcript_delta,
        rt.TRANSCRIPT_DONE: _on_assistant_transcript_done,
        rt.ARGUMENTS_DONE: _on_function_call,
        rt.RESPONSE_DONE: _on_response_done,
        rt.ERROR: _on_error,
    }
