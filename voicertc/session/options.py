"""What a host app chooses for each session."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..assistant.reader import Guesser
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
    #: Who the call is for (a JWT's `sub`): in its end line, the admin view, per-user caps.
    user: str | None = None
    #: Record the call here as `<id>.ogg` and `<id>.json` (the caller is told).
    record_dir: Path | None = None
    #: An OpenTelemetry tracer for the call's spans (voicertc.ops.tracing).
    tracer: Any = None
    #: Called with the call's `session_ended` object when it ends (the usage webhook).
    on_ended: Callable[[dict[str, Any]], None] | None = None
    #: The sentence reader a Live model's delegations are read with (the server's speech
    #: pool); without it they are read by the rules alone.
    sentence_reader: Guesser | None = None
