"""A private Docker engine for a test: Debian's dockerd with its own data root, sockets and
containerd under a temporary directory, no bridge and no iptables (the test's namespace
holds only loopback, so containers run with `--network none` or the host's loopback),
stopped afterwards with everything it made removed."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

# Debian's docker.io: the CLI of the daemon's own version (another docker CLI may come
# first on PATH).
DOCKER = "/usr/bin/docker"
DOCKERD = "/usr/sbin/dockerd"
COMPOSE = "/usr/bin/docker-compose"


@dataclass
class Dockerd:
    root: Path
    env: dict[str, str] = field(repr=False)
    log: list[str] = field(default_factory=list, repr=False)

    def docker(self, *args: str, timeout: float = 120, input: str | None = None) -> str:
        """Runs `docker ARGS` against this engine; its stdout, or an error with its output."""
        return self.command([DOCKER, *args], timeout=timeout, input=input)

    def command(
        self,
        argv: Sequence[str],
        *,
        timeout: float = 120,
        input: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> str:
        """Runs any command with this engine's environment (DOCKER_HOST, BuildKit on), plus `env`."""
        result = subprocess.run(
            argv,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
            input=input,
        )
        if result.returncode != 0:
            raise AssertionError(
                f"{' '.join(argv)} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
            )
        return result.stdout

    def logs(self, container: str) -> str:
        """A container's output, stdout and stderr interleaved."""
        result = subprocess.run(
            [DOCKER, "logs", container],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        return result.stdout

    def inspect(self, name: str, template: str) -> str:
        return self.docker("inspect", "-f", template, name).strip()

    def wait_event(
        self, since: str, filters: Sequence[str], match: Callable[[str], bool], timeout: float
    ) -> str:
        """The first `docker events` line since `since` (a timestamp) passing `filters` that
        `match` accepts; the stream ends by itself after `timeout` (its --until)."""
        until = str(int(time.time() + timeout))
        argv = [DOCKER, "events", "--since", since, "--until", until, "--format", "{{.Status}} {{.Actor.ID}}"]
        for f in filters:
            argv += ["--filter", f]
        with subprocess.Popen(argv, env=self.env, stdout=subprocess.PIPE, text=True) as events:
            assert events.stdout is not None
            seen = []
            for line in events.stdout:
                seen.append(line.strip())
                if match(line):
                    events.terminate()
                    return line.strip()
        raise AssertionError(f"no matching docker event within {timeout} s; saw {seen}")


def _mounts_under(root: Path) -> list[str]:
    mounts = []
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        point = line.split()[4].replace("\\040", " ")
        if point == str(root) or point.startswith(f"{root}/"):
            mounts.append(point)
    return mounts


def _clean(root: Path) -> None:
    # dockerd bind-mounts its data root and overlay layers there; a daemon that died
    # without its own clean-up leaves them mounted.
    for point in sorted(_mounts_under(root), key=len, reverse=True):
        subprocess.run(["umount", "-l", point], check=False, capture_output=True)
    shutil.rmtree(root, ignore_errors=True)


def _start(root: Path, sock: Path) -> subprocess.Popen[str]:
    # Images and build layers in memory (~2 GB): removing them from disk took as long as
    # the build itself (~1 min here), and writing them slowed it; a tmpfs goes at once.
    (root / "data").mkdir()
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=6g,mode=0700", "tmpfs", str(root / "data")], check=True
    )
    argv = [
        DOCKERD,
        f"--data-root={root / 'data'}",
        f"--exec-root={root / 'exec'}",
        f"--pidfile={root / 'dockerd.pid'}",
        f"--host=unix://{sock}",
        "--bridge=none",
        "--iptables=false",
        "--ip6tables=false",
        # compose.yaml's "host-gateway" (the host seen from a container): with no bridge,
        # and containers on the host's (loopback-only) network, that is loopback.
        "--host-gateway-ip=127.0.0.1",
    ]
    return subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )


def _stop(engine: Dockerd, daemon: subprocess.Popen[str] | None) -> None:
    if daemon is None:
        return
    with contextlib.suppress(Exception):
        containers = engine.docker("ps", "-aq", timeout=30).split()
        if containers:
            engine.docker("rm", "-f", "-v", *containers, timeout=120)
    if daemon.poll() is None:
        daemon.send_signal(signal.SIGTERM)
        try:
            daemon.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(daemon.pid, signal.SIGKILL)
            daemon.wait(10)


@contextlib.contextmanager
def running_dockerd(ready_timeout: float = 60) -> Iterator[Dockerd]:
    """Starts dockerd; yields once its API listens; stops it and removes what it made."""
    for tool in (DOCKER, DOCKERD):
        if not os.access(tool, os.X_OK):
            raise RuntimeError(f"{tool} is missing; run the README's test command (docker.io)")
    # Short paths: containerd's unix sockets live under the exec root (108 bytes at most).
    root = Path(tempfile.mkdtemp(prefix="vdk-", dir="/tmp"))
    sock = root / "docker.sock"
    env = {**os.environ, "DOCKER_HOST": f"unix://{sock}", "DOCKER_BUILDKIT": "1", "DOCKER": DOCKER}
    env.pop("DOCKER_CONFIG", None)
    engine = Dockerd(root, env)
    listening = threading.Event()
    daemon: subprocess.Popen[str] | None = None
    reader: threading.Thread | None = None

    def read_log(output: IO[str]) -> None:
        # Always drained: an unread pipe would block the daemon.
        for line in output:
            engine.log.append(line)
            if "API listen on" in line:
                listening.set()
        listening.set()  # exited: the waiter sees the exit code

    try:
        daemon = _start(root, sock)
        assert daemon.stdout is not None
        reader = threading.Thread(target=read_log, args=(daemon.stdout,), daemon=True)
        reader.start()
        if not listening.wait(ready_timeout) or daemon.poll() is not None:
            raise AssertionError("dockerd did not start:\n" + "".join(engine.log[-40:]))
        yield engine
    finally:
        _stop(engine, daemon)
        if reader is not None:
            reader.join(10)
        _clean(root)
