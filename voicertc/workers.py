"""`voicertc serve --workers N`: N processes share the port, each owning its calls.

The kernel spreads new connections over the workers (SO_REUSEPORT). A call lives in the
worker that answered its offer, and its id says which (`w2.xxxx`); a request about a call
that reaches another worker (hang-up, WHIP PATCH/DELETE) is forwarded to the owner over
a Unix socket private to this server.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import aiohttp
from aiohttp import web

from .assistant.speechpool import SpeechPool
from .config import ServerConfig
from .metrics import merge_workers

logger = logging.getLogger(__name__)

FORWARDED = "X-Voicertc-Forwarded"
_STOP_GRACE_S = 10.0
# Framing of the hop to this worker, not of the request: the client sets its own.
_HOP_HEADERS = ("content-length", "transfer-encoding", "connection", "keep-alive")
_PASSED_HEADERS = ("Content-Type", "Location", "ETag", "Retry-After", "Allow", "WWW-Authenticate")


@dataclass(frozen=True)
class WorkerInfo:
    index: int
    count: int
    socket_dir: str

    def socket_path(self, index: int) -> str:
        return str(Path(self.socket_dir) / f"worker-{index}.sock")

    def client(self, index: int, timeout: float | None = None) -> aiohttp.ClientSession:
        """An HTTP client to worker `index` over its private socket (URLs: http://worker/...);
        `timeout` in seconds for each whole request, aiohttp's default without it."""
        connector = aiohttp.UnixConnector(path=self.socket_path(index))
        if timeout is None:
            return aiohttp.ClientSession(connector=connector)
        return aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=timeout))

    def session_prefix(self) -> str:
        return f"w{self.index}."

    def owner_of(self, session_id: str) -> int | None:
        """The worker index a session id names, or None when it names none."""
        head, dot, _ = session_id.partition(".")
        if not dot or not head.startswith("w") or not head[1:].isdigit():
            return None
        index = int(head[1:])
        return index if index < self.count else None


async def forward(request: web.Request, body: bytes, info: WorkerInfo, owner: int) -> web.Response:
    """Replays `request` (whose whole `body` the caller has read) on the owning worker and
    returns its answer."""
    if request.headers.get(FORWARDED):
        return web.json_response(
            {"error": {"code": "not_found", "message": "No such session; it may have ended already."}},
            status=404,
        )
    # Host goes along: the owner checks the request's Origin against it, as this worker did.
    headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP_HEADERS}
    headers[FORWARDED] = "1"
    if request.remote:
        earlier = request.headers.get("X-Forwarded-For")
        headers["X-Forwarded-For"] = f"{earlier}, {request.remote}" if earlier else request.remote
    try:
        async with info.client(owner) as http:
            async with http.request(
                request.method, f"http://worker{request.rel_url}", data=body, headers=headers
            ) as response:
                payload = await response.read()
                passed = {k: v for k, v in response.headers.items() if k in _PASSED_HEADERS}
                return web.Response(status=response.status, body=payload, headers=passed)
    except aiohttp.ClientError:
        return web.json_response(
            {"error": {"code": "not_found", "message": "The worker that held this session is gone."}},
            status=404,
        )


async def gather_metrics(info: WorkerInfo, own: str) -> str:
    """Every worker's `/metrics` in one text, labelled by worker; one that fails to answer
    within a second is left out rather than holding up the scrape."""
    texts = {info.index: own}

    async def fetch(index: int) -> None:
        try:
            async with info.client(index, timeout=1.0) as http:
                async with http.get("http://worker/metrics", headers={FORWARDED: "1"}) as response:
                    if response.status == 200:
                        texts[index] = await response.text()
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            logger.warning("worker %d did not give its metrics: %s", index, exc)

    await asyncio.gather(*(fetch(i) for i in range(info.count) if i != info.index))
    return merge_workers(texts)


def _run_worker(config: ServerConfig, info: WorkerInfo, log_level: str, log_format: str, loop: str) -> None:
    from .lifecycle import serve
    from .logs import configure_logging, use_event_loop
    from .server import SERVER_KEY, WORKER_KEY, create_app

    # Its own process group: the supervisor can then stop the worker with all its children.
    os.setpgid(0, 0)

    configure_logging(log_level, log_format)
    use_event_loop(loop)
    app = create_app(config)
    app[WORKER_KEY] = info

    async def start_sites(runner: web.AppRunner) -> None:
        await web.TCPSite(runner, config.host, config.port, reuse_port=True).start()
        await web.UnixSite(runner, info.socket_path(info.index)).start()
        logger.info("worker %d of %d listening", info.index, info.count)

    try:
        asyncio.run(serve(app, app[SERVER_KEY].service, start_sites))
    finally:
        # A multiprocessing child skips atexit handlers and then joins its own children:
        # the recognition pool must be told to stop, or the worker never exits.
        SpeechPool.shared().close()


def _signal_all(processes: list[multiprocessing.process.BaseProcess], signum: int) -> None:
    for process in processes:
        if process.pid is not None and process.exitcode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signum)


def run_workers(config: ServerConfig, count: int, log_level: str, log_format: str, loop: str) -> int:
    """Starts `count` workers and waits; SIGTERM/SIGINT stop them all gracefully."""
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="voicertc-") as socket_dir:
        os.chmod(socket_dir, 0o700)
        processes = [
            context.Process(
                target=_run_worker,
                args=(config, WorkerInfo(i, count, socket_dir), log_level, log_format, loop),
                name=f"voicertc-worker-{i}",
            )
            for i in range(count)
        ]
        for process in processes:
            process.start()

        received: list[int] = []

        def on_signal(signum: int, _frame: object) -> None:
            received.append(signum)

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        logging.getLogger("voicertc").info(
            "voicertc on http://%s:%d with %d workers", config.host, config.port, count
        )
        # Each SIGTERM goes on to every worker: the first drains them, a second stops them.
        # A worker that ends on its own (a crash) stops the others at once.
        sentinels = [p.sentinel for p in processes]
        passed_on = 0
        kill_at: float | None = None
        while any(p.exitcode is None for p in processes):
            multiprocessing.connection.wait(sentinels, timeout=0.5)
            crashed = not received and any(p.exitcode is not None for p in processes)
            if crashed:
                received.append(signal.SIGINT)
            for signum in received[passed_on:]:
                _signal_all(processes, signum)
                drain = config.drain_seconds if signum == signal.SIGTERM and passed_on == 0 else 0.0
                if kill_at is None or drain == 0:
                    kill_at = time.monotonic() + drain + _STOP_GRACE_S
                passed_on += 1
            if kill_at is not None and time.monotonic() > kill_at:
                break
        for process in processes:
            if process.exitcode is None and process.pid is not None:
                logger.warning("worker %s did not stop in time; killing it", process.name)
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.join()
        failed = [p.exitcode for p in processes if p.exitcode not in (0, -signal.SIGTERM, -signal.SIGKILL)]
        return 1 if failed else 0
