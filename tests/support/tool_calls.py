"""The dialogue's expected tool calls, written short in the assistant's unit tests."""

from __future__ import annotations

from voicertc.assistant.dialogue import ToolCall


def call(
    effect: str | None, action: str, value: float | None = None, unit: str | None = None, **more: object
) -> ToolCall:
    """``apply_audio_effect`` with these arguments; ``effect`` None for chain-wide actions."""
    args: dict[str, object] = {"action": action} if effect is None else {"effect": effect, "action": action}
    if value is not None:
        args["value"] = value
    if unit is not None:
        args["unit"] = unit
    return ToolCall("apply_audio_effect", args | more)
