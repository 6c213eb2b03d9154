"""The conversation the endpoint holds: items in order, their audio, the tool calls made."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

MAX_ITEMS = 200
# Audio kept for the brain: only the latest turns are ever answered, and one turn can be
# 15 MiB (the SDK's input limit), so 200 of them would be 3 GB.
MAX_AUDIO_TURNS = 2


@dataclass(frozen=True)
class UserTurn:
    text: str
    pcm: bytes


@dataclass(frozen=True)
class ToolResult:
    name: str
    output: str


class ItemStore:
    """Items keyed by id in conversation order, bounded so a long call does not grow."""

    def __init__(self, max_items: int = MAX_ITEMS) -> None:
        self._max = max_items
        self._items: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._pcm: OrderedDict[str, bytes] = OrderedDict()  # latest user turns' audio, for the brain
        self._audio_ms: dict[str, int] = {}  # assistant audio items: ms sent (or truncated to)
        self._calls: OrderedDict[str, str] = OrderedDict()  # call_id -> tool name

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._items

    def __len__(self) -> int:
        return len(self._items)

    @property
    def last_id(self) -> str | None:
        return next(reversed(self._items), None)

    def get(self, item_id: str) -> dict[str, Any] | None:
        return self._items.get(item_id)

    def add(self, item: dict[str, Any], pcm: bytes | None = None) -> str | None:
        """Appends `item`; returns the id of the item before it."""
        previous = self.last_id
        self._items[item["id"]] = item
        if pcm is not None:
            self._pcm[item["id"]] = pcm
            while len(self._pcm) > MAX_AUDIO_TURNS:
                self._pcm.popitem(last=False)
        while len(self._items) > self._max:
            self._forget(next(iter(self._items)))
        return previous

    def delete(self, item_id: str) -> bool:
        if item_id not in self._items:
            return False
        self._forget(item_id)
        return True

    def _forget(self, item_id: str) -> None:
        self._items.pop(item_id, None)
        self._pcm.pop(item_id, None)
        self._audio_ms.pop(item_id, None)

    def set_user_transcript(self, item_id: str, text: str) -> None:
        item = self._items.get(item_id)
        if item is not None:
            item["content"][0]["transcript"] = text

    # -- assistant audio ----------------------------------------------------------

    def audio_ms(self, item_id: str) -> int | None:
        return self._audio_ms.get(item_id)

    def set_audio_ms(self, item_id: str, ms: int) -> None:
        if item_id in self._items:
            self._audio_ms[item_id] = ms

    # -- tool calls ---------------------------------------------------------------

    def record_call(self, call_id: str, name: str) -> None:
        self._calls[call_id] = name
        while len(self._calls) > self._max:
            self._calls.popitem(last=False)

    def has_call(self, call_id: str) -> bool:
        return call_id in self._calls

    def tool_outputs(self) -> list[ToolResult]:
        """The outputs after the latest response's tool calls, in order: a response that made
        two calls ("add reverb and delay") is answered about both."""
        outputs = []
        for item in reversed(self._items.values()):
            if item["type"] != "function_call_output":
                break
            outputs.append(ToolResult(self._calls.get(item["call_id"], ""), item["output"]))
        return outputs[::-1]

    def last_turn(self) -> UserTurn | ToolResult | None:
        """What the next response answers: the latest tool output or user message."""
        for item in reversed(self._items.values()):
            if item["type"] == "function_call_output":
                return ToolResult(self._calls.get(item["call_id"], ""), item["output"])
            if item["type"] == "message" and item["role"] == "user":
                part = item["content"][0] if item["content"] else {}
                text = part.get("text") or part.get("transcript") or ""
                return UserTurn(text, self._pcm.get(item["id"], b""))
        return None
