"""The server under test, in its own process: start, health, /metrics, /proc, stop."""

from __future__ import annotations

import asyncio
import json
import socket
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import aiohttp

from . import procfs
from .procs import child_setup, clean_env, remove_quietly, stop_process
from .stats import parse_metrics

T = TypeVar("T")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerError(RuntimeError):
    pass


def _quietly(read: Callable[[], T]) -> T | None:
    """A /proc read of a process that may have just exited: None then."""
    try:
        return read()
    except (OSError, ValueError, IndexError):
        return None


class ServerProcess:
    """`voicertc serve --brain echo` on a free loopback port, as an async context manager."""

    def __init__(
        self,
        *,
        loop: str = "asyncio",
        cpus: set[int] | None = None,
        max_sessions: int = 1000,
        workers: int = 1,
        upstream_url: str | None = None,
    ) -> None:
        self.loop = loop
        self.upstream_url = upstream_url
        self.cpus = cpus
        self.workers = workers
        self.max_sessions = max_sessions
        self.port = 0
        self.proc: asyncio.subprocess.Process | None = None
        self._log = tempfile.NamedTemporaryFile(prefix="voicertc-bench-server-", suffix=".log", delete=False)
        self._http: aiohttp.ClientSession | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def realtime_url(self) -> str:
        """Its embedded Realtime endpoint, as another server's --upstream-url."""
        return f"ws://127.0.0.1:{self.port}/v1"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    async def __aenter__(self) -> ServerProcess:
        try:
            await self.start()
        except BaseException:
            await self.stop()
            raise
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    async def start(self, timeout_s: float = 30.0) -> None:
        self.port = free_port()
        command = [sys.executable, "-m", "voicertc.bench.serve", "--loop", self.loop, "serve"]
        command += ["--brain", "echo", "--host", "127.0.0.1", "--port", str(self.port)]
        command += ["--ice-host", "127.0.0.1", "--max-sessions", str(self.max_sessions)]
        # Every load call comes from 127.0.0.1: the per-address rate limit would refuse most.
        command += ["--log-level", "warning", "--rate-limit", "0"]
        if self.workers > 1:
            command += ["--workers", str(self.workers)]
        if self.upstream_url:
            command += ["--upstream-url", self.upstream_url]
        self.proc = await asyncio.create_subprocess_exec(
            *command,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
            env=clean_env(),
            preexec_fn=child_setup(self.cpus),
        )
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.returncode is not None:
                raise ServerError(f"the server exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                await self.healthz()
                if await self._all_workers_up():
                    self._check_loop()
                    return
            except (aiohttp.ClientError, asyncio.TimeoutError):
                pass
            await asyncio.sleep(0.1)
        raise ServerError(f"the server was not healthy within {timeout_s} s:\n{self.log_tail()}")

    async def _all_workers_up(self) -> bool:
        if self.workers == 1:
            return True
        # An aggregated scrape labels each worker that answered it.
        text = await self._get_text("/metrics")
        return all(f'voicertc_sessions{{worker="{i}"}}' in text for i in range(self.workers))

    def _check_loop(self) -> None:
        """The loop the server really runs, from memory maps: results must not be mislabelled."""
        pids = procfs.tree(self.pid)
        if self.workers > 1:
            pids = pids[1:]  # the supervisor runs no event loop of note
        on_uvloop = sum(
            1 for pid in pids if _quietly(lambda pid=pid: procfs.maps_library(pid, "uvloop/loop."))
        )
        expected = self.workers if self.loop == "uvloop" else 0
        if on_uvloop != expected:
            raise ServerError(
                f"asked for the {self.loop} event loop, but {on_uvloop} of the server's processes run uvloop"
            )

    async def _get_text(self, path: str) -> str:
        assert self._http is not None
        async with self._http.get(f"{self.url}{path}") as response:
            response.raise_for_status()
            return await response.text()

    async def healthz(self) -> dict[str, Any]:
        return dict(json.loads(await self._get_text("/healthz")))

    async def metrics(self) -> dict[str, float]:
        return parse_metrics(await self._get_text("/metrics"))

    async def wait_sessions(self, count: int, timeout_s: float = 15.0) -> bool:
        """Waits until the server (every worker) holds `count` sessions; False on timeout."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if (await self.metrics()).get("voicertc_sessions") == count:
                return True
            await asyncio.sleep(0.1)
        return False

    def cpu_seconds(self) -> float:
        """CPU time of the server's whole process tree (workers, speech pool) so far."""
        return sum(_quietly(lambda pid=pid: procfs.cpu_seconds(pid)) or 0.0 for pid in procfs.tree(self.pid))

    def status(self) -> dict[str, int]:
        """VmRSS, VmHWM and Threads summed over the server's process tree."""
        total: dict[str, int] = {}
        for pid in procfs.tree(self.pid):
            for key, value in (_quietly(lambda pid=pid: procfs.status(pid)) or {}).items():
                total[key] = total.get(key, 0) + value
        return total

    def log_tail(self, lines: int = 30) -> str:
        text = Path(self._log.name).read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    async def stop(self) -> None:
        if self._http is not None:
            await self._http.close()
            self._http = None
        if self.proc is not None:
            await stop_process(self.proc)
        self._log.close()
        remove_quietly(self._log.name)
