"""Python's cycle collector in a served process: start-up objects frozen, every run timed.

A collection stops the event loop every call shares, so its pauses are pacing stalls for
all calls at once; `voicertc_gc_pause_seconds` shows them (the capacity benchmark reports
them beside its pacing figures).
"""

from __future__ import annotations

import gc
import time
from typing import Any

from ..metrics import METRICS


def freeze_startup_objects() -> None:
    """Moves every object alive now (modules, models, the app) out of the collector's
    reach. A full collection otherwise scans them all, ~150k objects, 0.1-0.9 s here, on
    the event loop every call shares: an audible gap for everyone. With them frozen it
    scans what calls made since, so it also runs often enough that the garbage calls
    leave in reference cycles (aiortc's peer connections, ~1.5 MB of native memory each)
    is freed every few calls instead of piling up for a hundred (300 MiB peaks that glibc
    then cannot give back)."""
    gc.collect()
    gc.freeze()


_started: list[float] = []


def _time_collection(phase: str, info: dict[str, Any]) -> None:
    if phase == "start":
        _started.append(time.perf_counter())
    elif _started:
        METRICS.gc_pause.observe(time.perf_counter() - _started.pop())


def time_collections() -> None:
    """Observes every collection's duration into `METRICS.gc_pause` (idempotent)."""
    if _time_collection not in gc.callbacks:
        gc.callbacks.append(_time_collection)
