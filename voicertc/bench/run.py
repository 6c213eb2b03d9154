"""One measured point: a fresh server, N calls from load processes, one window of S seconds."""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import procfs, profile
from .point import MIB, PointConfig, summarise
from .procs import child_setup, clean_env, remove_quietly, stop_process
from .server import ServerProcess

_LINE_LIMIT = 64 * MIB  # a result line holds every inter-arrival time


class LoadWorker:
    """One `voicertc.bench.load` process and its JSON-lines conversation."""

    def __init__(self, url: str, calls: int, config: PointConfig, seed: int, cpus: set[int] | None) -> None:
        self.url, self.calls, self.config, self.seed, self.cpus = url, calls, config, seed, cpus
        self.proc: asyncio.subprocess.Process | None = None
        self._log = tempfile.NamedTemporaryFile(prefix="voicertc-bench-load-", suffix=".log", delete=False)

    async def start(self) -> None:
        c = self.config
        deadline = 120 + 3 * c.calls + c.warmup_s + c.seconds
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "voicertc.bench.load",
            "--url",
            self.url,
            "--calls",
            str(self.calls),
            "--period",
            str(c.period_s),
            "--syllables",
            str(c.syllables),
            "--dbfs",
            str(c.dbfs),
            "--seed",
            str(self.seed),
            "--deadline",
            str(deadline),
            *(["--full-client"] if c.full_client else []),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=self._log,
            env=clean_env(),
            limit=_LINE_LIMIT,
            preexec_fn=child_setup(self.cpus),
        )

    async def _read(self, kind: str, timeout_s: float) -> dict[str, Any]:
        assert self.proc is not None and self.proc.stdout is not None
        while True:
            line = await asyncio.wait_for(self.proc.stdout.readline(), timeout_s)
            if not line:
                raise RuntimeError(f"load process exited before '{kind}':\n{self.log_tail()}")
            message = json.loads(line)
            if message.get("type") == kind:
                return dict(message)

    async def ready(self, timeout_s: float) -> dict[str, Any]:
        return await self._read("ready", timeout_s)

    async def finish(self, window: tuple[float, float], timeout_s: float = 60.0) -> dict[str, Any]:
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.write((json.dumps({"type": "stop", "window": list(window)}) + "\n").encode())
        await self.proc.stdin.drain()
        return await self._read("result", timeout_s)

    def cpu_seconds(self) -> float:
        assert self.proc is not None
        return procfs.cpu_seconds(self.proc.pid)

    def log_tail(self, lines: int = 20) -> str:
        return "\n".join(Path(self._log.name).read_text(errors="replace").splitlines()[-lines:])

    async def close(self) -> None:
        if self.proc is not None:
            if self.proc.stdin is not None and not self.proc.stdin.is_closing():
                self.proc.stdin.close()
            # Closing stdin lets it hang up by itself; signals only if it does not.
            try:
                await asyncio.wait_for(self.proc.wait(), 15)
            except asyncio.TimeoutError:
                await stop_process(self.proc)
        self._log.close()
        remove_quietly(self._log.name)


def pinning(pin: bool) -> tuple[set[int] | None, set[int] | None]:
    """The server on the first allowed CPU, the load on the others (None: no pinning)."""
    allowed = sorted(os.sched_getaffinity(0))
    if not pin or len(allowed) < 2:
        return None, None
    return {allowed[0]}, set(allowed[1:])


def _split(calls: int, workers: int) -> list[int]:
    base, extra = divmod(calls, workers)
    return [base + (1 if i < extra else 0) for i in range(workers)]


async def _with_workers(
    url: str, config: PointConfig, calls: int, cpus: set[int] | None, seed: int
) -> list[LoadWorker]:
    workers = [
        LoadWorker(url, n, config, seed * 1000 + i, cpus)
        for i, n in enumerate(_split(calls, max(1, math.ceil(calls / config.calls_per_worker))))
    ]
    try:
        for worker in workers:
            await worker.start()
    except BaseException:
        await _close_all(workers)
        raise
    return workers


async def _close_all(workers: list[LoadWorker]) -> None:
    await asyncio.gather(*(w.close() for w in workers), return_exceptions=True)


async def _warm_up(server: ServerProcess, config: PointConfig) -> None:
    """One short call first, so lazy imports and the VAD model do not count as per-call memory.

    Made from this process: it only has to happen, not be measured, and a load process
    would cost seconds of start-up.
    """
    from ..client import CallClient
    from ..patches import use_host_addresses

    use_host_addresses(["127.0.0.1"])
    client = CallClient(server.url)
    try:
        await client.connect(timeout=30)
        await client.wait_type("state", state="listening", timeout=30)
        client.say(config.utterance().pcm16)
        await asyncio.sleep(config.warmup_s)
    finally:
        await client.hang_up()
    await server.wait_sessions(0)


async def run_point(config: PointConfig) -> dict[str, Any]:
    """Measures one point; every process it starts is gone when it returns or raises."""
    server_cpus, client_cpus = pinning(config.pin)
    began = time.monotonic()

    def phase(what: str) -> None:
        if config.verbose:
            print(f"    +{time.monotonic() - began:5.1f} s  {what}", file=sys.stderr, flush=True)

    async with contextlib.AsyncExitStack() as stack:
        upstream: ServerProcess | None = None
        if config.upstream_process:
            upstream = await stack.enter_async_context(ServerProcess(loop=config.loop, cpus=client_cpus))
            phase("upstream server healthy")
        server = await stack.enter_async_context(
            ServerProcess(
                loop=config.loop,
                cpus=server_cpus,
                workers=config.server_workers,
                upstream_url=upstream.realtime_url if upstream else None,
            )
        )
        phase("server healthy")
        if config.warm_call:
            await _warm_up(server, config)
            phase("warm-up call done")
        await asyncio.sleep(0.5)
        rss_idle = server.status()["VmRSS"]
        m_start = await server.metrics()
        workers = await _with_workers(server.url, config, config.calls, client_cpus, config.seed)
        profiling: asyncio.Task[dict[str, Any]] | None = None
        try:
            readies = await asyncio.gather(*(w.ready(60 + 3 * config.calls) for w in workers))
            phase(f"{config.calls} call(s) connected")
            live = sum(r["calls"] for r in readies)
            failures = [f for r in readies for f in r["failures"]]
            await asyncio.sleep(config.warmup_s)
            cpu0, cpu0_at = server.cpu_seconds(), time.monotonic()
            client0 = sum(w.cpu_seconds() for w in workers)
            upstream0 = upstream.cpu_seconds() if upstream else 0.0
            busy0 = procfs.busy_seconds()
            m0 = await server.metrics()
            t0 = time.monotonic()
            profiling = (
                asyncio.create_task(profile.record(server.pid, config.seconds)) if config.profile else None
            )
            rss_samples: list[int] = []
            threads = 0
            while time.monotonic() < t0 + config.seconds:
                await asyncio.sleep(min(1.0, max(0.0, t0 + config.seconds - time.monotonic())))
                status = server.status()
                rss_samples.append(status["VmRSS"])
                threads = max(threads, status["Threads"])
            t1 = time.monotonic()
            m1 = await server.metrics()
            cpu1, cpu1_at = server.cpu_seconds(), time.monotonic()
            client1 = sum(w.cpu_seconds() for w in workers)
            upstream1 = upstream.cpu_seconds() if upstream else 0.0
            busy1 = procfs.busy_seconds()
            load = procfs.loadavg()[0]
            phase("window over")
            profiled = await profiling if profiling is not None else None
            results = await asyncio.gather(*(w.finish((t0, t1)) for w in workers))
            phase("results in")
        finally:
            if profiling is not None and not profiling.done():
                profiling.cancel()
                await asyncio.gather(profiling, return_exceptions=True)
            await _close_all(workers)
        drained = await server.wait_sessions(0, 20)
        phase("calls hung up")
        m_end = await server.metrics()
        server_log = server.log_tail(200)
    phase("server stopped")
    window = t1 - t0
    calls = [call for result in results for call in result["calls"]]
    return summarise(
        config=config,
        live=live,
        failures=failures,
        window=window,
        server_cpu=(cpu1 - cpu0) / (cpu1_at - cpu0_at),
        client_cpu=(client1 - client0) / (cpu1_at - cpu0_at),
        upstream_cpu=(upstream1 - upstream0) / (cpu1_at - cpu0_at) if config.upstream_process else None,
        other_cpu=((busy1 - busy0) - (cpu1 - cpu0) - (client1 - client0) - (upstream1 - upstream0))
        / (cpu1_at - cpu0_at),
        loadavg=load,
        rss_idle=rss_idle,
        rss=int(statistics.median(rss_samples)) if rss_samples else rss_idle,
        threads=threads,
        metrics=(m_start, m0, m1, m_end),
        calls=calls,
        drained=drained,
        server_log=server_log,
        profiled=profiled,
    )
