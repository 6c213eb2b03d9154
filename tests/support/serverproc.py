"""A `voicertc serve` process for tests: started with its flags (optionally inside a
network namespace), its log kept, waited on by lines and by /readyz, stopped on exit."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import aiohttp

from voicertc.bench.utterance import make_syllables
from voicertc.client import CallClient
from voicertc.edge.ice import IceSettings
from voicertc.patches import install as configure_process

from .serve_process import free_port

#: What the tests' callers say for the echo brain to play back: two syllables, which the
#: endpoint's VAD hears wherever its windows fall (a lone vowel it misses at 1 onset in 11).
ANSWER = make_syllables()


@dataclass
class ServerProcess:
    url: str
    process: asyncio.subprocess.Process
    lines: list[str] = field(default_factory=list)
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    _reader: asyncio.Task[None] | None = None

    @classmethod
    async def start(
        cls, url: str, args: Sequence[str], prefix: Sequence[str] = (), env: dict[str, str] | None = None
    ) -> ServerProcess:
        environ = {**os.environ, "VOICERTC_RATE_LIMIT": "0", **(env or {})}
        environ.pop("OPENAI_API_KEY", None)
        process = await asyncio.create_subprocess_exec(
            *prefix, sys.executable, "-m", "voicertc", "serve", *args,
            env=environ, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        server = cls(url, process)
        server._reader = asyncio.create_task(server._read())
        return server

    async def _read(self) -> None:
        assert self.process.stdout is not None
        async for raw in self.process.stdout:
            async with self._changed:
                self.lines.append(raw.decode(errors="replace").rstrip())
                self._changed.notify_all()

    async def wait_line(self, predicate: Callable[[str], bool], timeout: float = 30.0) -> str:
        async def find() -> str:
            async with self._changed:
                checked = 0
                while True:
                    for line in self.lines[checked:]:
                        if predicate(line):
                            return line
                    checked = len(self.lines)
                    await self._changed.wait()

        try:
            return await asyncio.wait_for(find(), timeout)
        except asyncio.TimeoutError:
            raise AssertionError(
                f"no such line within {timeout} s; log:\n" + "\n".join(self.lines[-30:])
            ) from None

    async def ready(self, timeout: float = 60.0) -> None:
        """Waits for the log line saying the sockets are bound, then checks /readyz."""
        await self.wait_line(lambda line: "voicertc on http" in line or "listening" in line, timeout)
        status, body = await get_json(f"{self.url}/readyz")
        assert status == 200 and body["status"] == "ready", body

    async def exited(self, timeout: float) -> int:
        return await asyncio.wait_for(self.process.wait(), timeout)

    async def stop(self) -> None:
        # The whole process group: a child left holding the pipe would keep wait() waiting.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        await self.process.wait()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)


async def get_json(url: str, method: str = "GET", **kwargs: object) -> tuple[int, dict]:
    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(timeout=timeout) as http:
        async with http.request(method, url, **kwargs) as response:  # type: ignore[arg-type]
            return response.status, await response.json(content_type=None)


async def answered(client: CallClient, tries: int = 4, wait: float = 5.0) -> None:
    """Says ANSWER until the echo brain plays it back, up to `tries` times.

    More than once because the first words of a call can fall while the embedded
    endpoint replaces its detector for the call's session.update (a call a second later
    is heard); what is asserted is that the call answers at all."""
    await client.wait_type("state", state="listening", timeout=20)  # the upstream is there
    for attempt in range(tries):
        since = len(client.received)
        client.say(ANSWER.pcm16)
        try:
            await client.wait_loud(5, since_frame=since, timeout=wait)
            return
        except AssertionError:
            if attempt == tries - 1:
                raise


class EchoHosts:
    """`voicertc serve --brain echo` processes on loopback with an `--auth-token`, and the
    callers a test makes of them (kept in `clients`); `close()` hangs up and stops all."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.servers: list[ServerProcess] = []
        self.clients: list[CallClient] = []
        # The callers' side, in the test's process: loopback candidates.
        configure_process(IceSettings(hosts=["127.0.0.1"]))

    async def start(
        self, *flags: str, port: int | None = None, env: dict[str, str] | None = None
    ) -> ServerProcess:
        """One more server on `port` (a free one by default), not yet waited for."""
        port = port or free_port()
        args = ["--port", str(port), "--brain", "echo", "--ice-host", "127.0.0.1", "--auth-token", self.token]
        server = await ServerProcess.start(f"http://127.0.0.1:{port}", [*args, *flags], env=env)
        self.servers.append(server)
        return server

    async def close(self) -> None:
        for client in self.clients:
            await client.close()
        for server in self.servers:
            await server.stop()
