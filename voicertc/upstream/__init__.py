"""Connections to the speech model: the interface (`base`) and its implementations."""

from __future__ import annotations

import functools

from ..assistant.reader import Guesser
from .base import EventHandler, UpstreamConnection, UpstreamError, UpstreamFactory
from .live import LiveUpstream
from .realtime import Upstream, UpstreamConfig


def upstream_factory(config: UpstreamConfig, read: Guesser | None = None) -> UpstreamFactory:
    """What makes a session's connections for `config`: Live (whose delegations are read
    with ``read``'s guess, if given) or Realtime."""
    if config.protocol == "live":
        return functools.partial(LiveUpstream, config, read=read)
    return functools.partial(Upstream, config)


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
