"""The embedded Realtime-compatible endpoint: the GA protocol subset the bridge uses.

One `RealtimeServerSession` per WebSocket. It runs voice activity detection on the
appended audio, commits turns, has its brain transcribe and answer them off the event
loop, and streams the answer as the same events OpenAI's service sends, so the bridge
needs no second code path.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import json
import logging
import secrets
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any, ClassVar

from aiohttp import WSCloseCode, WSMsgType, web

from .brains import Brain, Play, Reply
from .dialogue import Say, ToolCall
from .vad import VoiceActivityDetector

logger = logging.getLogger(__name__)

_RATE = 24000
_BYTES_PER_MS = _RATE * 2 // 1000
# Audio kept before speech starts, beyond prefix padding, so a late VAD onset loses nothing.
_IDLE_KEEP_MS = 1000
_MAX_TURN_MS = 30_000
_LEAD_S = 1.0  # audio streamed at once at the start of a response
_SPEEDUP = 4.0  # then this many times real time
_MAX_MESSAGE = 1 << 20
_VOICES = ("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar")


def _id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(8)}"


class ProtocolError(Exception):
    def __init__(self, code: str, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.param = param


def _default_session(model: str) -> dict[str, Any]:
    pcm = {"type": "audio/pcm", "rate": _RATE}
    return {
        "type": "realtime",
        "object": "realtime.session",
        "id": _id("sess"),
        "model": model,
        "instructions": "",
        "output_modalities": ["audio"],
        "audio": {
            "input": {
                "format": pcm,
                "transcription": None,
                "turn_detection": {
                    "type": "server_vad",
                    "threshold": 0.5,
                    "prefix_padding_ms": 300,
                    "silence_duration_ms": 500,
                    "create_response": True,
                    "interrupt_response": True,
                },
            },
            "output": {"format": pcm, "voice": "marin", "speed": 1.0},
        },
        "tools": [],
        "tool_choice": "auto",
    }


def _merge(base: dict[str, Any], update: dict[str, Any]) -> None:
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value


class RealtimeServerSession:
    def __init__(
        self,
        send: Callable[[dict[str, Any]], Any],
        brain: Brain,
        executor: Executor | None,
        model: str,
    ) -> None:
        self._send_json = send
        self._brain = brain
        self._executor = executor
        self.session = _default_session(model)
        self._vad: VoiceActivityDetector | None = None
        # Where in the stream the current detector started: its positions count from there.
        self._vad_origin_ms = 0
        self._audio = bytearray()
        self._audio_start_ms = 0  # stream position of self._audio[0]
        self._stream_ms = 0.0
        self._speech_item: str | None = None
        self._speech_start_ms = 0
        self._items: dict[str, dict[str, Any]] = {}
        self._order: list[str] = []
        self._audio_ms: dict[str, int] = {}
        self._calls: dict[str, str] = {}  # call_id -> tool name
        self._response: asyncio.Task[None] | None = None
        self._response_id: str | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._asr_lock = asyncio.Lock()

    # -- plumbing -----------------------------------------------------------------

    async def emit(self, event: dict[str, Any]) -> None:
        event.setdefault("event_id", _id("event"))
        await self._send_json(event)

    async def error(
        self,
        code: str,
        message: str,
        event_id: str | None = None,
        param: str | None = None,
        kind: str = "invalid_request_error",
    ) -> None:
        await self.emit(
            {
                "type": "error",
                "error": {
                    "type": kind,
                    "code": code,
                    "message": message,
                    "param": param,
                    "event_id": event_id,
                },
            }
        )

    def _spawn(self, coro: Any) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("endpoint task failed", exc_info=task.exception())

    def _turn_detection(self) -> dict[str, Any] | None:
        return self.session["audio"]["input"].get("turn_detection")

    def _make_vad(self) -> VoiceActivityDetector:
        td = self._turn_detection() or {}
        return VoiceActivityDetector(
            sample_rate=_RATE,
            threshold=float(td.get("threshold", 0.5)),
            silence_duration_ms=int(td.get("silence_duration_ms", 500)),
            prefix_padding_ms=int(td.get("prefix_padding_ms", 300)),
        )

    async def start(self) -> None:
        # Loading the VAD model takes a few hundred ms the first time: not on the loop.
        self._vad = await asyncio.get_running_loop().run_in_executor(self._executor, self._make_vad)
        await self.emit({"type": "session.created", "session": self.session})

    async def close(self) -> None:
        await self._cancel_response(notify=False)
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            try:
                await task
            except (asyncio.CancelledError, Exception):
                pass

    # -- client events ----------------------------------------------------------------

    async def handle(self, event: Any) -> None:
        event_id = event.get("event_id") if isinstance(event, dict) else None
        try:
            if not isinstance(event, dict) or not isinstance(event.get("type"), str):
                raise ProtocolError("invalid_event", "Each event must be a JSON object with a string 'type'.")
            handler = self._HANDLERS.get(event["type"])
            if handler is None:
                raise ProtocolError("unknown_event", f"Unknown event type '{event['type']}'.", "type")
            await handler(self, event)
        except ProtocolError as exc:
            await self.error(exc.code, str(exc), event_id, exc.param)

    async def _session_update(self, event: dict[str, Any]) -> None:
        update = event.get("session")
        if not isinstance(update, dict):
            raise ProtocolError("invalid_value", "'session' must be an object.", "session")
        update = {k: v for k, v in update.items() if k not in ("id", "object")}
        voice = (
            update.get("audio", {}).get("output", {}).get("voice")
            if isinstance(update.get("audio"), dict)
            else None
        )
        if voice is not None and voice not in _VOICES:
            raise ProtocolError("invalid_value", f"Unknown voice '{voice}'.", "session.audio.output.voice")
        _merge(self.session, update)
        vad = await asyncio.get_running_loop().run_in_executor(self._executor, self._make_vad)
        self._vad, self._vad_origin_ms = vad, int(self._stream_ms)
        await self.emit({"type": "session.updated", "session": self.session})

    async def _append(self, event: dict[str, Any]) -> None:
        audio = event.get("audio")
        if not isinstance(audio, str):
            raise ProtocolError("invalid_value", "'audio' must be a base64 string.", "audio")
        try:
            pcm = base64.b64decode(audio, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ProtocolError("invalid_value", "'audio' is not valid base64.", "audio") from exc
        if len(pcm) % 2:
            raise ProtocolError("invalid_value", "PCM16 audio must have an even number of bytes.", "audio")
        self._audio += pcm
        self._stream_ms += len(pcm) / _BYTES_PER_MS
        if self._turn_detection() is None:
            return
        if self._vad is None:
            return
        for vad_event in self._vad.process(pcm):
            at_ms = self._vad_origin_ms + vad_event.audio_ms
            if vad_event.kind == "speech_started" and self._speech_item is None:
                await self._speech_started(at_ms)
            elif vad_event.kind == "speech_stopped" and self._speech_item is not None:
                await self._commit(at_ms)
        if self._speech_item is None:
            self._trim(int(self._stream_ms) - _IDLE_KEEP_MS)
        elif self._stream_ms - self._speech_start_ms > _MAX_TURN_MS:
            await self._commit(int(self._stream_ms))

    def _trim(self, keep_from_ms: int) -> None:
        drop = (keep_from_ms - self._audio_start_ms) * _BYTES_PER_MS
        if drop > 0:
            del self._audio[:drop]
            self._audio_start_ms = keep_from_ms

    async def _speech_started(self, at_ms: int) -> None:
        td = self._turn_detection() or {}
        start = max(self._audio_start_ms, at_ms - int(td.get("prefix_padding_ms", 300)))
        self._speech_item = _id("item")
        self._speech_start_ms = start
        await self.emit(
            {
                "type": "input_audio_buffer.speech_started",
                "audio_start_ms": start,
                "item_id": self._speech_item,
            }
        )
        if td.get("interrupt_response", True) and self._response is not None:
            await self._cancel_response(notify=True)

    async def _commit(self, end_ms: int) -> None:
        item_id = self._speech_item or _id("item")
        self._speech_item = None
        await self.emit(
            {
                "type": "input_audio_buffer.speech_stopped",
                "audio_end_ms": end_ms,
                "item_id": item_id,
            }
        )
        start = (self._speech_start_ms - self._audio_start_ms) * _BYTES_PER_MS
        end = (end_ms - self._audio_start_ms) * _BYTES_PER_MS
        pcm = bytes(self._audio[max(0, start) : max(0, end)])
        self._trim(end_ms)
        await self._commit_item(item_id, pcm)
        td = self._turn_detection() or {}
        self._spawn(self._transcribe_and_respond(item_id, pcm, bool(td.get("create_response", True))))

    async def _commit_item(self, item_id: str, pcm: bytes) -> None:
        previous = self._order[-1] if self._order else None
        item = {
            "id": item_id,
            "type": "message",
            "role": "user",
            "status": "completed",
            "content": [{"type": "input_audio", "transcript": None}],
        }
        self._add_item(item)
        await self.emit(
            {
                "type": "input_audio_buffer.committed",
                "item_id": item_id,
                "previous_item_id": previous,
            }
        )
        await self.emit({"type": "conversation.item.added", "previous_item_id": previous, "item": item})
        self._items[item_id]["_pcm"] = pcm

    async def _manual_commit(self, event: dict[str, Any]) -> None:
        if not self._audio:
            raise ProtocolError("input_audio_buffer_commit_empty", "The input audio buffer is empty.")
        item_id = self._speech_item or _id("item")
        self._speech_item = None
        pcm = bytes(self._audio)
        self._audio.clear()
        self._audio_start_ms = int(self._stream_ms)
        await self._commit_item(item_id, pcm)
        self._spawn(self._transcribe_and_respond(item_id, pcm, respond=False))

    async def _clear(self, event: dict[str, Any]) -> None:
        self._audio.clear()
        self._audio_start_ms = int(self._stream_ms)
        self._speech_item = None
        if self._vad is not None:
            self._vad.reset()
            self._vad_origin_ms = int(self._stream_ms)
        await self.emit({"type": "input_audio_buffer.cleared"})

    async def _transcribe_and_respond(self, item_id: str, pcm: bytes, respond: bool) -> None:
        async with self._asr_lock:
            try:
                text = await self._brain.transcribe(pcm)
            except Exception:
                # The turn still gets an answer ("I didn't catch that"), and the client a reason.
                logger.exception("speech recognition failed")
                text = ""
                message = "Speech recognition failed; please say that again."
                await self.error("transcription_failed", message, kind="server_error")
        self._items[item_id]["content"][0]["transcript"] = text
        if self.session["audio"]["input"].get("transcription") is not None:
            await self.emit(
                {
                    "type": "conversation.item.input_audio_transcription.completed",
                    "item_id": item_id,
                    "content_index": 0,
                    "transcript": text,
                }
            )
        if respond and self._response is None:
            await self._start_response(self._brain.understand(text, pcm))

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
            if item["call_id"] not in self._calls:
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
        item = {**item, "id": item.get("id") or _id("item"), "status": "completed"}
        previous = self._order[-1] if self._order else None
        self._add_item(item)
        await self.emit({"type": "conversation.item.added", "previous_item_id": previous, "item": item})
        await self.emit({"type": "conversation.item.done", "previous_item_id": previous, "item": item})

    def _add_item(self, item: dict[str, Any]) -> None:
        self._items[item["id"]] = item
        self._order.append(item["id"])
        # Bounded history: a long call must not grow without limit.
        while len(self._order) > 200:
            self._items.pop(self._order.pop(0), None)

    async def _truncate(self, event: dict[str, Any]) -> None:
        item_id = event.get("item_id")
        end = event.get("audio_end_ms")
        if not isinstance(item_id, str) or item_id not in self._audio_ms:
            raise ProtocolError("item_not_found", f"No assistant audio item '{item_id}'.", "item_id")
        if not isinstance(end, int) or isinstance(end, bool) or end < 0:
            raise ProtocolError(
                "invalid_value", "'audio_end_ms' must be a non-negative integer.", "audio_end_ms"
            )
        if end > self._audio_ms[item_id]:
            raise ProtocolError(
                "invalid_value",
                f"audio_end_ms {end} is beyond the item's {self._audio_ms[item_id]} ms of audio.",
                "audio_end_ms",
            )
        self._audio_ms[item_id] = end
        await self.emit(
            {
                "type": "conversation.item.truncated",
                "item_id": item_id,
                "content_index": 0,
                "audio_end_ms": end,
            }
        )

    async def _response_create(self, event: dict[str, Any]) -> None:
        if self._response is not None:
            raise ProtocolError(
                "conversation_already_has_active_response", "A response is already in progress."
            )
        await self._start_response(self._reply_to_last_item())

    def _reply_to_last_item(self) -> Reply:
        for item_id in reversed(self._order):
            item = self._items[item_id]
            if item["type"] == "function_call_output":
                try:
                    output = json.loads(item["output"])
                except ValueError:
                    output = {"ok": True, "message": item["output"]}
                if not isinstance(output, dict):
                    output = {"ok": True, "message": str(output)}
                return self._brain.reply_after_tool(self._calls.get(item["call_id"], ""), output)
            if item["type"] == "message" and item["role"] == "user":
                part = item["content"][0] if item["content"] else {}
                text = part.get("text") or part.get("transcript") or ""
                return self._brain.understand(text, item.get("_pcm", b""))
        return Say("Hello! Tell me which effect you would like.")

    async def _response_cancel(self, event: dict[str, Any]) -> None:
        if self._response is None:
            raise ProtocolError("response_cancel_not_active", "There is no active response to cancel.")
        await self._cancel_response(notify=True)

    _HANDLERS: ClassVar[dict[str, Callable[[RealtimeServerSession, dict[str, Any]], Any]]] = {
        "session.update": _session_update,
        "input_audio_buffer.append": _append,
        "input_audio_buffer.commit": _manual_commit,
        "input_audio_buffer.clear": _clear,
        "conversation.item.create": _item_create,
        "conversation.item.truncate": _truncate,
        "response.create": _response_create,
        "response.cancel": _response_cancel,
    }

    # -- responses ------------------------------------------------------------------

    async def _start_response(self, reply: Reply) -> None:
        response_id = _id("resp")
        self._response_id = response_id
        await self.emit(
            {
                "type": "response.created",
                "response": {
                    "object": "realtime.response",
                    "id": response_id,
                    "status": "in_progress",
                    "output": [],
                },
            }
        )
        self._response = asyncio.create_task(self._run_response(response_id, reply))
        self._response.add_done_callback(self._response_finished)

    def _response_finished(self, task: asyncio.Task[None]) -> None:
        if self._response is task:
            self._response = None
        if not task.cancelled() and task.exception() is not None:
            logger.error("response failed", exc_info=task.exception())

    async def _cancel_response(self, notify: bool) -> None:
        task, response_id = self._response, self._response_id
        if task is None:
            return
        self._response = None
        task.cancel()
        try:
            await task
        except (asyncio.CancelledError, Exception):
            pass
        if notify:
            await self.emit(
                {
                    "type": "response.done",
                    "response": {"id": response_id, "status": "cancelled", "output": []},
                }
            )

    async def _run_response(self, response_id: str, reply: Reply) -> None:
        if isinstance(reply, ToolCall):
            output = [await self._call_tool(response_id, reply)]
        elif isinstance(reply, Play):
            output = [await self._speak(response_id, reply.text, reply.pcm16)]
        else:
            output = [await self._speak(response_id, reply.text, None)]
        await self.emit(
            {
                "type": "response.done",
                "response": {"id": response_id, "status": "completed", "output": output},
            }
        )

    async def _call_tool(self, response_id: str, call: ToolCall) -> dict[str, Any]:
        item_id, call_id = _id("item"), _id("call")
        arguments = json.dumps(call.arguments)
        item = {
            "id": item_id,
            "type": "function_call",
            "status": "completed",
            "name": call.name,
            "call_id": call_id,
            "arguments": arguments,
        }
        self._calls[call_id] = call.name
        self._add_item(item)
        await self.emit(
            {
                "type": "response.output_item.added",
                "response_id": response_id,
                "output_index": 0,
                "item": {**item, "status": "in_progress", "arguments": ""},
            }
        )
        await self.emit(
            {
                "type": "response.function_call_arguments.done",
                "response_id": response_id,
                "item_id": item_id,
                "output_index": 0,
                "call_id": call_id,
                "name": call.name,
                "arguments": arguments,
            }
        )
        await self.emit(
            {
                "type": "response.output_item.done",
                "response_id": response_id,
                "output_index": 0,
                "item": item,
            }
        )
        return item

    async def _speak(self, response_id: str, text: str, pcm: bytes | None) -> dict[str, Any]:
        item_id = _id("item")
        item = {
            "id": item_id,
            "type": "message",
            "role": "assistant",
            "status": "in_progress",
            "content": [{"type": "output_audio", "transcript": ""}],
        }
        self._add_item(item)
        self._audio_ms[item_id] = 0
        where = {"response_id": response_id, "item_id": item_id, "output_index": 0}
        await self.emit(
            {
                "type": "response.output_item.added",
                "response_id": response_id,
                "output_index": 0,
                "item": item,
            }
        )
        await self.emit(
            {
                "type": "response.content_part.added",
                **where,
                "content_index": 0,
                "part": {"type": "audio", "transcript": ""},
            }
        )
        words = text.split()
        # Transcript deltas keep pace with the audio: roughly 60 ms of speech per character.
        expected_bytes = max(1, len(text) * 60 * _BYTES_PER_MS)
        said = 0
        sent_bytes = 0
        chunks = self._play(pcm) if pcm is not None else self._brain.synthesize(text, self._voice())
        loop = asyncio.get_running_loop()
        began = loop.time()
        async with contextlib.aclosing(chunks):
            async for chunk in chunks:
                if not chunk:
                    continue
                sent_bytes += len(chunk)
                self._audio_ms[item_id] = sent_bytes // _BYTES_PER_MS
                # Like OpenAI's service, stream faster than real time but not all at once: the
                # response stays cancellable while it plays, and no client buffers a whole answer.
                ahead = sent_bytes / (_BYTES_PER_MS * 1000) - _LEAD_S - (loop.time() - began) * _SPEEDUP
                if ahead > 0:
                    await asyncio.sleep(ahead / _SPEEDUP)
                await self.emit(
                    {
                        "type": "response.output_audio.delta",
                        **where,
                        "content_index": 0,
                        "delta": base64.b64encode(chunk).decode("ascii"),
                    }
                )
                due = min(len(words), 1 + len(words) * sent_bytes // expected_bytes)
                if due > said:
                    await self._transcript_delta(where, words, said, due)
                    said = due
        if said < len(words):
            await self._transcript_delta(where, words, said, len(words))
        item["status"] = "completed"
        item["content"][0]["transcript"] = text
        await self.emit({"type": "response.output_audio.done", **where, "content_index": 0})
        await self.emit(
            {
                "type": "response.output_audio_transcript.done",
                **where,
                "content_index": 0,
                "transcript": text,
            }
        )
        await self.emit(
            {
                "type": "response.content_part.done",
                **where,
                "content_index": 0,
                "part": {"type": "audio", "transcript": text},
            }
        )
        await self.emit(
            {
                "type": "response.output_item.done",
                "response_id": response_id,
                "output_index": 0,
                "item": item,
            }
        )
        return item

    async def _transcript_delta(self, where: dict[str, Any], words: list[str], start: int, end: int) -> None:
        delta = (" " if start else "") + " ".join(words[start:end])
        await self.emit(
            {
                "type": "response.output_audio_transcript.delta",
                **where,
                "content_index": 0,
                "delta": delta,
            }
        )

    @staticmethod
    async def _play(pcm: bytes) -> Any:
        step = 4800  # 100 ms chunks, like OpenAI's deltas
        for i in range(0, len(pcm), step):
            yield pcm[i : i + step]

    def _voice(self) -> str | None:
        return self.session["audio"]["output"].get("voice")


class RealtimeEndpoint:
    """The aiohttp handler for `/v1/realtime`; one brain per connection."""

    def __init__(self, brain_factory: Callable[[], Brain], executor: Executor | None = None) -> None:
        self._brain_factory = brain_factory
        self._executor = executor
        self.connections = 0
        #: Set whenever no connection is open (for orderly shutdown and leak checks).
        self.idle = asyncio.Event()
        self.idle.set()
        self._sockets: set[web.WebSocketResponse] = set()

    async def close(self) -> None:
        """Closes every connection (server shutdown): aiohttp would otherwise wait for them."""
        await asyncio.gather(
            *(
                ws.close(code=WSCloseCode.GOING_AWAY, message=b"server shutdown")
                for ws in list(self._sockets)
            ),
            return_exceptions=True,
        )

    async def handle(self, request: web.Request) -> web.StreamResponse:
        # No permessage-deflate: the traffic is base64 audio, 50 messages a second each
        # way, and callers sit on the same host; deflating it only burns CPU both ends.
        ws = web.WebSocketResponse(max_msg_size=_MAX_MESSAGE, heartbeat=None, compress=False)
        await ws.prepare(request)
        # Cheap: recognition lives in the shared speech pool, not in the brain.
        brain = self._brain_factory()
        model = request.query.get("model", "voicertc-embedded")
        session = RealtimeServerSession(ws.send_json, brain, self._executor, model)
        self.connections += 1
        self.idle.clear()
        self._sockets.add(ws)
        try:
            await session.start()
            async for message in ws:
                if message.type == WSMsgType.TEXT:
                    try:
                        event = json.loads(message.data)
                    except ValueError:
                        await session.error("invalid_json", "Events must be JSON text.")
                        continue
                    await session.handle(event)
                elif message.type == WSMsgType.BINARY:
                    await session.error("invalid_event", "Binary messages are not supported; send JSON text.")
        except ConnectionResetError:
            pass
        finally:
            self.connections -= 1
            self._sockets.discard(ws)
            if not self.connections:
                self.idle.set()
            await session.close()
        return ws
