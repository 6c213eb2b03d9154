"""`VoiceSession`: one call, composed of the owners beside this module."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import secrets
from typing import Any

from aiortc import RTCPeerConnection
from aiortc.mediastreams import MediaStreamTrack
from pyee.asyncio import AsyncIOEventEmitter

from ..audio.outbound import AssistantTrack
from ..edge.channel import EffectMessage
from ..effects import EffectChain
from ..metrics import METRICS
from ..ops.call_ops import CallOperations
from ..protocol import realtime as rt
from ..tasks import TaskSet
from ..upstream import UpstreamFactory, upstream_factory
from .chain import CallEffects
from .conversation import Conversation
from .datachannel import DataChannelProtocol
from .events import CallEvents, Channel
from .limits import CallLimiter, ended_notice
from .media import CallMedia, PeerMedia
from .options import SessionOptions
from .tools import ToolRunner, tool_definitions
from .upstream_link import UpstreamLink

logger = logging.getLogger(__name__)


class VoiceSession(AsyncIOEventEmitter):
    """One call bridged to the speech model, reporting through pyee events:
    `transcript`, `state`, `effects`, `metrics`, `interrupted`, `notice`, `monitor`,
    `error`, `closed`, and `upstream_event` (each raw server event).

    `pc` is aiortc's peer connection, or any `CallMedia`; `upstream` makes the model
    connections (by default from `options.upstream`).
    """

    def __init__(
        self,
        pc: RTCPeerConnection | CallMedia,
        options: SessionOptions | None = None,
        *,
        session_id: str | None = None,
        upstream_label: str | None = None,
        upstream: UpstreamFactory | None = None,
    ) -> None:
        super().__init__()
        self.id = session_id or secrets.token_urlsafe(12)
        self.media: CallMedia = PeerMedia(pc) if isinstance(pc, RTCPeerConnection) else pc
        self.options = options = options or SessionOptions()
        if upstream_label is None:
            upstream_label = "openai" if options.upstream.base_url is None else "custom"
        self.upstream_label = upstream_label
        # The caller's config is theirs (one may serve many sessions): ours gets the tools.
        self.upstream_config = dataclasses.replace(options.upstream, tools=tool_definitions(options.tools))
        self.track = AssistantTrack(
            lateness=METRICS.frame_lateness, late=METRICS.late_frames, delta_to_frame=METRICS.delta_to_frame
        )
        self._tasks = TaskSet()
        self._closed = asyncio.Event()
        # The close, started once (``close``): the session is closing from then on.
        self._closer: asyncio.Future[None] | None = None
        self.events = CallEvents(self)
        self.limiter = CallLimiter(options, self.events, self._end_soon)
        self.link = UpstreamLink(
            upstream or upstream_factory(self.upstream_config, options.sentence_reader),
            self._on_upstream_event,
            self.events,
            session_id=self.id,
            reply_timeout=options.reply_timeout_seconds,
            attempts=options.reconnect_attempts,
            on_connected=lambda: self.conversation.connected(),
            on_unavailable=lambda: self._end_soon("upstream_unavailable"),
            context=lambda: self.effects.context(),
        )
        self.effects = CallEffects(self.events, self.track, self.link.send)
        tools = ToolRunner(self.effects.chain, options.tools, self.effects.publish, self.id)
        self.conversation = Conversation(
            self.events,
            self.link,
            self.track,
            tools,
            spawn=self._tasks.spawn,
            on_activity=self.limiter.activity,
            session_id=self.id,
        )
        self.track.on_item_started = self.conversation.item_started
        self.datachannel = DataChannelProtocol(
            self.events, self, self._greeting, spawn=self._tasks.spawn, on_activity=self._caller_message
        )
        self._resume_wait: asyncio.Task[None] | None = None
        #: Set by whoever can bring the caller back on a new connection (the server's
        #: resume tokens): then a dropped connection waits `resume_seconds` for it.
        self.resumable = False
        # Usage, the end line, the recording and the trace, fed by this session's events.
        self.ops = CallOperations(
            self,
            self.events.publish,
            session_id=self.id,
            upstream=upstream_label,
            model=self.upstream_config.model,
            user=options.user,
            record_dir=options.record_dir,
            tracer=options.tracer,
            on_ended=options.on_ended,
        )
        if self.ops.recording is not None:
            self.track.on_frame = self.ops.assistant_frame
        self.media.attach(self._on_audio, self.attach_channel, self._on_connection_state)

    @property
    def pc(self) -> RTCPeerConnection:
        """The call's peer connection (for a session made on one)."""
        if isinstance(self.media, PeerMedia):
            return self.media.pc
        raise AttributeError("this session's media is not an RTCPeerConnection")

    @property
    def chain(self) -> EffectChain:
        return self.effects.chain

    @property
    def state(self) -> str:
        return self.events.state

    # -- lifecycle ------------------------------------------------------------------

    def add_outbound_track(self) -> None:
        """Send the assistant's audio on the call's audio transceiver."""
        self.media.add_outbound_track(self.track)

    async def start(self) -> None:
        """Connect upstream; the call is live once the media and channel arrive."""
        # A call whose media never arrives is as dead as one whose media stopped.
        self.limiter.frame()
        self.ops.begin()
        self._tasks.spawn(self.link.run())
        self._tasks.spawn(self.limiter.run())

    def end_by(self, deadline: float, reason: str) -> None:
        """End the call at `deadline` (time.monotonic()), warning the caller before."""
        self.limiter.end_by(deadline, reason)

    def _end_soon(self, reason: str) -> None:
        self._tasks.spawn(self.end(reason))

    async def end(self, reason: str) -> None:
        """Tell the caller why the call ends, then close it."""
        if self._closer is None:
            self.events.publish("notice", ended_notice(reason))
        await self.close()

    async def close(self) -> None:
        """Ends the call and releases all it holds. The steps run once, in a task of their
        own: a caller cancelled meanwhile (a hang-up's handler, a server shutting down)
        stops waiting, but the close finishes, and every other caller waits for the same."""
        if self._closer is None:
            self._closer = asyncio.ensure_future(self._close())
        await asyncio.shield(self._closer)

    async def _close(self) -> None:
        try:
            self.link.cancel_reply_timer()
            await self._tasks.cancel_all()
            await self.media.stop_listening()
            await self.link.close()
            self.events.set_state("ended")
            self.track.stop()
            await self.media.close()
            await self.ops.finish()
        finally:
            # Even a failed step ends the session: its owner forgets it on "closed".
            self._closed.set()
            self.emit("closed")

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    async def wait_closed(self) -> None:
        await self._closed.wait()

    def _on_connection_state(self) -> None:
        state = self.media.connection_state
        if state not in ("failed", "closed") or self._closer is not None:
            return
        if self.resumable and self.events.channel is not None and self.options.resume_seconds:
            # The call was up: its caller may come back on a new connection (resume).
            logger.info("session %s: connection %s; waiting for the caller to resume", self.id, state)
            self.connection_lost()
            return
        if state == "failed":
            # The channel only exists once media flowed, so it tells lost from never.
            if self.events.channel is not None:
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
            self.events.error("ice_failed", message)
        self._tasks.spawn(self.close())

    # -- resuming on a new connection --------------------------------------------------

    @property
    def detached(self) -> bool:
        """The connection dropped and the caller has not come back yet."""
        return self._resume_wait is not None

    def connection_lost(self) -> None:
        """Wait `resume_seconds` for the caller on a new connection, then end the call."""
        if self._closer is not None or self._resume_wait is not None:
            return
        self.limiter.media_paused()
        self._resume_wait = self._tasks.spawn(self._end_unless_resumed(self.options.resume_seconds or 0))

    async def _end_unless_resumed(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        self._resume_wait = None
        await self.end("connection_lost")

    async def release_media(self) -> None:
        """Let go of the call's connection (the caller is back on a new one)."""
        self.connection_lost()
        old = self.media
        old.detach()
        await old.stop_listening()
        await old.close()
        self.events.channel = None

    def resume(self, media: CallMedia) -> None:
        """Carry on over `media`: same conversation, chain and upstream; the new channel
        is greeted with the session, its state and the chain."""
        if self._resume_wait is not None:
            self._resume_wait.cancel()
            self._resume_wait = None
        self.media = media
        media.attach(self._on_audio, self.attach_channel, self._on_connection_state)
        self.limiter.frame()

    # -- media and data channel ---------------------------------------------------------

    def _caller_message(self) -> None:
        # A caller without a microphone sends no audio; its messages show it is there.
        self.limiter.activity()
        if not self.detached:
            self.limiter.frame()

    def on_remote_track(self, track: MediaStreamTrack) -> None:
        """Listen to `track` (the caller's audio); later tracks are ignored."""
        self.media.listen(track)

    def _on_audio(self, pcm16: bytes, pts: int | None) -> None:
        self.limiter.frame()
        self.link.append_audio(pcm16)
        self.ops.caller_audio(pcm16, pts)
        self.effects.feed_monitor(pcm16)

    def attach_channel(self, channel: Channel, any_label: bool = False) -> None:
        """Speak the events protocol on `channel` (by default only one labelled `events`)."""
        self.datachannel.attach(channel, any_label)

    def _greeting(self) -> list[dict[str, Any]]:
        config = self.upstream_config
        return [
            {
                "type": "session",
                "session_id": self.id,
                "upstream": self.upstream_label,
                "model": config.model,
                "voice": config.voice,
                "turn_detection": config.turn_detection,
            },
            {"type": "state", "state": self.state},
            {"type": "effects", "chain": self.chain.to_list()},
            *self.ops.greeting(),
        ]

    async def _on_upstream_event(self, event: dict[str, Any]) -> None:
        # Hosts and tests may watch the raw protocol; pyee costs nothing without listeners.
        self.emit("upstream_event", event)
        await self.conversation.handle(event)

    # -- host-facing controls (also used by the data channel) -----------------------------

    async def send_text(self, text: str) -> None:
        """A typed user message: the assistant answers it like speech."""
        await self.conversation.send_text(text)

    async def interrupt(self) -> None:
        """Cut the assistant off now, and tell the model how much was heard. In
        push-to-talk (the talk button pressed) the turn starts here: what the model's
        input buffer held before, silence from the muted mic, is dropped."""
        await self.conversation.interrupt()
        if self.upstream_config.push_to_talk:
            await self.link.send(rt.input_audio_clear())

    async def commit(self) -> None:
        """End the caller's turn now (push-to-talk released): with the upstream's turn
        detection off, the model hears nothing as a turn until this."""
        if not self.upstream_config.push_to_talk:
            self.events.error(
                "not_push_to_talk",
                "Turn detection is on: the assistant answers when you stop speaking; nothing to commit.",
            )
            return
        await self.conversation.commit()

    async def apply_effect(self, action: str, effect: str | None = None, **kwargs: Any) -> str:
        """Change the chain from the host app; raises EffectError on bad input."""
        return await self.effects.apply(action, effect, **kwargs)

    async def apply_client_effect(self, change: EffectMessage) -> None:
        await self.effects.apply_client(change)

    def set_monitor(self, enabled: bool) -> None:
        """Send the caller's own audio back through the effect chain, rendered here."""
        self.effects.set_monitor(enabled)
