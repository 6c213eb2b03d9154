"""What a host app chooses for each session."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..upstream.realtime import UpstreamConfig
from .limits import CallLimits
from .tools import ToolHandler


@dataclass
class SessionOptions(CallLimits):
    upstream: UpstreamConfig = field(default_factory=UpstreamConfig)
    #: Extra tools the host app handles: name -> (tool definition, handler).
    tools: dict[str, tuple[dict[str, Any], ToolHandler]] = field(default_factory=dict)
    #: Connect attempts in a row before the call ends as `upstream_unavailable`.
    reconnect_attempts: int = 6
