"""The call's effect chain: changed by the model, the caller or the host; every change
is broadcast whole and told to the model."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from ..audio.outbound import AssistantTrack
from ..edge.channel import EffectMessage
from ..effects import EffectChain, EffectError
from ..upstream.realtime import message
from .events import CallEvents
from .monitor import Monitor

SendUpstream = Callable[[dict[str, Any]], Awaitable[None]]


class CallEffects:
    """Owns the chain and the optional monitor that renders through it."""

    def __init__(self, events: CallEvents, track: AssistantTrack, send_upstream: SendUpstream) -> None:
        self.chain = EffectChain()
        self._events = events
        self._track = track
        self._send_upstream = send_upstream
        self.monitor: Monitor | None = None

    def set_monitor(self, enabled: bool) -> None:
        if enabled and self.monitor is None:
            self.monitor = Monitor(self.chain, self._track)
        elif not enabled:
            self.monitor = None
        self._events.publish("monitor", {"enabled": self.monitor is not None})

    def feed_monitor(self, pcm16: bytes) -> None:
        if self.monitor is not None:
            self.monitor.feed(pcm16)

    async def apply(self, action: str, effect: str | None = None, **kwargs: Any) -> str:
        """A change from the host app; raises EffectError on bad input."""
        version = self.chain.version
        result = self.chain.apply(action, effect, **kwargs)
        await self._changed_if(version, by="the host application")
        return result

    async def apply_client(self, change: EffectMessage) -> None:
        """A change from the caller's data channel; bad input is reported to them."""
        version = self.chain.version
        try:
            self.chain.apply(
                change.action,
                change.effect,
                value=change.value,
                unit=change.unit,
                param=change.param,
                index=change.index,
                to=change.to,
            )
        except EffectError as exc:
            self._events.error("bad_effect", str(exc))
            return
        await self._changed_if(version, by="the user, with the on-screen controls")

    async def _changed_if(self, version: int, by: str) -> None:
        if self.chain.version != version:
            await self.changed(by)
        else:
            # Nothing changed: the caller sees the chain again, the model is not told again
            # (each note costs tokens, and a client could send them in a loop).
            self.publish()

    async def changed(self, by: str) -> None:
        self.publish()
        # Keep the model's picture of the chain current, so "what is on" stays right.
        await self._send_upstream(self.note(by))

    def publish(self) -> None:
        if self.monitor is not None:
            self.monitor.update(self.chain)
        self._events.publish("effects", {"chain": self.chain.to_list()})

    def note(self, by: str) -> dict[str, Any]:
        """The chain as a system message for the model."""
        return message("system", f"The effect chain was set by {by}. It is now: {self.chain.describe()}")

    def context(self) -> list[dict[str, Any]]:
        """What a new upstream connection is told of the chain (nothing when empty)."""
        return [self.note("the previous connection")] if len(self.chain) else []
