"""The endpoint's responses in Realtime events: one at a time, cancellable, paced."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from ...protocol import realtime as rt
from ...tasks import cancel_and_wait
from ..brains import Brain, Calls, Play, Reply
from ..dialogue import Say, ToolCall
from .items import ItemStore, ToolResult, UserTurn
from .streamer import chunks_of, paced

logger = logging.getLogger(__name__)

# Arguments stream in pieces this long, as a model's tokens would come.
_ARGUMENT_PIECE = 16

Emit = Callable[[dict[str, Any]], Awaitable[None]]


class Responses:
    """Owns the response task under way, if any; `cancel` stops and awaits it."""

    def __init__(self, emit: Emit, items: ItemStore, brain: Brain, voice: Callable[[], str | None]) -> None:
        self._emit = emit
        self._items = items
        self._brain = brain
        self._voice = voice
        self._task: asyncio.Task[None] | None = None
        self._response_id: str | None = None

    @property
    def active(self) -> bool:
        return self._task is not None

    @property
    def last_id(self) -> str | None:
        """The latest response's id, finished or not."""
        return self._response_id

    async def start(self, reply: Reply, heard_text: str = "", heard_audio_ms: int = 0) -> None:
        """Answers with `reply`; what it answers (text, audio) goes into its usage."""
        response_id = rt.new_id("resp")
        self._response_id = response_id
        await self._emit(rt.response_created(response_id))
        self._task = asyncio.create_task(self._run(response_id, reply, heard_text, heard_audio_ms))
        self._task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        if self._task is task:
            self._task = None
        if not task.cancelled() and task.exception() is not None:
            logger.error("response failed", exc_info=task.exception())

    async def cancel(self, notify: bool) -> None:
        task, response_id = self._task, self._response_id
        if task is None:
            return
        self._task = None
        await cancel_and_wait([task])
        if notify:
            await self._emit(rt.response_done(response_id, "cancelled", []))

    async def _run(self, response_id: str, reply: Reply, heard_text: str, heard_audio_ms: int) -> None:
        if isinstance(reply, ToolCall | Calls):
            # Several calls are several function_call output items of one response, as a
            # model makes parallel calls; the client answers them all, then asks for speech.
            calls = reply.calls if isinstance(reply, Calls) else (reply,)
            items = [await self._call_tool(response_id, call, index) for index, call in enumerate(calls)]
            said, said_ms = "".join(item["arguments"] for item in items), 0
        else:
            pcm = reply.pcm16 if isinstance(reply, Play) else None
            items = [await self._speak(response_id, reply.text, pcm)]
            said, said_ms = reply.text, self._items.audio_ms(items[0]["id"]) or 0
        usage = rt.usage(heard_text, heard_audio_ms, said, said_ms)
        await self._emit(rt.response_done(response_id, "completed", items, usage))

    async def _call_tool(self, response_id: str, call: ToolCall, index: int = 0) -> dict[str, Any]:
        item = rt.function_call_item(
            rt.new_id("item"), rt.new_id("call"), call.name, json.dumps(call.arguments)
        )
        self._items.record_call(item["call_id"], call.name)
        self._items.add(item)
        await self._emit(
            rt.output_item_added(response_id, {**item, "status": "in_progress", "arguments": ""}, index)
        )
        arguments = item["arguments"]
        for i in range(0, len(arguments), _ARGUMENT_PIECE):
            piece = arguments[i : i + _ARGUMENT_PIECE]
            await self._emit(rt.arguments_delta(response_id, item, piece, index))
        await self._emit(rt.arguments_done(response_id, item, index))
        await self._emit(rt.output_item_done(response_id, item, index))
        return item

    async def _speak(self, response_id: str, text: str, pcm: bytes | None) -> dict[str, Any]:
        item_id = rt.new_id("item")
        item = rt.assistant_audio_item(item_id)
        self._items.add(item)
        self._items.set_audio_ms(item_id, 0)
        where = {"response_id": response_id, "item_id": item_id, "output_index": 0}
        await self._emit(rt.output_item_added(response_id, item))
        await self._emit(rt.content_part_added(where))
        audio = chunks_of(pcm) if pcm is not None else self._brain.synthesize(text, self._voice())
        async for chunk in paced(text, audio, lambda ms: self._items.set_audio_ms(item_id, ms)):
            if chunk.audio:
                await self._emit(rt.audio_delta(where, base64.b64encode(chunk.audio).decode("ascii")))
            if chunk.words:
                await self._emit(rt.transcript_delta(where, chunk.words))
        item["status"] = "completed"
        item["content"][0]["transcript"] = text
        await self._emit(rt.audio_done(where))
        await self._emit(rt.transcript_done(where, text))
        await self._emit(rt.content_part_done(where, text))
        await self._emit(rt.output_item_done(response_id, item))
        return item


def reply_to(brain: Brain, turn: UserTurn | ToolResult | None, outputs: Sequence[ToolResult] = ()) -> Reply:
    """What the brain answers to the conversation's latest turn (response.create); after
    tool calls, to every output of them (``outputs``, the latest ``turn`` when empty): what
    it says of each, in turn ("Added reverb. Added delay.")."""
    if isinstance(turn, ToolResult):
        replies = [brain.reply_after_tool(r.name, _output(r)) for r in outputs or (turn,)]
        if len(replies) > 1 and all(isinstance(r, Say) for r in replies):
            return Say(" ".join(r.text for r in replies if isinstance(r, Say) and r.text))
        return replies[-1]
    if isinstance(turn, UserTurn):
        return brain.understand(turn.text, turn.pcm)
    return Say("Hello! Tell me which effect you would like.")


def _output(result: ToolResult) -> dict[str, Any]:
    try:
        output = json.loads(result.output)
    except ValueError:
        output = {"ok": True, "message": result.output}
    return output if isinstance(output, dict) else {"ok": True, "message": str(output)}
