"""A real coturn (`turnserver`) on 127.0.0.1 for the TURN tests, its log kept in memory.

Started by the production script `turn/start` with the production `turn/turnserver.conf`
(TURN REST API shared secret), plus `--allow-loopback-peers`, as both ends of every
test call are on loopback, and `--verbose`, which logs each allocation and its user.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

START = Path(__file__).resolve().parents[2] / "turn" / "start"
REALM = "voicertc.test"
SECRET = "test-shared-secret-0123456789"
RELAY_PORTS = (50000, 50999)


def free_port() -> int:
    """A port free for both UDP and TCP on 127.0.0.1 (coturn listens on both)."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.bind(("127.0.0.1", 0))
            port = udp.getsockname()[1]
            if RELAY_PORTS[0] <= port <= RELAY_PORTS[1]:
                continue
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
                try:
                    tcp.bind(("127.0.0.1", port))
                except OSError:
                    continue
            return port


@dataclass
class Coturn:
    port: int
    secret: str
    process: asyncio.subprocess.Process
    lines: list[str] = field(default_factory=list)
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    @property
    def url(self) -> str:
        return f"turn:127.0.0.1:{self.port}"

    async def wait_for_line(self, predicate: Callable[[str], bool], timeout: float = 10.0) -> str:
        """The first log line matching `predicate`, waiting for it if needed."""

        def found() -> str | None:
            return next((line for line in self.lines if predicate(line)), None)

        async def wait() -> str:
            async with self._changed:
                await self._changed.wait_for(lambda: found() is not None or self.exited)
            line = found()
            if line is None:
                raise AssertionError("coturn exited:\n" + "\n".join(self.lines[-30:]))
            return line

        try:
            return await asyncio.wait_for(wait(), timeout)
        except asyncio.TimeoutError:
            tail = "\n".join(self.lines[-30:])
            raise AssertionError(f"coturn logged no matching line in {timeout} s:\n{tail}") from None

    @property
    def exited(self) -> bool:
        return self.process.returncode is not None

    def allocations(self) -> list[str]:
        """Usernames of the successful allocations so far."""
        pattern = re.compile(r"user <([^>]*)>: incoming packet ALLOCATE processed, success")
        return [m[1] for line in self.lines if (m := pattern.search(line))]

    async def _read(self) -> None:
        assert self.process.stdout is not None
        while True:
            raw = await self.process.stdout.readline()
            if not raw:
                await self.process.wait()
                async with self._changed:
                    self._changed.notify_all()
                return
            async with self._changed:
                self.lines.append(raw.decode(errors="replace").rstrip())
                self._changed.notify_all()

    async def stop(self) -> None:
        if self.process.returncode is None:
            self.process.terminate()
            try:
                await asyncio.wait_for(self.process.wait(), 5)
            except asyncio.TimeoutError:
                self.process.kill()
                await self.process.wait()


@asynccontextmanager
async def running_coturn(directory: Path, secret: str = SECRET) -> AsyncIterator[Coturn]:
    if shutil.which("turnserver") is None:
        raise RuntimeError(
            "coturn (turnserver) is not installed; run the README's test command (it installs it)"
        )
    port = free_port()
    env = {
        **os.environ,
        "TURN_SECRET": secret,
        "TURN_REALM": REALM,
        "TURN_PORT": str(port),
        "TURN_LISTENING_IP": "127.0.0.1",
        "TURN_RELAY_IP": "127.0.0.1",
        "TURN_MIN_PORT": str(RELAY_PORTS[0]),
        "TURN_MAX_PORT": str(RELAY_PORTS[1]),
        "TURN_RUN_DIR": str(directory),
    }
    process = await asyncio.create_subprocess_exec(
        str(START),
        "--allow-loopback-peers",
        "--verbose",
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    server = Coturn(port, secret, process)
    reader = asyncio.create_task(server._read())
    try:
        await server.wait_for_line(
            lambda line: re.search(rf"UDP listener opened on: ?127\.0\.0\.1:{port}\b", line) is not None
        )
        yield server
    finally:
        await server.stop()
        reader.cancel()
        with suppress(asyncio.CancelledError):
            await reader
