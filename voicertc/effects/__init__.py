"""Server-owned audio effects: the validated chain, the model's tools, and rendering."""

from .chain import EffectChain, EffectError
from .render import ChainRenderer
from .specs import EFFECT_SPECS, EffectSpec, ParamSpec
from .tools import APPLY_EFFECT_TOOL, GET_EFFECTS_TOOL, handle_tool_call

__all__ = [
    "APPLY_EFFECT_TOOL",
    "EFFECT_SPECS",
    "GET_EFFECTS_TOOL",
    "ChainRenderer",
    "EffectChain",
    "EffectError",
    "EffectSpec",
    "ParamSpec",
    "handle_tool_call",
]
