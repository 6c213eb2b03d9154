"""The sweep's PNG: CPU per call, p99 pacing error and missing frames against N."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .point import PACING_LIMIT_S


def plot(report: dict[str, Any], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")  # no display needed; the import above must not pick one
    import matplotlib.pyplot as plt

    points = sorted(report["points"], key=lambda p: p["calls"])
    n = [p["calls"] for p in points]
    med = [p["median"] for p in points]
    fig, axes = plt.subplots(4, 1, figsize=(7.5, 10), sharex=True)
    machine = report["machine"]
    notes = [f"server loop {report['server_loop']}"]
    if report.get("pinned"):
        notes.append("pinned")
    fig.suptitle(
        f"voicertc echo calls: {machine['nproc']} x {machine['cpu_model']}, {', '.join(notes)}", fontsize=10
    )

    ax = axes[0]
    ax.plot(n, [m["server"]["cpu_percent_per_call"] for m in med], "o-", label="server")
    ax.plot(n, [m["client"]["cpu_percent_per_call"] for m in med], "s--", label="client (load)")
    ax.set_ylabel("CPU per call\n(% of one core)")
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=8)

    ax = axes[1]
    ax.plot(n, [m["server"]["cpu_percent"] for m in med], "o-", label="server total")
    ax.plot(n, [m["client"]["cpu_percent"] for m in med], "s--", label="client total")
    ax.plot(
        n, [m["machine_load"]["other_cpu_percent"] for m in med], "x:", color="grey", label="other processes"
    )
    ax.axhline(100, color="grey", lw=0.8, ls=":")
    ax.set_ylabel("CPU total\n(% of one core)")
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=8)

    ax = axes[2]
    ax.plot(n, [_num(m["pacing_server_ms"]["p99"]) for m in med], "o-", label="server pacing p99")
    ax.plot(n, [_num(m["jitter_client_ms"]["p99"]) for m in med], "s--", label="client inter-arrival p99")
    ax.axhline(PACING_LIMIT_S * 1000, color="red", lw=0.8, ls=":", label="10 ms limit")
    ax.set_yscale("log")
    ax.set_ylabel("ms")
    ax.legend(fontsize=8)

    ax = axes[3]
    ax.bar(n, [m["frames"]["missing"] / max(1, m["calls"]) for m in med], color="tab:red")
    ax.set_ylabel("missing frames\nper call (window)")
    ax.set_xlabel("concurrent calls (N)")
    best = report.get("largest_passing_calls")
    for a in axes:
        a.grid(alpha=0.3)
        if best is not None:
            a.axvline(best, color="green", lw=1, alpha=0.6)
    if best is not None:
        axes[0].annotate(f"largest passing N = {best}", (best, 0), textcoords="offset points", xytext=(4, 4))
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)


def _num(value: float | None) -> float:
    return float("nan") if value is None else float(value)
