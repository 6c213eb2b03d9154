"""The model's tool calls: the effect tools on the call's chain, and the host app's own."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from ..effects import APPLY_EFFECT_TOOL, GET_EFFECTS_TOOL, EffectChain, handle_tool_call

logger = logging.getLogger(__name__)

ToolHandler = Callable[[dict[str, Any]], Awaitable[Any] | Any]
EFFECT_TOOLS = [APPLY_EFFECT_TOOL, GET_EFFECTS_TOOL]
_EFFECT_TOOL_NAMES = {tool["name"] for tool in EFFECT_TOOLS}


def tool_definitions(host_tools: dict[str, tuple[dict[str, Any], ToolHandler]]) -> list[dict[str, Any]]:
    """Every tool the model is offered: the effect tools, then the host app's."""
    return EFFECT_TOOLS + [tool for tool, _ in host_tools.values()]


class ToolRunner:
    """Runs one tool call and returns its output (an error is output too: the model says so)."""

    def __init__(
        self,
        chain: EffectChain,
        host_tools: dict[str, tuple[dict[str, Any], ToolHandler]],
        on_chain_changed: Callable[[], None],
        session_id: str,
    ) -> None:
        self._chain = chain
        self._host_tools = host_tools
        self._on_chain_changed = on_chain_changed
        self._id = session_id

    async def run(self, name: str, arguments: Any) -> Any:
        if name in _EFFECT_TOOL_NAMES:
            version = self._chain.version
            output = handle_tool_call(self._chain, name, arguments)
            if self._chain.version != version:
                self._on_chain_changed()
            return output
        if name in self._host_tools:
            return await self._run_host_tool(name, arguments)
        return {"ok": False, "error": f"Unknown tool {name}."}

    async def _run_host_tool(self, name: str, arguments: Any) -> Any:
        _, handler = self._host_tools[name]
        try:
            args = json.loads(arguments) if isinstance(arguments, str) else arguments
            result = handler(args)
            if asyncio.iscoroutine(result):
                result = await result
            return result
        except Exception as exc:
            logger.exception("session %s: tool %s failed", self._id, name)
            return {"ok": False, "error": f"The tool {name} failed: {exc}"}
