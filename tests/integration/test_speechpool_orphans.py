"""A server killed outright does not leave its speech worker processes behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SERVER = """
import asyncio, sys
from voicertc.assistant.speechpool import SpeechPool
async def main():
    pool = SpeechPool()
    await pool.warm_up()
    print(*[p.pid for p in pool._executor._processes.values()], flush=True)
    await asyncio.sleep(3600)
asyncio.run(main())
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_workers_exit_when_the_server_is_killed() -> None:
    env = dict(os.environ, VOICERTC_ASR="grammar", PYTHONPATH=str(ROOT))
    server = subprocess.Popen([sys.executable, "-c", SERVER], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert server.stdout is not None
        workers = [int(p) for p in server.stdout.readline().split()]
        assert workers and all(_alive(p) for p in workers)
        server.send_signal(signal.SIGKILL)
        server.wait(10)
        deadline = time.monotonic() + 15
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.1)  # polling a process table: there is no event to wait on
        assert not any(_alive(p) for p in workers)
    finally:
        server.kill()
