"""A voice session: one call's audio, data channel, effect chain and upstream, bridged.

`VoiceSession` attaches to an `RTCPeerConnection` (the server's own, or a host app's),
sends the caller's audio upstream, plays the model's audio back paced at real time,
handles barge-in, tool calls and data channel messages, and reports what happens
through pyee events: `transcript`, `state`, `effects`, `metrics`, `error`, `closed`.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import secrets
import statistics
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
from aiortc import RTCDataChannel, RTCPeerConnection
from aiortc.mediastreams import MediaStreamTrack
from pyee.asyncio import AsyncIOEventEmitter

from .audio.inbound import InboundPump
from .audio.outbound import AssistantTrack
from .audio.resample import Upsampler
from .edge.channel import (
    ChannelError,
    EffectMessage,
    InterruptMessage,
    MonitorMessage,
    PingMessage,
    TextMessage,
    parse_client_message,
)
from .effects import (
    APPLY_EFFECT_TOOL,
    GET_EFFECTS_TOOL,
    ChainRenderer,
    EffectChain,
    EffectError,
    handle_tool_call,
)
from .metrics import METRICS
from .protocol import realtime as rt
from .upstream.realtime import Upstream, UpstreamConfig, UpstreamError

logger = logging.getLogger(__name__)

ToolHandler = Callable[[dict[str, Any]], Awaitable[Any] | Any]
_EFFECT_TOOLS = {APPLY_EFFECT_TOOL["name"], GET_EFFECTS_TOOL["name"]}
# Upstream errors that are normal races in a live conversation, not news for the caller.
_ENDING = {
    "max_duration": "This call is about to reach its time limit and will end soon.",
    "idle": "Nothing has been said for a while; the call will end soon unless you speak.",
}
_ENDED = {
    "max_duration": "The call reached its time limit.",
    "idle": "The call ended after a long silence.",
    "media_timeout": "No audio arrived from your side for a while, so the call was ended.",
    "upstream_unavailable": "The assistant could not be reached, so the call was ended.",
    "server_shutdown": "The server is restarting; please call again in a moment.",
}
# What a new upstream connection is told of the conversation so far (user and assistant
# turns, as text): enough to go on with, bounded for an hour-long call.
_HISTORY_TURNS = 40
_QUIET_ERRORS = {"response_cancel_not_active", "conversation_already_has_active_response"}


@dataclass
class SessionOptions:
    upstream: UpstreamConfig = field(default_factory=UpstreamConfig)
    #: Extra tools the host app handles: name -> (tool definition, handler).
    tools: dict[str, tuple[dict[str, Any], ToolHandler]] = field(default_factory=dict)
    #: Limits; None turns one off. The caller is warned `warn_seconds` before a limit ends the call.
    max_call_seconds: float | None = 3600.0
    idle_seconds: float | None = 600.0
    #: A call whose inbound audio stops this long is dead (tab killed, network gone).
    media_timeout_seconds: float | None = 20.0
    #: An upstream that has not started a response this long after a turn ended (speech
    #: stopped, text or tool output sent), or gone silent this long in the middle of one,
    #: is stalled: its connection is replaced.
    reply_timeout_seconds: float | None = 20.0
    warn_seconds: float = 30.0
    reconnect_attempts: int = 6


def _message(role: str, text: str, item_id: str | None = None) -> dict[str, Any]:
    """A text message for the model's conversation (the assistant's own words are output)."""
    kind = "output_text" if role == "assistant" else "input_text"
    item: dict[str, Any] = {"type": "message", "role": role, "content": [{"type": kind, "text": text}]}
    if item_id is not None:
        item["id"] = item_id
    return rt.item_create(item)


class _Monitor:
    """The caller's audio, rendered through the chain at 24 kHz, mixed into the outbound track."""

    def __init__(self, chain: EffectChain, track: AssistantTrack) -> None:
        self.renderer = ChainRenderer(chain, sample_rate=24000)
        self._upsampler = Upsampler()
        self._track = track

    def feed(self, pcm16: bytes) -> None:
        dry = np.frombuffer(pcm16, dtype=np.int16).astype(np.float32) / 32768.0
        wet = np.clip(self.renderer.process(dry) * 32768.0, -32768, 32767).astype(np.int16)
        self._track.monitor(self._upsampler.process(wet.tobytes()))


class VoiceSession(AsyncIOEventEmitter):
    def __init__(
        self,
        pc: RTCPeerConnection,
        options: SessionOptions | None = None,
        *,
        session_id: str | None = None,
        upstream_label: str | None = None,
    ) -> None:
        super().__init__()
        self.id = session_id or secrets.token_urlsafe(12)
        self.pc = pc
        self.options = options or SessionOptions()
        if upstream_label is None:
            upstream_label = "openai" if self.options.upstream.base_url is None else "custom"
        self.upstream_label = upstream_label
        self.chain = EffectChain()
        self.track = AssistantTrack(
            lateness=METRICS.frame_lateness, late=METRICS.late_frames, delta_to_frame=METRICS.delta_to_frame
        )
        self.track.on_item_started = self._on_item_started
        self.state = "connecting"
        self._channel: RTCDataChannel | None = None
        self._pump: InboundPump | None = None
        config = self.options.upstream
        config.tools = [APPLY_EFFECT_TOOL, GET_EFFECTS_TOOL] + [t for t, _ in self.options.tools.values()]
        self._upstream = self._new_upstream()
        self._last_activity = time.monotonic()
        self._last_frame_at: float | None = None
        self._monitor: _Monitor | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closed = asyncio.Event()
        self._closing = False
        # Conversation bookkeeping
        self._transcripts: dict[str, str] = {}
        # Items cut off by a barge-in, whose late deltas are dropped; only the latest few
        # can still be streaming, so a long call does not grow this.
        self._interrupted: deque[str] = deque(maxlen=16)
        self._response_active = False
        self._pending_tool_outputs = False
        self._speech_stopped_at: float | None = None
        self._first_delta_at: float | None = None
        self._turn_items: set[str] = set()
        self._history: deque[tuple[str, str]] = deque(maxlen=_HISTORY_TURNS)  # (role, text)
        self._reply_timer: asyncio.TimerHandle | None = None

        pc.on("track", self.on_remote_track)
        pc.on("datachannel", self.attach_channel)
        pc.on("connectionstatechange", self._on_connection_state)

    # -- lifecycle ------------------------------------------------------------------

    def add_outbound_track(self) -> None:
        """Send the assistant's audio on the call's audio transceiver."""
        for transceiver in self.pc.getTransceivers():
            if transceiver.kind == "audio" and transceiver.sender.track is None:
                transceiver.sender.replaceTrack(self.track)
                if transceiver.direction == "recvonly":
                    transceiver.direction = "sendrecv"
                return
        self.pc.addTrack(self.track)

    async def start(self) -> None:
        """Connect upstream; the call is live once the media and channel arrive."""
        # A call whose media never arrives is as dead as one whose media stopped.
        self._last_frame_at = time.monotonic()
        self._spawn(self._run_upstream())
        self._spawn(self._watchdog())

    async def _run_upstream(self) -> None:
        """Keeps an upstream connection for the whole call, reconnecting with backoff."""
        attempt = 0
        connected_before = False
        while not self._closing:
            try:
                await self._upstream.connect()
            except UpstreamError as exc:
                attempt += 1
                logger.warning("session %s: upstream connect failed (%d): %s", self.id, attempt, exc)
                if attempt > self.options.reconnect_attempts:
                    self._error("upstream_unavailable", f"The assistant is unavailable: {exc}")
                    self._end_soon("upstream_unavailable")
                    return
                self._set_state("reconnecting")
                await asyncio.sleep(min(8.0, 0.25 * 2 ** (attempt - 1)))
                self._upstream = self._new_upstream()
                continue
            attempt = 0
            if connected_before:
                METRICS.upstream_reconnects.inc()
                await self._restore_context()
            connected_before = True
            self._response_active = False
            self._set_state("speaking" if self.track.buffered_ms else "listening")
            await self._upstream.closed.wait()
            self._cancel_reply_timer()  # the turn went with the connection; none is owed now
            if self._closing:
                return
            # The session cap (60 minutes at OpenAI), a network blip or a crash upstream:
            # the call goes on over a new connection.
            logger.info("session %s: upstream connection lost, reconnecting", self.id)
            self._set_state("reconnecting")
            await self._upstream.close()
            self._upstream = self._new_upstream()

    def _expect_reply(self) -> None:
        """The model owes a response (a turn ended) or the rest of one, within
        ``reply_timeout_seconds``."""
        timeout = self.options.reply_timeout_seconds
        self._cancel_reply_timer()
        # Nothing is owed by a connection that is not there (text typed while reconnecting).
        if timeout and not self._closing and self._upstream.connected:
            self._reply_timer = asyncio.get_running_loop().call_later(timeout, self._reply_overdue)

    def _cancel_reply_timer(self) -> None:
        if self._reply_timer is not None:
            self._reply_timer.cancel()
            self._reply_timer = None

    def _reply_overdue(self) -> None:
        # The socket is open and pings may even be answered, but the model is not
        # answering: without this the caller would wait in "thinking" for ever.
        self._reply_timer = None
        timeout = self.options.reply_timeout_seconds
        logger.warning("session %s: no response from upstream in %.0f s; reconnecting", self.id, timeout)
        self._error("upstream_stalled", f"The assistant did not answer in {timeout:g} seconds; reconnecting.")
        self._upstream.abandon()

    def _new_upstream(self) -> Upstream:
        return Upstream(self.options.upstream, self._on_upstream_event)

    async def _restore_context(self) -> None:
        """A new upstream session knows nothing: replay the conversation so far as text,
        then tell it what the effect chain is."""
        for role, text in list(self._history):
            await self._upstream_send(_message(role, text))
        if len(self.chain):
            await self._upstream_send(self._chain_note("the previous connection"))

    def _append_audio(self, pcm16: bytes) -> None:
        self._last_frame_at = time.monotonic()
        self._upstream.append_audio(pcm16)
        if self._monitor is not None:
            self._monitor.feed(pcm16)

    def set_monitor(self, enabled: bool) -> None:
        """Send the caller's own audio back through the effect chain, rendered here.

        For clients without Web Audio (an aiortc app, a phone bridge): what the page does
        with Web Audio nodes, the server does with the same chain and parameters.
        """
        if enabled and self._monitor is None:
            self._monitor = _Monitor(self.chain, self.track)
        elif not enabled:
            self._monitor = None
        self._publish("monitor", {"enabled": self._monitor is not None})

    async def _watchdog(self) -> None:
        """Ends calls that outlive their limits, after telling the caller; and dead calls."""
        options = self.options
        started = time.monotonic()
        warned: set[str] = set()
        while not self._closing:
            now = time.monotonic()
            limits = []
            if options.max_call_seconds:
                limits.append(("max_duration", started + options.max_call_seconds))
            if options.idle_seconds:
                limits.append(("idle", self._last_activity + options.idle_seconds))
            if options.media_timeout_seconds and self._last_frame_at is not None:
                limits.append(("media_timeout", self._last_frame_at + options.media_timeout_seconds))
            if not limits:
                return
            reason, due = min(limits, key=lambda item: item[1])
            left = due - now
            if left <= 0:
                self._end_soon(reason)
                return
            if reason != "media_timeout" and left <= options.warn_seconds and reason not in warned:
                warned.add(reason)
                self._publish(
                    "notice",
                    {
                        "code": "call_ending",
                        "reason": reason,
                        "seconds": round(left),
                        "message": _ENDING[reason],
                    },
                )
            sleep_for = left - options.warn_seconds if left > options.warn_seconds else left
            await asyncio.sleep(min(max(sleep_for, 0.05), 5.0))

    def _end_soon(self, reason: str) -> None:
        self._spawn(self.end(reason))

    async def end(self, reason: str) -> None:
        """Tell the caller why the call ends, then close it."""
        if not self._closing:
            message = _ENDED.get(reason, "The call has ended.")
            self._publish(
                "notice", {"code": "call_ended", "reason": reason, "seconds": 0, "message": message}
            )
        await self.close()

    async def close(self) -> None:
        if self._closing:
            await self._closed.wait()
            return
        self._closing = True
        self._cancel_reply_timer()
        current = asyncio.current_task()
        for task in list(self._tasks):
            if task is not current:
                task.cancel()
        for task in list(self._tasks):
            if task is not current:
                try:
                    await task
                except (asyncio.CancelledError, Exception):
                    pass
        if self._pump is not None:
            await self._pump.close()
        await self._upstream.close()
        METRICS.dropped_appends.inc(self._upstream.dropped_appends)
        self._set_state("ended")
        self.track.stop()
        await self.pc.close()
        self._closed.set()
        self.emit("closed")

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    async def wait_closed(self) -> None:
        await self._closed.wait()

    def _spawn(self, coro: Awaitable[Any]) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _on_connection_state(self) -> None:
        if self.pc.connectionState in ("failed", "closed") and not self._closing:
            if self.pc.connectionState == "failed":
                # The channel only exists once media flowed, so it tells lost from never.
                if self._channel is not None:
                    message = (
                        "The connection to the server was lost: nothing gets through any "
                        "more (ICE failed). Check your network and call again."
                    )
                else:
                    message = (
                        "No network path between you and the server worked (ICE failed). "
                        "Behind a strict firewall or NAT the server needs a TURN relay."
                    )
                # Usually the channel died with the path, so the log is what operators see.
                logger.warning("session %s: %s", self.id, message)
                self._error("ice_failed", message)
            self._spawn(self.close())

    # -- media ------------------------------------------------------------------------

    def on_remote_track(self, track: MediaStreamTrack) -> None:
        """Listen to `track` (the caller's audio); later tracks are ignored."""
        if track.kind == "audio" and self._pump is None:
            self._pump = InboundPump(track, self._append_audio)

    def _on_item_started(self, item_id: str) -> None:
        self._set_state("speaking")
        if self._speech_stopped_at is not None and item_id not in self._turn_items:
            self._turn_items.add(item_id)
            now = time.monotonic()
            total = (now - self._speech_stopped_at) * 1000
            upstream = ((self._first_delta_at or now) - self._speech_stopped_at) * 1000
            turn = {
                "item_id": item_id,
                "total_ms": round(total, 1),
                "upstream_ms": round(upstream, 1),
                "server_ms": round(total - upstream, 1),
            }
            delays = self._upstream.append_delays
            if delays:
                # The caller's audio since the last turn: frame decoded -> append sent.
                turn["append_ms"] = round(statistics.median(delays) * 1000, 2)
                delays.clear()
            self._speech_stopped_at = None
            METRICS.turn_total.observe(total / 1000)
            METRICS.turn_upstream.observe(upstream / 1000)
            METRICS.turn_server.observe((total - upstream) / 1000)
            self._publish("metrics", {"turn": turn})

    # -- data channel -----------------------------------------------------------------

    def attach_channel(self, channel: RTCDataChannel, any_label: bool = False) -> None:
        """Speak the events protocol on `channel` (by default only one labelled `events`)."""
        if (channel.label != "events" and not any_label) or self._channel is not None:
            return
        self._channel = channel
        channel.on("message", self._on_channel_message)
        if channel.readyState == "open":
            self._greet()
        else:
            channel.on("open", self._greet)

    def _greet(self) -> None:
        config = self.options.upstream
        self._send(
            {
                "type": "session",
                "session_id": self.id,
                "upstream": self.upstream_label,
                "model": config.model,
                "voice": config.voice,
            }
        )
        self._send({"type": "state", "state": self.state})
        self._send({"type": "effects", "chain": self.chain.to_list()})

    def _send(self, message: dict[str, Any]) -> None:
        channel = self._channel
        if channel is not None and channel.readyState == "open":
            channel.send(json.dumps(message))

    def _publish(self, kind: str, payload: dict[str, Any]) -> None:
        self._send({"type": kind, **payload})
        # pyee raises on an "error" nobody listens to; for us it is news, not a crash.
        if kind != "error" or self.listeners("error"):
            self.emit(kind, payload)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self._publish("state", {"state": state})

    def _error(self, code: str, message: str) -> None:
        METRICS.errors.inc(code=code)
        self._publish("error", {"code": code, "message": message})

    def _on_channel_message(self, raw: str | bytes) -> None:
        self._last_activity = time.monotonic()
        try:
            message = parse_client_message(raw)
        except ChannelError as exc:
            self._error(exc.code, str(exc))
            return
        if isinstance(message, PingMessage):
            self._send({"type": "pong", "id": message.id})
        elif isinstance(message, TextMessage):
            self._spawn(self.send_text(message.text))
        elif isinstance(message, EffectMessage):
            self._spawn(self._apply_client_effect(message))
        elif isinstance(message, InterruptMessage):
            self._spawn(self.interrupt())
        elif isinstance(message, MonitorMessage):
            self.set_monitor(message.enabled)

    # -- host-facing controls (also used by the data channel) -----------------------------

    async def send_text(self, text: str) -> None:
        """A typed user message: the assistant answers it like speech."""
        if self._response_active or self.track.buffered_ms:
            await self.interrupt()
        item_id = "text_" + secrets.token_hex(6)
        self._publish("transcript", {"role": "user", "text": text, "final": True, "item_id": item_id})
        self._history.append(("user", text))
        self._speech_stopped_at = time.monotonic()
        self._first_delta_at = None
        await self._upstream_send(_message("user", text, item_id))
        await self._upstream_send(rt.response_create())
        self._expect_reply()

    async def interrupt(self) -> None:
        """Cut the assistant off now, and tell the model how much was heard."""
        await self._barge_in()
        if self._response_active:
            await self._upstream_send(rt.response_cancel())
        self._set_state("listening")

    async def apply_effect(self, action: str, effect: str | None = None, **kwargs: Any) -> str:
        """Change the chain from the host app; raises EffectError on bad input."""
        message = self.chain.apply(action, effect, **kwargs)
        await self._chain_changed(by="the host application")
        return message

    async def _apply_client_effect(self, message: EffectMessage) -> None:
        try:
            self.chain.apply(
                message.action,
                message.effect,
                value=message.value,
                unit=message.unit,
                param=message.param,
                index=message.index,
                to=message.to,
            )
        except EffectError as exc:
            self._error("bad_effect", str(exc))
            return
        await self._chain_changed(by="the user, with the on-screen controls")

    async def _chain_changed(self, by: str) -> None:
        self._publish_chain()
        # Keep the model's picture of the chain current, so "what is on" stays right.
        await self._upstream_send(self._chain_note(by))

    def _publish_chain(self) -> None:
        if self._monitor is not None:
            self._monitor.renderer.update(self.chain)
        self._publish("effects", {"chain": self.chain.to_list()})

    def _chain_note(self, by: str) -> dict[str, Any]:
        return _message("system", f"The effect chain was set by {by}. It is now: {self.chain.describe()}")

    async def _upstream_send(self, event: dict[str, Any]) -> None:
        try:
            await self._upstream.send(event)
        except UpstreamError as exc:
            self._error("upstream_unavailable", str(exc))
        except Exception as exc:  # the socket died under us; the watcher reports it
            logger.info("session %s: upstream send failed: %s", self.id, exc)

    async def _barge_in(self) -> None:
        started = time.monotonic()
        cleared = self.track.clear()
        item = cleared.item_id
        if item is None or (cleared.dropped_ms == 0 and not self._response_active):
            return
        self._interrupted.append(item)
        self._publish("interrupted", {"item_id": item, "audio_end_ms": cleared.audio_end_ms})
        self._spawn(self._measure_barge_in(started))
        await self._upstream_send(rt.item_truncate(item, cleared.audio_end_ms))

    async def _measure_barge_in(self, started: float) -> None:
        silenced_at = await self.track.next_frame()
        METRICS.barge_in.observe(silenced_at - started)
        self._publish("metrics", {"barge_in_ms": round((silenced_at - started) * 1000, 1)})

    # -- upstream events ----------------------------------------------------------------

    async def _on_upstream_event(self, event: dict[str, Any]) -> None:
        # Hosts and tests may watch the raw protocol; pyee costs nothing without listeners.
        self.emit("upstream_event", event)
        kind = str(event.get("type", ""))
        if kind in (rt.RESPONSE_DONE, rt.ERROR):
            self._cancel_reply_timer()  # answered, or refused: the model is there
        elif kind.startswith("response."):
            self._expect_reply()  # an answer under way must keep coming: silence is a stall too
        handler = self._UPSTREAM_HANDLERS.get(kind)
        if handler is not None:
            await handler(self, event)

    async def _on_speech_started(self, event: dict[str, Any]) -> None:
        self._last_activity = time.monotonic()
        await self._barge_in()
        self._set_state("listening")

    async def _on_speech_stopped(self, event: dict[str, Any]) -> None:
        self._expect_reply()  # turn detection creates the response
        self._speech_stopped_at = time.monotonic()
        self._first_delta_at = None
        self._set_state("thinking")

    async def _on_user_transcript_delta(self, event: dict[str, Any]) -> None:
        item_id = event.get("item_id", "")
        text = self._transcripts.get(item_id, "") + str(event.get("delta", ""))
        self._transcripts[item_id] = text
        self._publish("transcript", {"role": "user", "text": text, "final": False, "item_id": item_id})

    async def _on_user_transcript_done(self, event: dict[str, Any]) -> None:
        item_id = event.get("item_id", "")
        self._transcripts.pop(item_id, None)
        text = str(event.get("transcript", ""))
        self._publish("transcript", {"role": "user", "text": text, "final": True, "item_id": item_id})
        if text.strip():
            self._history.append(("user", text))

    async def _on_response_created(self, event: dict[str, Any]) -> None:
        self._response_active = True
        self._pending_tool_outputs = False
        if self.state != "speaking":
            self._set_state("thinking")

    async def _on_audio_delta(self, event: dict[str, Any]) -> None:
        item_id = event.get("item_id", "")
        if item_id in self._interrupted:
            return
        if self._first_delta_at is None:
            self._first_delta_at = time.monotonic()
        self.track.feed(item_id, base64.b64decode(event.get("delta", "")))

    async def _on_assistant_transcript_delta(self, event: dict[str, Any]) -> None:
        item_id = event.get("item_id", "")
        if item_id in self._interrupted:
            return
        text = self._transcripts.get(item_id, "") + str(event.get("delta", ""))
        self._transcripts[item_id] = text
        self._publish("transcript", {"role": "assistant", "text": text, "final": False, "item_id": item_id})

    async def _on_assistant_transcript_done(self, event: dict[str, Any]) -> None:
        item_id = event.get("item_id", "")
        text = self._transcripts.pop(item_id, None)
        if item_id in self._interrupted:
            text = text or ""
        else:
            text = str(event.get("transcript", text or ""))
        self._publish("transcript", {"role": "assistant", "text": text, "final": True, "item_id": item_id})
        if text.strip():
            self._history.append(("assistant", text))

    async def _on_function_call(self, event: dict[str, Any]) -> None:
        name = str(event.get("name", ""))
        arguments = event.get("arguments", "{}")
        if name in _EFFECT_TOOLS:
            version = self.chain.version
            output: Any = handle_tool_call(self.chain, name, arguments)
            if self.chain.version != version:
                self._publish_chain()
        elif name in self.options.tools:
            output = await self._run_host_tool(name, arguments)
        else:
            output = {"ok": False, "error": f"Unknown tool {name}."}
        await self._upstream_send(
            rt.item_create(
                {
                    "type": "function_call_output",
                    "call_id": event.get("call_id", ""),
                    "output": json.dumps(output),
                }
            )
        )
        self._pending_tool_outputs = True

    async def _run_host_tool(self, name: str, arguments: Any) -> Any:
        _, handler = self.options.tools[name]
        try:
            args = json.loads(arguments) if isinstance(arguments, str) else arguments
            result = handler(args)
            if asyncio.iscoroutine(result):
                result = await result
            return result
        except Exception as exc:
            logger.exception("session %s: tool %s failed", self.id, name)
            return {"ok": False, "error": f"The tool {name} failed: {exc}"}

    async def _on_response_done(self, event: dict[str, Any]) -> None:
        self._response_active = False
        if self._pending_tool_outputs:
            self._pending_tool_outputs = False
            await self._upstream_send(rt.response_create())
            self._expect_reply()
            return
        self._spawn(self._settle_after_response())

    async def _settle_after_response(self) -> None:
        await self.track.wait_drained()
        if not self._response_active and self.state in ("speaking", "thinking"):
            self._set_state("listening")

    async def _on_error(self, event: dict[str, Any]) -> None:
        error = event.get("error") or {}
        code = str(error.get("code") or error.get("type") or "upstream_error")
        if code in _QUIET_ERRORS:
            return
        logger.info("session %s: upstream error %s: %s", self.id, code, error.get("message"))
        self._error("upstream_error", str(error.get("message") or "The assistant reported an error."))

    _UPSTREAM_HANDLERS: ClassVar[dict[str, Callable[[VoiceSession, dict[str, Any]], Awaitable[None]]]] = {
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
