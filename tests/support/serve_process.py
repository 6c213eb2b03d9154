"""`voicertc serve` as a child process: started, waited for, its output kept, stopped."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class ServeProcess:
    url: str
    process: asyncio.subprocess.Process
    lines: list[bytes] = field(default_factory=list)

    def output(self) -> str:
        return b"".join(self.lines).decode(errors="replace")


@contextlib.asynccontextmanager
async def serve_process(
    command: Sequence[str],
    *,
    port: int,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    ready_timeout: float = 90.0,
) -> AsyncIterator[ServeProcess]:
    """Run `command` (ending in `serve`) on `port`; yields once it says it listens.

    The child gets `env` as its whole environment (os.environ when None), plus the port.
    On the way out it gets SIGTERM and must exit 0 within 20 s.
    """
    environment = {**(os.environ if env is None else env), "VOICERTC_PORT": str(port)}
    process = await asyncio.create_subprocess_exec(
        *command, env=environment, cwd=cwd, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    assert process.stdout is not None
    served = ServeProcess(f"http://127.0.0.1:{port}", process)
    ready = asyncio.Event()

    async def read_output() -> None:
        # Always drained: an unread pipe would block the server's logging.
        async for line in process.stdout:  # type: ignore[union-attr]
            served.lines.append(line)
            if b"voicertc on http" in line:
                ready.set()

    reader = asyncio.create_task(read_output())
    exited = asyncio.create_task(process.wait())
    try:
        waiting = asyncio.create_task(ready.wait())
        await asyncio.wait({waiting, exited}, timeout=ready_timeout, return_when=asyncio.FIRST_COMPLETED)
        waiting.cancel()
        if not ready.is_set():
            raise AssertionError(f"voicertc serve did not start:\n{served.output()}")
        yield served
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(asyncio.shield(exited), 20) == 0, served.output()
    finally:
        if process.returncode is None:
            process.kill()
        await exited
        await asyncio.wait_for(reader, 10)
