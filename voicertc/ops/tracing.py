"""OpenTelemetry traces (the optional `otel` extra): one span per call, one per turn.

A call is a `voicertc.call` span. Inside it, each turn is a `voicertc.turn` span from the
end of the user's turn (speech stopped, or text sent) to the first assistant frame sent,
split into `voicertc.turn.upstream` (until the upstream's first audio delta) and
`voicertc.turn.server` (from that delta to the first frame out: voicertc's own share).
Barge-ins (speech started to outbound silence) and upstream reconnects (connection lost
to connected again) are spans of their own. Without the extra nothing here is imported
and a session holds no trace.
"""

from __future__ import annotations

import time
from typing import Any

_TRACER_NAME = "voicertc"


def otlp_provider(endpoint: str, service_name: str = "voicertc") -> Any:
    """A TracerProvider exporting over OTLP/HTTP to `endpoint` (http://collector:4318/v1/traces).

    Its owner calls `shutdown()` at exit: the batch processor holds spans for seconds.
    Raises ImportError saying what to install when the `otel` extra is missing.
    """
    try:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
    except ImportError:
        raise ImportError("--otlp-endpoint needs OpenTelemetry: pip install 'voicertc[otel]'") from None
    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=endpoint)))
    return provider


def voicertc_tracer(provider: Any) -> Any:
    """voicertc's tracer from any OpenTelemetry TracerProvider (a host app's own, say)."""
    return provider.get_tracer(_TRACER_NAME)


class CallTrace:
    """The spans of one call; every method is cheap and safe to call in any order."""

    def __init__(self, tracer: Any, session_id: str, attributes: dict[str, Any] | None = None) -> None:
        from opentelemetry import trace

        self._trace = trace
        self._tracer = tracer
        self._call = tracer.start_span(
            "voicertc.call", attributes={"voicertc.session_id": session_id, **(attributes or {})}
        )
        self._context = trace.set_span_in_context(self._call)
        self._turn: Any = None
        self._turn_context: Any = None
        self._phase: Any = None
        self._reconnect: Any = None
        self.turns = 0

    def _child(self, name: str, context: Any, start: int | None = None, **attributes: Any) -> Any:
        return self._tracer.start_span(name, context=context, start_time=start, attributes=attributes or None)

    def turn_ended(self, kind: str = "speech") -> None:
        """The user's turn is over (speech stopped, or text sent): the reply is owed from now."""
        if self._turn is not None:
            self._end_turn(answered=False)
        self.turns += 1
        self._turn = self._child(
            "voicertc.turn", self._context, **{"voicertc.turn": self.turns, "voicertc.turn.kind": kind}
        )
        self._turn_context = self._trace.set_span_in_context(self._turn)
        self._phase = self._child("voicertc.turn.upstream", self._turn_context)

    def first_delta(self) -> None:
        """The upstream's first audio of the reply arrived."""
        if self._turn is None or self._phase is None or self._phase.name != "voicertc.turn.upstream":
            return
        self._phase.end()
        self._phase = self._child("voicertc.turn.server", self._turn_context)

    def first_frame(self) -> None:
        """The reply's first frame left for the caller: the turn is answered."""
        if self._turn is not None:
            self._end_turn(answered=True)

    def _end_turn(self, answered: bool) -> None:
        if self._phase is not None:
            self._phase.end()
            self._phase = None
        self._turn.set_attribute("voicertc.turn.answered", answered)
        self._turn.end()
        self._turn = self._turn_context = None

    def barge_in(self, started_monotonic: float, silenced_monotonic: float) -> None:
        """The caller talked over the assistant; it was silent `silenced - started` later."""
        now_ns, now = time.time_ns(), time.monotonic()
        start = now_ns - int((now - started_monotonic) * 1e9)
        span = self._child("voicertc.barge_in", self._context, start)
        span.end(end_time=now_ns - int((now - silenced_monotonic) * 1e9))

    def connection_lost(self) -> None:
        if self._reconnect is None:
            self._reconnect = self._child("voicertc.reconnect", self._context)

    def connected(self) -> None:
        if self._reconnect is not None:
            self._reconnect.end()
            self._reconnect = None

    def end(self, reason: str, usage: dict[str, Any] | None = None) -> None:
        if self._turn is not None:
            self._end_turn(answered=False)
        if self._reconnect is not None:
            self._reconnect.set_attribute("voicertc.reconnect.completed", False)
            self._reconnect.end()
            self._reconnect = None
        self._call.set_attribute("voicertc.end_reason", reason)
        for key, value in (usage or {}).items():
            if isinstance(value, (int, float, str, bool)):
                self._call.set_attribute(f"voicertc.usage.{key}", value)
        self._call.end()
