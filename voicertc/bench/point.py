"""One measured point's configuration, and its figures from what the run collected."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from .stats import HistogramDelta, histogram_delta, median_of, summary
from .utterance import Utterance, make_syllables

MIB = 1024 * 1024
PACING_LIMIT_S = 0.01  # the capacity criterion: p99 pacing error under 10 ms
SILENCE_DURATION_S = 0.5  # the bridge's server_vad silence_duration_ms
PREFIX_PADDING_S = 0.3  # the bridge's server_vad prefix_padding_ms: echoed before the onset
_LATENESS = "voicertc_frame_lateness_seconds"
_INBOUND_TO_APPEND = "voicertc_inbound_to_append_seconds"
_DELTA_TO_FRAME = "voicertc_delta_to_frame_seconds"
_GC_PAUSE = "voicertc_gc_pause_seconds"


@dataclass(frozen=True)
class PointConfig:
    calls: int
    seconds: float
    warmup_s: float = 3.0
    period_s: float = 2.0
    # Vowels 80 ms apart per utterance: one alone the endpoint's VAD misses at some phases.
    syllables: int = 2
    dbfs: float = -12.0
    loop: str = "asyncio"
    calls_per_worker: int = 6
    pin: bool = False
    server_workers: int = 1
    seed: int = 0
    warm_call: bool = True
    verbose: bool = False
    profile: bool = False
    full_client: bool = False  # CallClient's encode/decode per frame instead of the light call
    # The echo endpoint in a second server process (on the load's CPUs), as OpenAI would be:
    # the measured server is then the bridge alone.
    upstream_process: bool = False

    def utterance(self) -> Utterance:
        """What each call says (the load processes make the same from the same flags)."""
        return make_syllables(self.syllables, dbfs=self.dbfs)

    @property
    def workers(self) -> int:
        return max(1, math.ceil(self.calls / self.calls_per_worker))


def summarise(
    *,
    config: PointConfig,
    live: int,
    failures: list[str],
    window: float,
    server_cpu: float,
    client_cpu: float,
    upstream_cpu: float | None,
    other_cpu: float,
    loadavg: float,
    rss_idle: int,
    rss: int,
    threads: int,
    metrics: tuple[dict[str, float], ...],
    calls: list[dict[str, Any]],
    drained: bool,
    server_log: str,
    profiled: dict[str, Any] | None,
) -> dict[str, Any]:
    m_start, m0, m1, m_end = metrics
    lateness = histogram_delta(m0, m1, _LATENESS)
    per_call = max(live, 1)
    pacing_p99 = lateness.quantile(0.99)
    above = lateness.fraction_above(PACING_LIMIT_S)
    missing = sum(c["missing"] for c in calls)
    jitter = [e for c in calls for e in c["interarrival_error_s"]]
    raw = [x for c in calls for x in c["mouth_to_ear_s"]]
    # What the echo path adds beyond the conversation's own timing: the utterance itself,
    # the VAD's silence wait, and the prefix padding replayed before the onset.
    offset = config.utterance().duration_s + SILENCE_DURATION_S + PREFIX_PADDING_S
    turns = [t for c in calls for t in c["turns"]]
    late_total = m_end.get("voicertc_late_frames_total", 0.0) - m_start.get("voicertc_late_frames_total", 0.0)
    warnings = sum(1 for line in server_log.splitlines() if " WARNING " in line or " ERROR " in line)
    result: dict[str, Any] = {
        "calls": config.calls,
        "live_calls": live,
        "connect_failures": failures,
        "window_s": round(window, 3),
        "server": {
            "cpu_percent": round(server_cpu * 100, 2),
            "cpu_percent_per_call": round(server_cpu * 100 / per_call, 2),
            "rss_idle_mib": round(rss_idle / MIB, 1),
            "rss_mib": round(rss / MIB, 1),
            "rss_per_call_mib": round((rss - rss_idle) / MIB / per_call, 2),
            "threads": threads,
            "log_warnings": warnings,
        },
        "client": {
            "kind": "full" if config.full_client else "light",
            # inbound packets the light call decoded (looking for echo onsets), of those received
            "decoded_packets": sum(c.get("decoded", 0) for c in calls),
            "processes": config.workers,
            "cpu_percent": round(client_cpu * 100, 2),
            "cpu_percent_per_call": round(client_cpu * 100 / per_call, 2),
        },
        # the echo endpoint's own process, with --upstream-process (None: inside the server)
        "upstream_process": None
        if upstream_cpu is None
        else {
            "cpu_percent": round(upstream_cpu * 100, 2),
            "cpu_percent_per_call": round(upstream_cpu * 100 / per_call, 2),
        },
        "machine_load": {
            # Everything else the machine ran meanwhile: on a shared box, the noise floor.
            "other_cpu_percent": round(max(0.0, other_cpu) * 100, 1),
            "loadavg_1m": loadavg,
        },
        "pacing_server_ms": {
            "p50": _ms(lateness.quantile(0.5)),
            "p99": _ms(pacing_p99),
            "max_bucket_le": _ms(lateness.max_bound()),
            "frames_over_last_bucket": int(lateness.counts[-1]) if lateness.counts else 0,
            "mean": _ms(lateness.total_sum / lateness.count if lateness.count else None),
            "above_10ms_fraction": None if above is None else round(above, 5),
            "frames": int(lateness.count),
        },
        "jitter_client_ms": summary(jitter, 1000),
        # voicertc's own per-frame latencies, from the server's histograms over the window
        "inbound_to_append_ms": _histogram_ms(histogram_delta(m0, m1, _INBOUND_TO_APPEND)),
        "delta_to_frame_ms": _histogram_ms(histogram_delta(m0, m1, _DELTA_TO_FRAME)),
        # the cycle collector's runs in the window: each one a stall of every call's pacing
        "gc_pause_ms": _pauses_ms(histogram_delta(m0, m1, _GC_PAUSE)),
        "frames": {
            "expected": sum(c["expected"] for c in calls),
            "received": sum(c["received"] for c in calls),
            "missing": missing,
            # what arrival times alone would have called missing (lateness at the edges too)
            "span_shortfall": sum(c.get("span_shortfall", c["missing"]) for c in calls),
            "expected_per_call": round(window / 0.02),
            "late_server_total": int(late_total),
            # the call whose stream strayed furthest from real time, over the window
            "drift_ms_worst": _worst(c.get("drift_ms") for c in calls),
            "drift_ppm_worst": _worst(c.get("drift_ppm") for c in calls),
            "sessions_drained": drained,
        },
        # Said in the window, and of those how many had no echo within a period: never heard
        # as a turn by the endpoint's VAD, or answered that late (no mouth-to-ear figure).
        "utterances": {
            "spoken": sum(c["spoken"] for c in calls),
            "unheard": sum(c["unheard"] for c in calls),
        },
        "mouth_to_ear_ms": {
            "raw": summary(raw, 1000),
            "net": summary([x - offset for x in raw], 1000),
            "subtracted_ms": round(offset * 1000, 1),
        },
        "turn_ms": {
            "total": _round(median_of(t[0] for t in turns)),
            "upstream": _round(median_of(t[1] for t in turns)),
            "server": _round(median_of(t[2] for t in turns)),
            "n": len(turns),
        },
        "client_errors": sorted({e for c in calls for e in c["errors"]}),
    }
    if profiled is not None:
        result["profile"] = profiled
    result["pass"] = bool(
        live == config.calls and pacing_p99 is not None and pacing_p99 < PACING_LIMIT_S and missing == 0
    )
    return result


def _ms(seconds: float | None) -> float | None:
    if seconds is None:
        return None
    # JSON has no infinity: "above every bucket" reads as None, with its count beside it.
    return None if math.isinf(seconds) else round(seconds * 1000, 3)


def _pauses_ms(delta: HistogramDelta) -> dict[str, float | int | None]:
    return {
        "n": int(delta.count),
        "total": _ms(delta.total_sum),
        "max_bucket_le": _ms(delta.max_bound()),
    }


def _histogram_ms(delta: HistogramDelta) -> dict[str, float | int | None]:
    return {"p50": _ms(delta.quantile(0.5)), "p99": _ms(delta.quantile(0.99)), "n": int(delta.count)}


def _worst(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(max(known, key=abs), 3) if known else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def config_dict(config: PointConfig) -> dict[str, Any]:
    return asdict(config)
