"""The server under test, in its own process: start, health, /metrics, /proc, stop."""

from __future__ import annotations

import asyncio
import socket
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import aiohttp

from . import procfs
from .procs import child_setup, clean_env, remove_quietly, stop_process
from .stats import parse_metrics


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerError(RuntimeError):
    pass


class ServerProcess:
    """`voicertc serve --brain echo` on a free loopback port, as an async context manager."""

    def __init__(
        self, *, loop: str = "asyncio", cpus: set[int] | None = None, max_sessions: int = 1000
    ) -> None:
        self.loop = loop
        self.cpus = cpus
        self.max_sessions = max_sessions
        self.port = 0
        self.proc: asyncio.subprocess.Process | None = None
        self._log = tempfile.NamedTemporaryFile(prefix="voicertc-bench-server-", suffix=".log", delete=False)
        self._http: aiohttp.ClientSession | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

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
        command += ["--log-level", "warning"]
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
                self._check_loop()
                return
            except (aiohttp.ClientError, asyncio.TimeoutError):
                await asyncio.sleep(0.1)
        raise ServerError(f"the server was not healthy within {timeout_s} s:\n{self.log_tail()}")

    def _check_loop(self) -> None:
        """The loop the server really runs, from its memory map: results must not be mislabelled."""
        running = "uvloop" if procfs.maps_library(self.pid, "uvloop/loop.") else "asyncio"
        if running != self.loop:
            raise ServerError(f"asked for the {self.loop} event loop, but the server runs {running}")

    async def healthz(self) -> dict[str, Any]:
        assert self._http is not None
        async with self._http.get(f"{self.url}/healthz") as response:
            response.raise_for_status()
            return dict(await response.json())

    async def metrics(self) -> dict[str, float]:
        assert self._http is not None
        async with self._http.get(f"{self.url}/metrics") as response:
            response.raise_for_status()
            return parse_metrics(await response.text())

    async def wait_sessions(self, count: int, timeout_s: float = 15.0) -> bool:
        """Waits until the server holds `count` sessions; False on timeout."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if (await self.healthz())["sessions"] == count:
                return True
            await asyncio.sleep(0.1)
        return False

    def cpu_seconds(self) -> float:
        return procfs.cpu_seconds(self.pid)

    def status(self) -> dict[str, int]:
        return procfs.status(self.pid)

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
