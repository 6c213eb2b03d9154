"""Process-wide counters and histograms, exported on `/metrics` in Prometheus text format.

Small on purpose: a dependency-free subset (counters, gauges, histograms with labels)
cheap enough to observe every outbound frame.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping, Sequence

_LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0, 1.5, 2.0, 3.0, 5.0)
_PACING_BUCKETS = (0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5)


def _labels(pairs: Sequence[tuple[str, str]]) -> str:
    if not pairs:
        return ""
    inner = ",".join(f'{k}="{v.replace(chr(92), "/").replace(chr(34), chr(39))}"' for k, v in pairs)
    return "{" + inner + "}"


class Counter:
    def __init__(self, name: str, help: str) -> None:
        self.name, self.help = name, help
        self._values: dict[tuple[tuple[str, str], ...], float] = {}

    def inc(self, amount: float = 1.0, **labels: str) -> None:
        key = tuple(sorted(labels.items()))
        self._values[key] = self._values.get(key, 0.0) + amount

    def value(self, **labels: str) -> float:
        return self._values.get(tuple(sorted(labels.items())), 0.0)

    def render(self) -> list[str]:
        lines = [f"# HELP {self.name} {self.help}", f"# TYPE {self.name} counter"]
        if not self._values:
            lines.append(f"{self.name} 0")
        lines += [f"{self.name}{_labels(k)} {v:g}" for k, v in self._values.items()]
        return lines


class Gauge:
    def __init__(self, name: str, help: str, read: Callable[[], float] | None = None) -> None:
        self.name, self.help = name, help
        self._read = read
        self._value = 0.0

    def set(self, value: float) -> None:
        self._value = value

    def render(self) -> list[str]:
        value = self._read() if self._read is not None else self._value
        return [
            f"# HELP {self.name} {self.help}",
            f"# TYPE {self.name} gauge",
            f"{self.name} {value:g}",
        ]


class Histogram:
    def __init__(self, name: str, help: str, buckets: Sequence[float]) -> None:
        self.name, self.help = name, help
        self.buckets = tuple(buckets)
        self._counts = [0] * (len(self.buckets) + 1)
        self.count = 0
        self.sum = 0.0

    def observe(self, value: float) -> None:
        self._counts[bisect.bisect_left(self.buckets, value)] += 1
        self.count += 1
        self.sum += value

    def render(self) -> list[str]:
        lines = [f"# HELP {self.name} {self.help}", f"# TYPE {self.name} histogram"]
        cumulative = 0
        for bound, count in zip(self.buckets, self._counts, strict=False):
            cumulative += count
            lines.append(f'{self.name}_bucket{{le="{bound:g}"}} {cumulative}')
        lines.append(f'{self.name}_bucket{{le="+Inf"}} {self.count}')
        lines += [f"{self.name}_sum {self.sum:g}", f"{self.name}_count {self.count}"]
        return lines


class Metrics:
    """The metrics of one server process."""

    def __init__(self, sessions: Callable[[], float] = lambda: 0) -> None:
        self.sessions = Gauge("voicertc_sessions", "Calls in progress.", sessions)
        self.calls = Counter("voicertc_calls_total", "Calls started.")
        self.calls_ended = Counter(
            "voicertc_calls_ended_total", "Calls ended, by reason (hangup, media_timeout, idle, ...)."
        )
        self.webhook_failures = Counter(
            "voicertc_usage_webhook_failures_total",
            "Usage records not delivered to --usage-webhook, by reason (undelivered, queue_full).",
        )
        self.errors = Counter("voicertc_errors_total", "Errors reported to clients, by code.")
        self.http_errors = Counter("voicertc_http_errors_total", "Signalling requests refused, by status.")
        self.turn_total = Histogram(
            "voicertc_turn_latency_seconds",
            "End of user speech to first assistant audio frame sent.",
            _LATENCY_BUCKETS,
        )
        self.turn_upstream = Histogram(
            "voicertc_turn_upstream_seconds",
            "End of user speech to first upstream audio delta.",
            _LATENCY_BUCKETS,
        )
        self.turn_server = Histogram(
            "voicertc_turn_server_seconds",
            "voicertc's own share of a turn: first delta to first frame sent.",
            _LATENCY_BUCKETS,
        )
        self.barge_in = Histogram(
            "voicertc_barge_in_seconds", "speech_started to outbound silence.", _LATENCY_BUCKETS
        )
        self.frame_lateness = Histogram(
            "voicertc_frame_lateness_seconds",
            "How late each outbound frame left against its 20 ms schedule.",
            _PACING_BUCKETS,
        )
        self.inbound_to_append = Histogram(
            "voicertc_inbound_to_append_seconds",
            "Each inbound frame, from its decoded arrival to its append leaving for the upstream.",
            _PACING_BUCKETS,
        )
        self.delta_to_frame = Histogram(
            "voicertc_delta_to_frame_seconds",
            "Upstream audio that found nothing queued ahead of it: its arrival to its first frame sent.",
            _PACING_BUCKETS,
        )
        self.gc_pause = Histogram(
            "voicertc_gc_pause_seconds",
            "Each run of Python's cycle collector: the event loop, and every call's audio, waits it out.",
            _PACING_BUCKETS,
        )
        self.late_frames = Counter(
            "voicertc_late_frames_total", "Outbound frames so late the clock was re-anchored."
        )
        self.dropped_appends = Counter(
            "voicertc_upstream_dropped_appends_total",
            "Inbound audio dropped behind a stalled upstream.",
        )
        self.resumes = Counter(
            "voicertc_resumes_total", "Calls carried on over a new connection after a drop (resume token)."
        )
        self.upstream_reconnects = Counter(
            "voicertc_upstream_reconnects_total", "Upstream connections re-established mid-call."
        )

    def render(self) -> str:
        lines: list[str] = []
        for metric in vars(self).values():
            if isinstance(metric, (Counter, Gauge, Histogram)):
                lines += metric.render()
        return "\n".join(lines) + "\n"


_SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?(\s.*)$")


def _with_label(line: str, name: str, value: str) -> str:
    match = _SAMPLE.match(line)
    if match is None:
        return line
    metric, labels, rest = match.groups()
    pair = f'{name}="{value}"'
    labels = "{" + pair + "}" if not labels or labels == "{}" else labels[:-1] + "," + pair + "}"
    return f"{metric}{labels}{rest}"


def merge_workers(texts: Mapping[int, str]) -> str:
    """One exposition of several workers' metrics, each sample labelled `worker="<i>"`.

    The text format wants each family's samples together under one HELP and TYPE, so
    samples are grouped by the family whose TYPE line preceded them.
    """
    families: dict[str, list[str]] = {}
    for index, text in sorted(texts.items()):
        family = ""
        for line in text.splitlines():
            if not line.strip():
                continue
            if line.startswith("#"):
                parts = line.split(maxsplit=3)
                family = parts[2] if len(parts) > 2 else family
                lines = families.setdefault(family, [])
                if line not in lines:
                    lines.append(line)
            else:
                families.setdefault(family, []).append(_with_label(line, "worker", str(index)))
    return "\n".join(line for lines in families.values() for line in lines) + "\n"


#: The process's metrics; the server wires its session count in.
METRICS = Metrics()
