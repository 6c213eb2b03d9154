"""Child processes that never outlive the benchmark: parent-death signal, pinning, stopping."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import os
import signal
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1


def child_setup(cpus: set[int] | None) -> Callable[[], None]:
    """A preexec_fn: die with the parent (even on SIGKILL), optionally pinned to `cpus`."""

    def setup() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if cpus:
            os.sched_setaffinity(0, cpus)

    return setup


def clean_env() -> dict[str, str]:
    """This environment minus what could point the server at anything but itself.

    An inherited OPENAI_API_KEY would route the calls to OpenAI, and VOICERTC_* settings
    (ICE servers, upstream URL) could send packets off the machine.
    """
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("VOICERTC_") and k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")
    }


async def stop_process(proc: asyncio.subprocess.Process, grace_s: float = 5.0) -> int | None:
    """SIGINT (a clean shutdown), then SIGTERM, then SIGKILL; returns the exit code."""
    for sig, wait_s in ((signal.SIGINT, grace_s), (signal.SIGTERM, 3.0), (signal.SIGKILL, 3.0)):
        if proc.returncode is not None:
            break
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(sig)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(proc.wait(), wait_s)
    return proc.returncode


def cpu_list(spec: str) -> set[int]:
    """'0' or '0-1' or '0,2' to a set of CPU numbers."""
    cpus: set[int] = set()
    for part in spec.split(","):
        low, _, high = part.partition("-")
        cpus.update(range(int(low), int(high or low) + 1))
    return cpus


def remove_quietly(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
