"""The embedded assistant over OpenAI's Live protocol: one `LiveServerSession` per
WebSocket at `/v1/live/sessions`, the same brain, input buffer and pacing as the
Realtime adapter.

Live is server-driven: this side finds the turns (VAD), transcribes them, and either
answers or, for an effect command, delegates the work to the client
(`session.delegation.created`) and speaks once the client's commentary for that
delegation says what was done. It yields to the user as soon as speech starts, and
says so with an (empty) input transcript delta at the onset: Live has no speech-started
event, and a client flushes its queued audio on the first sign the user is heard.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import Executor
from typing import Any

from openai.types.live import ClientEvent
from pydantic import ValidationError

from ...protocol import live as lv
from ...protocol import realtime as rt
from ...protocol.schema import adapters_by_type, unknown_field
from ...protocol.tap import observe
from ..brains import Brain, Calls, Play, Reply
from ..dialogue import Say, ToolCall
from ..vad import VoiceActivityDetector
from .input_buffer import InputBuffer, SpeechStarted, TurnEnded
from .streamer import chunks_of, paced
from .validation import ProtocolError

logger = logging.getLogger(__name__)

_SESSION_SECONDS = 3600


_CLIENT_EVENTS = adapters_by_type(ClientEvent)


def check_live_event(event: dict[str, Any]) -> None:
    """Raises ProtocolError unless `event` is exactly a Live client event of the SDK's."""
    adapter = _CLIENT_EVENTS.get(event["type"])
    if adapter is None:
        raise ProtocolError("unknown_event", f"Unknown event type '{event['type']}'.", "type")
    try:
        model = adapter.validate_python(event, strict=True)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        param = ".".join(map(str, error["loc"]))
        raise ProtocolError("invalid_value", f"Invalid '{param}': {error['msg']}.", param) from None
    unknown = unknown_field(model)
    if unknown:
        raise ProtocolError("unknown_parameter", f"Unknown parameter '{unknown}'.", unknown)


class LiveServerSession:
    def __init__(
        self,
        send: Callable[[dict[str, Any]], Awaitable[Any]],
        brain: Brain,
        executor: Executor | None,
        close: Callable[[], Awaitable[Any]] | None = None,
    ) -> None:
        self._send_json = send
        self._close_socket = close
        self._brain = brain
        self._executor = executor
        self.session: dict[str, Any] | None = None
        self._buffer = InputBuffer()
        self._began = time.monotonic()
        self._delegations: dict[str, ToolCall | Calls] = {}
        self._speaking: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._asr_lock = asyncio.Lock()

    # -- plumbing -----------------------------------------------------------------

    def _now_ms(self) -> int:
        return int((time.monotonic() - self._began) * 1000)

    async def emit(self, event: dict[str, Any]) -> None:
        if event["type"] != lv.OUTPUT_AUDIO_DELTA:  # the one server event without an id
            event.setdefault("event_id", lv.new_id("event"))
        observe("live", "endpoint", "server", event)
        await self._send_json(event)

    async def error(
        self, code: str, message: str, client_event_id: str | None = None, param: str | None = None
    ) -> None:
        await self.emit(lv.error(code, message, client_event_id, param))

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("live endpoint task failed", exc_info=task.exception())

    async def start(self) -> None:
        """Live's server says nothing until the client's session.start."""

    async def close(self) -> None:
        await self._stop_speaking()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    # -- client events ----------------------------------------------------------------

    async def handle(self, event: Any) -> None:
        event_id = event.get("event_id") if isinstance(event, dict) else None
        event_id = event_id if isinstance(event_id, str) else None
        try:
            if not isinstance(event, dict) or not isinstance(event.get("type"), str):
                raise ProtocolError("invalid_event", "Each event must be a JSON object with a string 'type'.")
            kind = event["type"]
            if kind != lv.INPUT_AUDIO_APPEND:  # 50 a second: checked by hand in _append
                check_live_event(event)
                # Recorded as accepted: what was refused is the client's fault, answered above.
                observe("live", "endpoint", "client", event)
            if kind == lv.SESSION_START:
                await self._start(event)
            elif self.session is None:
                raise ProtocolError("session_not_started", f"Send session.start before {kind}.", "type")
            elif kind == lv.INPUT_AUDIO_APPEND:
                await self._append(event)
            elif kind in lv.APPENDS:
                await self._context(event, kind)
            elif kind == lv.SESSION_CLOSE:
                await self._finish(event_id)
            else:
                raise ProtocolError(
                    "unsupported_event", f"The embedded assistant does not support '{kind}'.", "type"
                )
        except ProtocolError as exc:
            await self.error(exc.code, str(exc), event_id, exc.param)
        except Exception:
            # Whatever slipped past the checks costs this event, never the connection.
            logger.exception(
                "live endpoint: %s failed", event.get("type") if isinstance(event, dict) else event
            )
            await self.emit(
                lv.error("server_error", "The event could not be handled.", event_id, kind="server_error")
            )

    async def _start(self, event: dict[str, Any]) -> None:
        if self.session is not None:
            raise ProtocolError(
                "session_already_started", "session.start was already sent on this connection."
            )
        config = event.get("session")
        if not isinstance(config, dict) or not isinstance(config.get("model"), str):
            raise ProtocolError(
                "invalid_value", "'session' must be an object with a string 'model'.", "session.model"
            )
        audio = config.get("audio") or {}
        fmt = audio.get("format")
        if fmt is not None and fmt != lv.pcm_format():
            raise ProtocolError(
                "invalid_value",
                "The embedded assistant speaks audio/pcm at 24000 Hz only.",
                "session.audio.format",
            )
        voice = (audio.get("output") or {}).get("voice", rt.DEFAULT_VOICE)
        if voice not in rt.VOICES:
            raise ProtocolError("invalid_value", f"Unknown voice '{voice}'.", "session.audio.output.voice")
        delegation = config.get("delegation")
        if delegation not in (None, {"type": "client"}):
            raise ProtocolError(
                "unsupported_value",
                "The embedded assistant delegates only to the client ({'type': 'client'}).",
                "session.delegation",
            )
        vad = await asyncio.get_running_loop().run_in_executor(self._executor, VoiceActivityDetector)
        self._buffer.use_detector(vad)
        self._began = time.monotonic()
        self.session = lv.session_resource(
            lv.new_id("sess"), config["model"], voice, str(config.get("instructions") or ""),
            int(time.time()) + _SESSION_SECONDS,
        )  # fmt: skip
        started = lv.session_started(self.session)
        if event.get("event_id"):
            started["client_event_id"] = event["event_id"]
        await self.emit(started)

    async def _append(self, event: dict[str, Any]) -> None:
        audio = event.get("audio")
        try:
            pcm = base64.b64decode(audio if isinstance(audio, str) else "", validate=True)
        except (binascii.Error, ValueError):
            pcm = b""
        if not isinstance(audio, str) or (audio and not pcm) or len(pcm) % 2:
            raise ProtocolError("invalid_value", "'audio' must be base64 PCM16.", "audio")
        observe("live", "endpoint", "client", event)
        for turn in self._buffer.append(pcm):
            if isinstance(turn, SpeechStarted):
                # The server decides: the assistant yields to the user at once.
                await self._stop_speaking()
                at = turn.audio_start_ms
                await self.emit(lv.transcript_delta(lv.INPUT_TRANSCRIPT_DELTA, "", at, at))
            elif isinstance(turn, TurnEnded):
                self._spawn(self._hear(turn, int(self._buffer.stream_ms)))

    async def _hear(self, turn: TurnEnded, end_ms: int) -> None:
        async with self._asr_lock:
            try:
                text = await self._brain.transcribe(turn.pcm)
            except Exception:
                logger.exception("speech recognition failed")
                text = ""
                await self.error("transcription_failed", "Speech recognition failed; please say that again.")
        start_ms = max(0, turn.audio_end_ms - len(turn.pcm) // rt.BYTES_PER_MS)
        if text:
            await self.emit(lv.transcript_delta(lv.INPUT_TRANSCRIPT_DELTA, text, start_ms, turn.audio_end_ms))
        await self._answer(self._brain.understand(text, turn.pcm))

    async def _answer(self, reply: Reply) -> None:
        if isinstance(reply, ToolCall | Calls):
            # A turn of several requests ("add reverb and delay") is one delegation: the
            # client makes every call and comments once with their outputs as a JSON list.
            delegation_id = lv.new_id("deleg")
            self._delegations[delegation_id] = reply
            await self.emit(lv.delegation_created(delegation_id, self._now_ms()))
            return
        await self._stop_speaking()
        pcm = reply.pcm16 if isinstance(reply, Play) else None
        self._speaking = asyncio.create_task(self._speak(reply.text, pcm))

    async def _context(self, event: dict[str, Any], kind: str) -> None:
        content, delegation_id = event.get("content"), event.get("delegation_id")
        if not isinstance(content, str) or "delegation_id" not in event:
            raise ProtocolError(
                "invalid_value", f"{kind} needs a string 'content' and a 'delegation_id' (or null)."
            )
        if delegation_id is not None and delegation_id not in self._delegations:
            raise ProtocolError("invalid_value", f"Unknown delegation '{delegation_id}'.", "delegation_id")
        if kind == lv.COMMENTARY_APPEND and delegation_id is not None:
            # Its answer cuts what is being said; cut before the acknowledgement, so that
            # nothing said before the result comes after it (a client ends an answer there).
            await self._stop_speaking()
        await self.emit(lv.appended(lv.APPENDS[kind], self._now_ms(), event.get("event_id")))
        if kind != lv.COMMENTARY_APPEND:
            return  # silent context: the rule-based brain has no use for it
        if delegation_id is not None:
            task = self._delegations.pop(delegation_id)
            await self._answer(self._after_tools(task, content))
        else:
            # Something to tell the user (voicertc sends typed text this way): answer it.
            self._spawn(self._answer_typed(content.split(": ", 1)[-1]))

    async def _answer_typed(self, text: str) -> None:
        # Read in the speech worker, after any turn being heard (as that turn is answered
        # first), and in a task: the caller's audio keeps flowing meanwhile.
        async with self._asr_lock:
            await self._brain.read(text)
        await self._answer(self._brain.understand(text, b""))

    def _after_tools(self, task: ToolCall | Calls, content: str) -> Reply:
        """What to say once the client's commentary reports what the delegation's calls did."""
        calls = task.calls if isinstance(task, Calls) else (task,)
        try:
            output: Any = json.loads(content)
        except ValueError:
            output = {"ok": True, "message": content}
        outputs = output if isinstance(output, list) and len(calls) > 1 else [output]
        said = []
        for call, out in zip(calls, outputs, strict=False):
            reply = self._brain.reply_after_tool(
                call.name, out if isinstance(out, dict) else {"ok": True, "message": str(out)}
            )
            said.append(reply.text if isinstance(reply, Say) else "")
        return Say(" ".join(t for t in said if t))

    async def _finish(self, event_id: str | None) -> None:
        await self._stop_speaking()
        assert self.session is not None
        closed = lv.session_closed(self.session, "close_requested", round(time.monotonic() - self._began, 3))
        if event_id:
            closed["client_event_id"] = event_id
        await self.emit(closed)
        if self._close_socket is not None:
            await self._close_socket()

    # -- speech ---------------------------------------------------------------------

    async def _speak(self, text: str, pcm: bytes | None) -> None:
        audio = chunks_of(pcm) if pcm is not None else self._brain.synthesize(text, self._voice())
        async for chunk in paced(text, audio):
            start = self._now_ms()
            if chunk.audio:
                await self.emit(lv.output_audio_delta(base64.b64encode(chunk.audio).decode("ascii")))
            if chunk.words:
                await self.emit(lv.transcript_delta(lv.OUTPUT_TRANSCRIPT_DELTA, chunk.words, start, start))

    async def _stop_speaking(self) -> None:
        task, self._speaking = self._speaking, None
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    def _voice(self) -> str | None:
        return ((self.session or {}).get("audio") or {}).get("output", {}).get("voice")
