"""What each per-part benchmark here does around its figures: the machine's load average
before and after them, and the report printed and, with `--json`, kept."""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import Callable, Coroutine
from typing import Any

import numpy as np


def loadavg() -> list[float]:
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


def summary(times: list[float]) -> dict[str, float]:
    """Microsecond timings of equal rounds: the best round and the median round."""
    return {"best_us": round(min(times), 2), "median_us": round(float(np.median(times)), 2)}


def publish(report: dict[str, Any], path: str | None) -> None:
    """Adds the load average after the run to `report` (which holds the one before), prints
    it and writes it to `path` if given."""
    report["loadavg_after"] = loadavg()
    text = json.dumps(report, indent=1)
    print(text)
    if path:
        with open(path, "w") as f:
            f.write(text + "\n")


def run(description: str, what: str, measure: Callable[[], Coroutine[Any, Any, dict[str, Any]]]) -> None:
    """A script's `main`: `--json PATH`, then `measure()`'s figures beside what they are."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()
    report: dict[str, Any] = {"loadavg_before": loadavg(), "what": what}
    report.update(asyncio.run(measure()))
    publish(report, args.json)
