"""lifecycle.serve: what a served process does once its app is built."""

from __future__ import annotations

import gc
from types import SimpleNamespace

from aiohttp import web

from voicertc.drain import Drain
from voicertc.lifecycle import serve
from voicertc.metrics import METRICS
from voicertc.ops import collector
from voicertc.ops.collector import time_collections


async def test_serving_freezes_what_start_up_made_so_full_collections_stay_short() -> None:
    gc.unfreeze()
    made_at_start_up = object.__new__(type("StartUpObject", (), {}))
    frozen_when_sites_start: list[int] = []
    drain = Drain(0)

    async def start_sites(runner: web.AppRunner) -> None:
        frozen_when_sites_start.append(gc.get_freeze_count())
        # Ends serve(): a drain with nothing to wait for is finished at once.
        drain.finished.set()

    try:
        await serve(web.Application(), SimpleNamespace(drain=drain, begin_drain=lambda: None), start_sites)
        assert frozen_when_sites_start and frozen_when_sites_start[0] > 0
        assert gc.is_tracked(made_at_start_up)
        # A frozen object is in no generation: a full collection no longer visits it.
        assert not any(o is made_at_start_up for o in gc.get_objects())
    finally:
        gc.unfreeze()


async def test_serving_times_every_collection_into_the_gc_pause_histogram() -> None:
    drain = Drain(0)

    async def start_sites(runner: web.AppRunner) -> None:
        drain.finished.set()

    try:
        await serve(web.Application(), SimpleNamespace(drain=drain, begin_drain=lambda: None), start_sites)
        before = METRICS.gc_pause.count
        gc.collect()
        gc.collect(0)
        assert METRICS.gc_pause.count == before + 2
        assert METRICS.gc_pause.sum > 0
        time_collections()  # again: still one callback
        assert sum(1 for cb in gc.callbacks if cb is collector._time_collection) == 1
    finally:
        gc.unfreeze()
