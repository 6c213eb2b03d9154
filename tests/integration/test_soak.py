"""Soak: many sequential calls leave no tasks, sockets, file descriptors or memory behind."""

from __future__ import annotations

import asyncio
import ctypes
import gc
import logging
import os

from voicertc.client import CallClient
from voicertc.ops.collector import freeze_startup_objects

CALLS = 200
# Allocator arenas and per-process caches (VAD models, codecs) settle over the first calls.
WARMUP = 50


def _fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def _rss_mb() -> float:
    # Give freed heap back to the OS first, so RSS tracks live memory rather than the
    # high-water mark a busy moment left in glibc's arenas.
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


async def _one_call(server) -> None:
    client = CallClient(server.url)
    try:
        await client.connect()
        await client.wait_type("session", timeout=10)
    finally:
        await client.hang_up()


async def _settled(server) -> tuple[int, int, float]:
    assert server.server.sessions == {}
    await asyncio.wait_for(server.server.endpoint.idle.wait(), 10)
    gc.collect()
    return len(asyncio.all_tasks()), _fds(), _rss_mb()


async def test_200_sequential_calls_leak_nothing(server, caplog) -> None:
    # pytest keeps every captured log record in memory; that is the harness, not the server.
    caplog.set_level(logging.WARNING)
    # As `voicertc serve` does once started: without it the garbage of a hundred calls
    # piles up between full collections and the peaks it leaves fragment the heap.
    freeze_startup_objects()
    try:
        for _ in range(WARMUP):
            await _one_call(server)
        tasks0, fds0, rss0 = await _settled(server)
        for _ in range(CALLS):
            await _one_call(server)
        tasks1, fds1, rss1 = await _settled(server)
    finally:
        gc.unfreeze()
    print(f"tasks {tasks0}->{tasks1} fds {fds0}->{fds1} rss {rss0:.1f}->{rss1:.1f} MB")
    assert tasks1 <= tasks0 + 2
    assert fds1 <= fds0 + 4
    assert rss1 - rss0 < 20.0
