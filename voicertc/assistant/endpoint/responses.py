"""The endpoint's responses in Realtime events: one at a time, cancellable, paced."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from ...protocol import realtime as rt
from ...tasks import cancel_and_wait
from ..brains import Brain, Play, Reply
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
        if isinstance(reply, ToolCall):
            item = await self._call_tool(response_id, reply)
            said, said_ms = item["arguments"], 0
        else:
            pcm = reply.pcm16 if isinstance(reply, Play) else None
            item = await self._speak(response_id, reply.text, pcm)
            said, said_ms = reply.text, self._items.audio_ms(item["id"]) or 0
        usage = rt.usage(heard_text, heard_audio_ms, said, said_ms)
        await self._emit(rt.response_done(response_id, "completed", [item], usage))

    async def _call_tool(self, response_id: str, call: ToolCall) -> dict[str, Any]:
        item = rt.function_call_item(
            rt.new_id("item"), rt.new_id("call"), call.name, json.dumps(call.arguments)
        )
        self._items.record_call(item["call_id"], call.name)
        self._items.add(item)
        await self._emit(
            rt.output_item_added(response_id, {**item, "status": "in_progress", "arguments": ""})
        )
        arguments = item["arguments"]
        for i in range(0, len(arguments), _ARGUMENT_PIECE):
            await self._emit(rt.arguments_delta(response_id, item, arguments[i : i + _ARGUMENT_PIECE]))
        await self._emit(rt.arguments_done(response_id, item))
        await self._emit(rt.output_item_done(response_id, item))
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


def reply_to(brain: Brain, turn: UserTurn | ToolResult | None) -> Reply:
    """What the brain answers to the conversation's latest turn (response.create)."""
    if isinstance(turn, ToolResult):
        try:
            output = json.loads(turn.output)
        except ValueError:
            output = {"ok": True, "message": turn.output}
        if not isinstance(output, dict):
            output = {"ok": True, "message": str(output)}
        return brain.reply_after_tool(turn.name, output)
    if isinstance(turn, UserTurn):
        return brain.understand(turn.text, turn.pcm)
    return Say("Hello! Tell me which effect you would like.")
