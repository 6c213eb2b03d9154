"""The printed table: one row per N, medians across repeats."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_COLUMNS = (
    ("N", lambda m: m["calls"]),
    ("srv CPU%/call", lambda m: m["server"]["cpu_percent_per_call"]),
    ("srv CPU%", lambda m: m["server"]["cpu_percent"]),
    ("cli CPU%/call", lambda m: m["client"]["cpu_percent_per_call"]),
    ("RSS MiB/call", lambda m: m["server"]["rss_per_call_mib"]),
    ("pace p50", lambda m: m["pacing_server_ms"]["p50"]),
    ("pace p99", lambda m: m["pacing_server_ms"]["p99"]),
    ("pace max<=", lambda m: m["pacing_server_ms"]["max_bucket_le"]),
    ("jit p50", lambda m: m["jitter_client_ms"]["p50"]),
    ("jit p99", lambda m: m["jitter_client_ms"]["p99"]),
    ("jit max", lambda m: m["jitter_client_ms"]["max"]),
    ("missing", lambda m: m["frames"]["missing"]),
    ("late", lambda m: m["frames"]["late_server_total"]),
    ("drift ppm", lambda m: m["frames"].get("drift_ppm_worst")),
    ("unheard", lambda m: (m.get("utterances") or {}).get("unheard")),
    ("m2e raw", lambda m: m["mouth_to_ear_ms"]["raw"]["p50"]),
    ("m2e net", lambda m: m["mouth_to_ear_ms"]["net"]["p50"]),
    ("in->up p99", lambda m: (m.get("inbound_to_append_ms") or {}).get("p99")),
    ("delta->out p50", lambda m: (m.get("delta_to_frame_ms") or {}).get("p50")),
    ("turn tot", lambda m: m["turn_ms"]["total"]),
    ("turn up", lambda m: m["turn_ms"]["upstream"]),
    ("turn srv", lambda m: m["turn_ms"]["server"]),
    ("pass", lambda m: "yes" if m["pass"] else "NO"),
)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"
    return str(value)


def rows(points: Sequence[dict[str, Any]]) -> list[list[str]]:
    return [[_cell(get(p["median"])) for _, get in _COLUMNS] for p in points]


def table(points: Sequence[dict[str, Any]]) -> str:
    """Plain text, aligned; times in ms, CPU in % of one core."""
    header = [name for name, _ in _COLUMNS]
    body = rows(points)
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in [header, *body]]
    return "\n".join(lines)


def markdown(points: Sequence[dict[str, Any]]) -> str:
    header = [name for name, _ in _COLUMNS]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows(points)]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m voicertc.bench.report FILE.json`: the table again, as Markdown."""
    import argparse
    import json
    from pathlib import Path

    parser = argparse.ArgumentParser(prog="python -m voicertc.bench.report")
    parser.add_argument("json", type=Path)
    report = json.loads(parser.parse_args(argv).json.read_text())
    print(markdown(report["points"]))
    print(
        f"\nlargest N passing: {report['largest_passing_calls']} before the first failure, "
        f"{report.get('largest_passing_calls_any')} at all"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
