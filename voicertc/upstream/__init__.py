"""Connections to the speech model: the interface (`base`) and its implementations."""

from __future__ import annotations

import functools

from .base import EventHandler, UpstreamConnection, UpstreamError, UpstreamFactory
from .realtime import Upstream, UpstreamConfig


def upstream_factory(config: UpstreamConfig) -> UpstreamFactory:
    """What makes a session's connections for `config`."""
    return functools.partial(Upstream, config)


__all__ = [
    "EventHandler",
    "Upstream",
    "UpstreamConfig",
    "UpstreamConnection",
    "UpstreamError",
    "UpstreamFactory",
    "upstream_factory",
]
