"""Percentiles of samples, of Prometheus histogram deltas, and medians across repeats."""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})?\s+(\S+)$")


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (q in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def summary(values: Sequence[float], scale: float = 1.0) -> dict[str, float | int | None]:
    """p50/p99/max (times `scale`) and the count."""

    def scaled(v: float | None) -> float | None:
        return None if v is None else round(v * scale, 3)

    return {
        "p50": scaled(percentile(values, 50)),
        "p99": scaled(percentile(values, 99)),
        "max": scaled(max(values) if values else None),
        "n": len(values),
    }


_WORKER_LABEL = re.compile(r',?worker="\d+"')


def parse_metrics(text: str) -> dict[str, float]:
    """Prometheus text to {'name{labels}': value}, labels kept verbatim except `worker`:
    with --workers, every worker's samples of a series are summed into one."""
    out: dict[str, float] = {}
    for line in text.splitlines():
        match = _SAMPLE.match(line.strip())
        if match and not line.startswith("#"):
            name, labels, value = match.groups()
            labels = _WORKER_LABEL.sub("", labels or "").lstrip(",")
            key = f"{name}{{{labels}}}" if labels else name
            try:
                out[key] = out.get(key, 0.0) + float(value)
            except ValueError:
                continue
    return out


@dataclass(frozen=True)
class HistogramDelta:
    """One histogram's bucket counts between two scrapes (not cumulative)."""

    bounds: tuple[float, ...]  # upper bounds, +Inf excluded
    counts: tuple[float, ...]  # len(bounds) + 1: the last is above the last bound
    total_sum: float

    @property
    def count(self) -> float:
        return sum(self.counts)

    def quantile(self, q: float) -> float | None:
        """Interpolated within its bucket, as Prometheus does; the +Inf bucket reads as its lower bound."""
        total = self.count
        if total <= 0:
            return None
        rank = total * q
        seen = 0.0
        for i, count in enumerate(self.counts):
            if count > 0 and seen + count >= rank:
                if i == len(self.bounds):
                    return self.bounds[-1]
                low = self.bounds[i - 1] if i else 0.0
                return low + (self.bounds[i] - low) * (rank - seen) / count
            seen += count
        return self.bounds[-1]

    def max_bound(self) -> float | None:
        """Upper bound of the highest non-empty bucket (inf if above every bound)."""
        for i in range(len(self.counts) - 1, -1, -1):
            if self.counts[i] > 0:
                return self.bounds[i] if i < len(self.bounds) else math.inf
        return None

    def fraction_above(self, bound: float) -> float | None:
        """Share of observations above `bound`, which must be one of the bucket bounds."""
        if self.count <= 0:
            return None
        index = self.bounds.index(bound)
        return sum(self.counts[index + 1 :]) / self.count


def histogram_delta(before: dict[str, float], after: dict[str, float], name: str) -> HistogramDelta:
    def cumulative(sample: dict[str, float]) -> dict[float, float]:
        prefix = f'{name}_bucket{{le="'
        return {
            float(key[len(prefix) : -2]): value for key, value in sample.items() if key.startswith(prefix)
        }

    b, a = cumulative(before), cumulative(after)
    bounds = sorted(a)
    deltas = [a[le] - b.get(le, 0.0) for le in bounds]
    counts = [deltas[0]] + [deltas[i] - deltas[i - 1] for i in range(1, len(deltas))]
    finite = tuple(le for le in bounds if math.isfinite(le))
    total_sum = after.get(f"{name}_sum", 0.0) - before.get(f"{name}_sum", 0.0)
    return HistogramDelta(finite, tuple(counts), total_sum)


def median_of(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None
