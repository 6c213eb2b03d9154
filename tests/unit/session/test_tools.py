"""Tool calls: the effect tools on the chain, the host's tools, unknown ones."""

from __future__ import annotations

import json

from voicertc.effects import EffectChain
from voicertc.session.tools import EFFECT_TOOLS, ToolRunner, tool_definitions

CLOCK = {"type": "function", "name": "get_time", "parameters": {"type": "object"}}


def runner(host: dict | None = None) -> tuple[ToolRunner, EffectChain, list[bool]]:
    chain = EffectChain()
    changes: list[bool] = []
    return ToolRunner(chain, host or {}, lambda: changes.append(True), "s1"), chain, changes


def test_the_model_is_offered_the_effect_tools_then_the_hosts() -> None:
    assert [t["name"] for t in tool_definitions({})] == ["apply_audio_effect", "get_effects"]
    assert tool_definitions({"get_time": (CLOCK, lambda a: None)})[-1] is CLOCK


def test_tool_definitions_do_not_grow_the_shared_list() -> None:
    tool_definitions({"get_time": (CLOCK, lambda a: None)})
    assert len(EFFECT_TOOLS) == 2


async def test_an_effect_change_is_announced_once() -> None:
    tools, chain, changes = runner()
    output = await tools.run("apply_audio_effect", json.dumps({"action": "add", "effect": "delay"}))
    assert output["ok"] and len(chain) == 1 and changes == [True]


async def test_reading_the_chain_announces_nothing() -> None:
    tools, _, changes = runner()
    output = await tools.run("get_effects", "{}")
    assert changes == [] and "chain" in json.dumps(output)


async def test_a_refused_change_announces_nothing() -> None:
    tools, chain, changes = runner()
    output = await tools.run("apply_audio_effect", json.dumps({"action": "remove", "effect": "reverb"}))
    assert output["ok"] is False and len(chain) == 0 and changes == []


async def test_host_tools_get_parsed_arguments() -> None:
    tools, _, _ = runner({"get_time": (CLOCK, lambda args: {"zone": args["zone"]})})
    assert await tools.run("get_time", '{"zone": "UTC"}') == {"zone": "UTC"}
    assert await tools.run("get_time", {"zone": "CET"}) == {"zone": "CET"}


async def test_unknown_tools_are_refused() -> None:
    tools, _, _ = runner()
    assert await tools.run("nope", "{}") == {"ok": False, "error": "Unknown tool nope."}
