"""Connections to the speech model: the interface (`base`) and its implementations."""

from __future__ import annotations

import functools

from .base import EventHandler, UpstreamConnection, UpstreamError, UpstreamFactory
from .live import LiveUpstream
from .realtime import Upstream, UpstreamConfig


def upstream_factory(config: UpstreamConfig) -> UpstreamFactory:
    """What makes a session's connections for `config`: Live or Realtime."""
    return functools.partial(LiveUpstream if config.protocol == "live" else Upstream, config)


__all__ = [
    "EventHandler",
    "LiveUpstream",
    "Upstream",
    "UpstreamConfig",
    "UpstreamConnection",
    "UpstreamError",
    "UpstreamFactory",
    "upstream_factory",
]
