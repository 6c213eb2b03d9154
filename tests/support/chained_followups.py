"""A session's follow-ups that see each call's output, as the brain shows them."""

from __future__ import annotations

from voicertc.assistant.dialogue import Say, ToolCall
from voicertc.assistant.followups import FollowUps
from voicertc.effects.chain import EffectChain
from voicertc.effects.tools import handle_tool_call


def session(*turns: str) -> tuple[list[ToolCall | Say], EffectChain]:
    """Each turn read and its calls run on a chain, every output shown to the follow-ups (as
    the brain's ``reply_after_tool`` shows them); the last turn's reading and the chain."""
    chain, follow = EffectChain(), FollowUps()
    read: list[ToolCall | Say] = []
    for turn in turns:
        read = follow.understand_all(turn)
        for intent in read:
            if isinstance(intent, ToolCall):
                follow.saw(handle_tool_call(chain, intent.name, intent.arguments))
    return read, chain
