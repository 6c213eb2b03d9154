"""`python -m voicertc.bench`: run points (one N, or a sweep), print a table, write JSON and a plot."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import procfs
from .point import PACING_LIMIT_S, PointConfig, config_dict
from .report import table
from .run import run_point


def median_result(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Field by field: numbers to their median, flags to the majority, lists merged."""
    first = results[0]
    out: dict[str, Any] = {}
    for key, value in first.items():
        values = [r.get(key) for r in results]
        if isinstance(value, dict):
            out[key] = median_result([v for v in values if isinstance(v, dict)])
        elif isinstance(value, bool):
            out[key] = sum(bool(v) for v in values) * 2 > len(values)
        elif isinstance(value, (int, float)) or value is None:
            numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
            median = round(statistics.median(numbers), 3) if numbers else None
            # Counts stay whole numbers when they can (the median of two may be a half).
            if median is not None and all(isinstance(v, int) for v in numbers) and float(median).is_integer():
                median = int(median)
            out[key] = median
        elif isinstance(value, list):
            out[key] = sorted({str(x) for v in values if isinstance(v, list) for x in v})
        else:
            out[key] = value
    return out


def largest_passing(points: Sequence[dict[str, Any]]) -> int | None:
    """The largest N before the first failing N (a pass after a failure is noise, not capacity)."""
    best = None
    for point in sorted(points, key=lambda p: p["calls"]):
        if not point["median"]["pass"]:
            break
        best = point["calls"]
    return best


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m voicertc.bench",
        description="Drive N concurrent echo calls at a voicertc server in its own process and measure it.",
    )
    parser.add_argument("--calls", type=int, default=4, help="concurrent calls (without --sweep)")
    parser.add_argument("--seconds", type=float, default=15.0, help="measured window per point")
    parser.add_argument("--sweep", help="comma-separated call counts, e.g. 1,2,4,8,12")
    parser.add_argument("--repeat", type=int, default=1, help="runs per point; the median is reported")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--plot", type=Path, help="write a PNG plot against N here (needs matplotlib)")
    parser.add_argument("--uvloop", action="store_true", help="run the server on uvloop")
    parser.add_argument("--pin", action="store_true", help="server on one CPU, the load on the others")
    parser.add_argument(
        "--server-workers",
        type=int,
        default=1,
        help="run the server as `voicertc serve --workers N` (figures cover all its processes)",
    )
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds after connecting, unmeasured")
    parser.add_argument("--period", type=float, default=2.0, help="seconds between a call's utterances")
    parser.add_argument("--calls-per-process", type=int, default=20, help="calls per load process")
    parser.add_argument(
        "--upstream-process",
        action="store_true",
        help="the echo endpoint in a second server process on the load's CPUs, as OpenAI would be: "
        "the measured server is the bridge alone",
    )
    parser.add_argument(
        "--full-client",
        action="store_true",
        help="load calls encode and decode every frame (CallClient; ~3%% of a core per call) "
        "instead of sending pre-encoded packets and timing arrivals at the RTP level",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--no-warm-call",
        action="store_true",
        help="skip the call made before measuring idle memory (quicker; memory per call then "
        "includes one-off lazy loading)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="sample the server with py-spy during each window"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="print each phase's timing")
    parser.add_argument("--resampler", action="store_true", help="also run the resampler benchmark")
    args = parser.parse_args(argv)
    if args.seconds <= 0 or args.calls < 1 or args.repeat < 1 or args.calls_per_process < 1:
        parser.error("--seconds, --calls, --repeat and --calls-per-process must be positive")
    if args.server_workers < 1:
        parser.error("--server-workers must be at least 1")
    if args.server_workers > 1 and args.pin:
        parser.error("--pin puts the server on one CPU: it makes no sense with --server-workers")
    if args.period < 2.0:
        # 0.58 s said, 0.5 s of the VAD's wait, then its echo: 0.3 s of prefix and the 0.58 s
        parser.error("--period must leave room for the utterance, the VAD's 500 ms wait and the echo (2 s)")
    return args


async def _measure(args: argparse.Namespace, counts: list[int]) -> list[dict[str, Any]]:
    points = []
    for calls in counts:
        config = PointConfig(
            calls=calls,
            seconds=args.seconds,
            warmup_s=args.warmup,
            period_s=args.period,
            loop="uvloop" if args.uvloop else "asyncio",
            calls_per_worker=args.calls_per_process,
            pin=args.pin,
            server_workers=args.server_workers,
            seed=args.seed,
            warm_call=not args.no_warm_call,
            verbose=args.verbose,
            profile=args.profile,
            full_client=args.full_client,
            upstream_process=args.upstream_process,
        )
        runs = []
        for i in range(args.repeat):
            print(f"... {calls} call(s), run {i + 1}/{args.repeat}", file=sys.stderr, flush=True)
            runs.append(await run_point(config))
        points.append(
            {"calls": calls, "config": config_dict(config), "runs": runs, "median": median_result(runs)}
        )
    return points


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    counts = sorted({int(x) for x in args.sweep.split(",")}) if args.sweep else [args.calls]
    started = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    load_before = procfs.loadavg()
    try:
        points = asyncio.run(_measure(args, counts))
    except KeyboardInterrupt:
        print("interrupted; every process the benchmark started has been stopped", file=sys.stderr)
        return 130
    report: dict[str, Any] = {
        "tool": "voicertc.bench",
        "started_at": started,
        "machine": procfs.machine(),
        "loadavg_before": load_before,
        "loadavg_after": procfs.loadavg(),
        "server_loop": "uvloop" if args.uvloop else "asyncio",
        "pinned": args.pin,
        "server_workers": args.server_workers,
        "upstream_process": args.upstream_process,
        "criterion": f"p99 server pacing error < {PACING_LIMIT_S * 1000:g} ms and no missing frames",
        "points": points,
        "largest_passing_calls": largest_passing(points),
        # On a noisy machine a small N can fail by chance while larger ones pass: both answers.
        "largest_passing_calls_any": max((p["calls"] for p in points if p["median"]["pass"]), default=None),
    }
    if args.resampler:
        from .resampler import measure_all

        report["resampler"] = measure_all()
    print(table(points))
    print(
        f"largest N passing ({report['criterion']}): {report['largest_passing_calls']} before the first "
        f"failure, {report['largest_passing_calls_any']} at all"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1) + "\n")
    if args.plot:
        from .plot import plot

        with contextlib.suppress(KeyboardInterrupt):
            plot(report, args.plot)
    return 0
