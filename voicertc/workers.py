"""`voicertc serve --workers N`: the supervisor, above the server. N processes share
the port, each owning its calls.

The kernel spreads new connections over the workers (SO_REUSEPORT); how a request about
a call reaches the worker that owns it is `routing.py`'s.
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

from aiohttp import web

from .assistant.speechpool import SpeechPool
from .config import ServerConfig
from .routing import WorkerInfo

logger = logging.getLogger(__name__)

_STOP_GRACE_S = 10.0


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
        # Any other child left (a pool replaced after a crash, one still starting) would
        # hold the worker the same way.
        for child in multiprocessing.active_children():
            child.terminate()


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
