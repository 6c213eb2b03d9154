"""The Realtime protocol adapter: one `RealtimeServerSession` per WebSocket.

It runs voice activity detection on the appended audio, commits turns, has its brain
transcribe and answer them off the event loop, and streams the answer as the same
events OpenAI's service sends, so the bridge needs no second code path. The buffer,
item store and streamer it drives are protocol-neutral.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import logging
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import Executor
from typing import Any, ClassVar

from ...protocol import realtime as rt
from ...protocol.tap import observe
from ...tasks import cancel_and_wait
from ..brains import Brain
from ..vad import VoiceActivityDetector
from .honoured import UNSUPPORTED, detector_settings, honour
from .input_buffer import BufferFull, InputBuffer, SpeechStarted, TurnEnded
from .items import ItemStore, UserTurn
from .recognition import ANONYMOUS, RecognitionQueue
from .responses import Responses, reply_to
from .validation import ProtocolError, check_append, check_event, updated_session

logger = logging.getLogger(__name__)

# Turns a connection may have waiting for recognition; more are refused, so a client
# committing faster than recognition runs cannot pile up audio in memory.
MAX_PENDING_TURNS = 4
# Appends longer than this are scanned for speech in a worker thread: 15 s of audio keeps
# the detector busy ~13 ms, and 40 such appends blocked the loop half a second. The
# bridge's own 20 ms appends stay on the loop, where a thread hop would cost more.
INLINE_VAD_BYTES = 100 * rt.BYTES_PER_MS


class RealtimeServerSession:
    def __init__(
        self,
        send: Callable[[dict[str, Any]], Awaitable[Any]],
        brain: Brain,
        executor: Executor | None,
        model: str,
        *,
        vad_executor: Executor | None = None,
        recognition: RecognitionQueue | None = None,
        priority: int = ANONYMOUS,
        max_input_audio_bytes: int = rt.MAX_INPUT_AUDIO_BYTES,
    ) -> None:
        self._send_json = send
        self._brain = brain
        self._executor = executor
        self._vad_executor = vad_executor
        self._recognition = recognition or RecognitionQueue()
        self._priority = priority
        self.session = rt.default_session(model)
        self._buffer = InputBuffer(max_bytes=max_input_audio_bytes)
        self._items = ItemStore()
        self._responses = Responses(self.emit, self._items, brain, self._voice)
        self._tasks: set[asyncio.Task[None]] = set()
        self._asr_lock = asyncio.Lock()
        # The recognition of the last manually committed turn, which a response.create
        # right after the commit (push-to-talk) must wait for: the answer is to what was said.
        self._committed: asyncio.Task[None] | None = None
        self._pending_turns = 0

    # -- plumbing -----------------------------------------------------------------

    async def emit(self, event: dict[str, Any]) -> None:
        event.setdefault("event_id", rt.new_id("event"))
        observe("realtime", "endpoint", "server", event)
        await self._send_json(event)

    async def error(
        self,
        code: str,
        message: str,
        event_id: str | None = None,
        param: str | None = None,
        kind: str = "invalid_request_error",
    ) -> None:
        await self.emit(rt.error(code, message, event_id, param, kind))

    def _recognise(self, item_id: str, pcm: bytes, previous: str | None, respond: bool) -> asyncio.Task[None]:
        self._pending_turns += 1
        return self._spawn(self._transcribe_and_respond(item_id, pcm, previous, respond))

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("endpoint task failed", exc_info=task.exception())

    def _turn_detection(self) -> dict[str, Any] | None:
        return self.session["audio"]["input"].get("turn_detection")

    @staticmethod
    def _make_vad(session: dict[str, Any]) -> VoiceActivityDetector:
        td = session["audio"]["input"].get("turn_detection") or {}
        threshold, silence_ms, prefix_ms = detector_settings(td)
        return VoiceActivityDetector(
            sample_rate=rt.SAMPLE_RATE,
            threshold=threshold,
            silence_duration_ms=silence_ms,
            prefix_padding_ms=prefix_ms,
        )

    async def _new_detector(self, session: dict[str, Any]) -> None:
        """Makes `session` current, with a detector for its turn detection."""
        td = session["audio"]["input"].get("turn_detection")
        if td is None:
            self.session = session
            self._buffer.use_detector(None)
            return
        # Loading the VAD model takes a few hundred ms the first time: not on the loop.
        vad = await asyncio.get_running_loop().run_in_executor(self._executor, self._make_vad, session)
        self.session = session
        self._buffer.use_detector(vad, int(td.get("prefix_padding_ms", rt.PREFIX_PADDING_MS)))

    async def start(self) -> None:
        await self._new_detector(self.session)
        await self.emit(rt.session_created(self.session))

    async def close(self) -> None:
        try:
            await self._responses.cancel(notify=False)
        finally:
            await cancel_and_wait(list(self._tasks))

    # -- client events ----------------------------------------------------------------

    async def handle(self, event: Any) -> None:
        event_id = event.get("event_id") if isinstance(event, dict) else None
        try:
            if not isinstance(event, dict) or not isinstance(event.get("type"), str):
                raise ProtocolError("invalid_event", "Each event must be a JSON object with a string 'type'.")
            if event["type"] == rt.INPUT_AUDIO_APPEND:
                check_append(event)
            else:
                check_event(event)
            handler = self._HANDLERS.get(event["type"])
            if handler is None:
                raise ProtocolError("unknown_event", f"Unknown event type '{event['type']}'.", "type")
            # Recorded as accepted: what was refused is the client's fault, answered above.
            observe("realtime", "endpoint", "client", event)
            await handler(self, event)
        except ProtocolError as exc:
            await self.error(exc.code, str(exc), _plain(event_id), exc.param)
        except Exception as exc:
            # Whatever slipped past validation costs this event, never the connection; one
            # log line, not a traceback, as a client can repeat it at will.
            logger.warning("endpoint event %.40r failed: %r", event.get("type"), exc)
            await self.error(
                "server_error",
                "The server failed to handle this event.",
                _plain(event_id),
                kind="server_error",
            )

    async def _session_update(self, event: dict[str, Any]) -> None:
        update = event.get("session")
        if not isinstance(update, dict):
            raise ProtocolError("invalid_value", "'session' must be an object.", "session")
        merged = updated_session(self.session, update)
        refused = honour(merged, update)
        await self._new_detector(merged)
        for param, message in refused:
            await self.error(UNSUPPORTED, message, _plain(event.get("event_id")), param)
        await self.emit(rt.session_updated(self.session))

    async def _append(self, event: dict[str, Any]) -> None:
        try:
            pcm = base64.b64decode(event["audio"], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ProtocolError("invalid_value", "'audio' is not valid base64.", "audio") from exc
        if len(pcm) % 2:
            raise ProtocolError("invalid_value", "PCM16 audio must have an even number of bytes.", "audio")
        try:
            self._buffer.add(pcm)
        except BufferFull:
            raise ProtocolError(
                "input_audio_buffer_full",
                f"The input audio buffer holds at most {self._buffer.max_bytes // 1048576} MiB; "
                "commit or clear it first.",
                "audio",
            ) from None
        if len(pcm) > INLINE_VAD_BYTES and self._buffer.detecting:
            loop = asyncio.get_running_loop()
            found = await loop.run_in_executor(self._vad_executor, self._buffer.scan, pcm)
        else:
            found = self._buffer.scan(pcm)
        for turn in self._buffer.apply(found):
            if isinstance(turn, SpeechStarted):
                await self._speech_started(turn)
            else:
                await self._turn_ended(turn)

    async def _speech_started(self, turn: SpeechStarted) -> None:
        await self.emit(rt.speech_started(turn.item_id, turn.audio_start_ms))
        td = self._turn_detection() or {}
        if td.get("interrupt_response", True) and self._responses.active:
            await self._responses.cancel(notify=True)

    async def _turn_ended(self, turn: TurnEnded) -> None:
        await self.emit(rt.speech_stopped(turn.item_id, turn.audio_end_ms))
        if self._pending_turns >= MAX_PENDING_TURNS:
            message = f"{self._pending_turns} turns are still being recognised: this one was dropped."
            await self.error("recognition_backlog", message, kind="server_error")
            return
        previous = await self._commit_item(turn.item_id, turn.pcm)
        td = self._turn_detection() or {}
        self._recognise(turn.item_id, turn.pcm, previous, bool(td.get("create_response", True)))

    async def _commit_item(self, item_id: str, pcm: bytes) -> str | None:
        """Adds the turn's audio item; returns the id of the item before it."""
        item = rt.user_audio_item(item_id)
        previous = self._items.add(item, pcm)
        await self.emit(rt.input_audio_committed(item_id, previous))
        await self.emit(rt.item_added(item, previous))
        return previous

    async def _manual_commit(self, event: dict[str, Any]) -> None:
        if not self._buffer.buffered_bytes:
            raise ProtocolError("input_audio_buffer_commit_empty", "The input audio buffer is empty.")
        if self._pending_turns >= MAX_PENDING_TURNS:
            raise ProtocolError(
                "recognition_backlog",
                f"{self._pending_turns} turns are still being recognised; commit when they are done.",
            )
        item_id, pcm = self._buffer.commit()
        previous = await self._commit_item(item_id, pcm)
        self._committed = self._recognise(item_id, pcm, previous, respond=False)

    async def _clear(self, event: dict[str, Any]) -> None:
        self._buffer.clear()
        await self.emit(rt.input_audio_cleared())

    async def _transcribe_and_respond(
        self, item_id: str, pcm: bytes, previous: str | None, respond: bool
    ) -> None:
        try:
            async with self._asr_lock:
                try:
                    async with self._recognition.slot(self._priority):
                        text = await self._brain.transcribe(pcm)
                except Exception:
                    # The turn still gets an answer ("I didn't catch that"), and the client a reason.
                    logger.exception("speech recognition failed")
                    text = ""
                    message = "Speech recognition failed; please say that again."
                    await self.error("transcription_failed", message, kind="server_error")
            self._items.set_user_transcript(item_id, text)
            if self.session["audio"]["input"].get("transcription") is not None:
                # The recogniser hears a turn whole: its one partial is the whole text.
                if text:
                    await self.emit(rt.user_transcript_delta(item_id, text))
                await self.emit(rt.user_transcript_done(item_id, text, len(pcm) / (rt.BYTES_PER_MS * 1000)))
            item = self._items.get(item_id)
            if item is not None:
                await self.emit(rt.item_done(item, previous))
            if respond and not self._responses.active:
                await self._responses.start(
                    self._brain.understand(text, pcm), text, len(pcm) // rt.BYTES_PER_MS
                )
        finally:
            self._pending_turns -= 1

    async def _item_create(self, event: dict[str, Any]) -> None:
        item = event.get("item")
        if not isinstance(item, dict):
            raise ProtocolError("invalid_value", "'item' must be an object.", "item")
        kind = item.get("type")
        if kind == "function_call_output":
            if not isinstance(item.get("call_id"), str) or not isinstance(item.get("output"), str):
                raise ProtocolError(
                    "invalid_value", "function_call_output needs string call_id and output.", "item"
                )
            if not self._items.has_call(item["call_id"]):
                raise ProtocolError("invalid_value", f"Unknown call_id '{item['call_id']}'.", "item.call_id")
        elif kind == "message":
            if item.get("role") not in ("user", "system", "assistant"):
                raise ProtocolError(
                    "invalid_value", "Message role must be user, system or assistant.", "item.role"
                )
            content = item.get("content")
            if not isinstance(content, list) or not all(isinstance(c, dict) for c in content):
                raise ProtocolError(
                    "invalid_value", "Message content must be a list of parts.", "item.content"
                )
        else:
            raise ProtocolError("invalid_value", f"Unsupported item type '{kind}'.", "item.type")
        item = {**item, "id": item.get("id") or rt.new_id("item"), "status": "completed"}
        previous = self._items.add(item)
        await self.emit(rt.item_added(item, previous))
        await self.emit(rt.item_done(item, previous))

    async def _truncate(self, event: dict[str, Any]) -> None:
        item_id = event.get("item_id")
        end = event.get("audio_end_ms")
        sent = self._items.audio_ms(item_id) if isinstance(item_id, str) else None
        if sent is None:
            raise ProtocolError("item_not_found", f"No assistant audio item '{item_id}'.", "item_id")
        if not isinstance(end, int) or isinstance(end, bool) or end < 0:
            raise ProtocolError(
                "invalid_value", "'audio_end_ms' must be a non-negative integer.", "audio_end_ms"
            )
        if end > sent:
            raise ProtocolError(
                "invalid_value",
                f"audio_end_ms {end} is beyond the item's {sent} ms of audio.",
                "audio_end_ms",
            )
        self._items.set_audio_ms(item_id, end)
        await self.emit(rt.item_truncated(item_id, end))

    async def _response_create(self, event: dict[str, Any]) -> None:
        if self._responses.active:
            raise ProtocolError(
                "conversation_already_has_active_response", "A response is already in progress."
            )
        committed = self._committed
        if committed is not None and not committed.done():
            await asyncio.wait({committed})
        turn = self._items.last_turn()
        if isinstance(turn, UserTurn):
            await self._brain.read(turn.text)  # typed: the sentence reader's guess, off the loop
        if self._responses.active:  # a turn detected while we waited was answered
            raise ProtocolError(
                "conversation_already_has_active_response", "A response is already in progress."
            )
        if isinstance(turn, UserTurn):
            heard, heard_ms = turn.text, len(turn.pcm) // rt.BYTES_PER_MS
        else:
            heard, heard_ms = (turn.output if turn else ""), 0
        await self._responses.start(reply_to(self._brain, turn, self._items.tool_outputs()), heard, heard_ms)

    async def _response_cancel(self, event: dict[str, Any]) -> None:
        if not self._responses.active:
            raise ProtocolError("response_cancel_not_active", "There is no active response to cancel.")
        await self._responses.cancel(notify=True)

    async def _item_delete(self, event: dict[str, Any]) -> None:
        if not self._items.delete(event["item_id"]):
            raise ProtocolError("item_not_found", f"No item '{event['item_id']}'.", "item_id")
        await self.emit(rt.item_deleted(event["item_id"]))

    async def _item_retrieve(self, event: dict[str, Any]) -> None:
        item = self._items.get(event["item_id"])
        if item is None:
            raise ProtocolError("item_not_found", f"No item '{event['item_id']}'.", "item_id")
        await self.emit(rt.item_retrieved(item))

    async def _output_audio_clear(self, event: dict[str, Any]) -> None:
        # Over a WebSocket the client holds the audio already sent; what is left to clear
        # here is the answer still being streamed, which stops as on response.cancel.
        response_id = self._responses.last_id
        if response_id is None:
            raise ProtocolError("no_output_audio", "No response has produced audio yet.")
        await self._responses.cancel(notify=True)
        await self.emit(rt.output_audio_cleared(response_id))

    def _voice(self) -> str | None:
        return self.session["audio"]["output"].get("voice")

    _HANDLERS: ClassVar[dict[str, Callable[[RealtimeServerSession, dict[str, Any]], Awaitable[None]]]] = {
        rt.SESSION_UPDATE: _session_update,
        rt.INPUT_AUDIO_APPEND: _append,
        rt.INPUT_AUDIO_COMMIT: _manual_commit,
        rt.INPUT_AUDIO_CLEAR: _clear,
        rt.ITEM_CREATE: _item_create,
        rt.ITEM_TRUNCATE: _truncate,
        rt.RESPONSE_CREATE: _response_create,
        rt.RESPONSE_CANCEL: _response_cancel,
        rt.ITEM_DELETE: _item_delete,
        rt.ITEM_RETRIEVE: _item_retrieve,
        rt.OUTPUT_AUDIO_CLEAR: _output_audio_clear,
    }


def _plain(event_id: Any) -> str | None:
    """The client's event_id to echo back, if it is one (a list or object is not)."""
    return event_id if isinstance(event_id, str) else None
