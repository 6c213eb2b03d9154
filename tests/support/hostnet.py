"""Test hosts on one machine: each in a network namespace of its own (`ip netns`), joined
to a bridge in the test's own namespace by a veth pair; and HAProxy in front of them.

Everything lives inside the namespace `scripts/test` (or /work/tools/wt-test) runs the
suite in; the named namespaces' entries under /run/netns are removed on the way out."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SUBNET = "10.77.0"
GATEWAY = f"{SUBNET}.254"


def ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, text=True)


@dataclass
class HostNet:
    """The bridge, and one namespace per host with address 10.77.0.<n>."""

    tag: str
    hosts: int

    @property
    def bridge(self) -> str:
        return f"vbr{self.tag}"

    def namespace(self, n: int) -> str:
        return f"voicertc-{self.tag}-{n}"

    def address(self, n: int) -> str:
        return f"{SUBNET}.{n}"

    def exec_prefix(self, n: int) -> list[str]:
        return ["ip", "netns", "exec", self.namespace(n)]

    def up(self) -> None:
        ip("link", "add", self.bridge, "type", "bridge")
        ip("addr", "add", f"{GATEWAY}/24", "dev", self.bridge)
        ip("link", "set", self.bridge, "up")
        for n in range(1, self.hosts + 1):
            ns, outside = self.namespace(n), f"v{self.tag}h{n}"
            ip("netns", "add", ns)
            ip("link", "add", outside, "type", "veth", "peer", "name", "eth0", "netns", ns)
            ip("link", "set", outside, "master", self.bridge, "up")
            ip("-n", ns, "addr", "add", f"{self.address(n)}/24", "dev", "eth0")
            ip("-n", ns, "link", "set", "eth0", "up")
            ip("-n", ns, "link", "set", "lo", "up")

    def down(self) -> None:
        for n in range(1, self.hosts + 1):
            subprocess.run(["ip", "netns", "del", self.namespace(n)], capture_output=True)
        subprocess.run(["ip", "link", "del", self.bridge], capture_output=True)


@dataclass
class HAProxy:
    """HAProxy from Debian: round-robin over `servers`, health checks on /readyz every
    `check_ms`, a server out after `fall` failed checks."""

    process: asyncio.subprocess.Process
    stats_socket: Path
    url: str
    check_ms: int
    fall: int

    @classmethod
    async def start(
        cls, workdir: Path, bind: str, port: int, servers: Sequence[str], check_ms: int = 500, fall: int = 2
    ) -> HAProxy:
        stats = workdir / "haproxy.sock"
        lines = [
            "global",
            f"  stats socket {stats} mode 600 level admin",
            "defaults",
            "  mode http",
            "  timeout connect 2s",
            "  timeout client 30s",
            "  timeout server 30s",
            "  timeout check 2s",
            "frontend signalling",
            f"  bind {bind}:{port}",
            "  default_backend voicertc",
            "backend voicertc",
            "  balance roundrobin",
            "  option httpchk GET /readyz",
            "  http-check expect status 200",
            f"  default-server inter {check_ms}ms fall {fall} rise 2",
            *(f"  server h{i} {server} check" for i, server in enumerate(servers, 1)),
        ]
        config = workdir / "haproxy.cfg"
        config.write_text("\n".join(lines) + "\n")
        process = await asyncio.create_subprocess_exec(
            "haproxy", "-db", "-f", str(config),
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        return cls(process, stats, f"http://{bind}:{port}", check_ms, fall)

    async def states(self) -> dict[str, str]:
        """Each server's state as HAProxy sees it: UP, DOWN, UP 1/2, ..."""
        reader, writer = await asyncio.open_unix_connection(str(self.stats_socket))
        writer.write(b"show stat\n")
        data = await reader.read()
        writer.close()
        rows = csv.DictReader(io.StringIO(data.decode().lstrip("# ")))
        return {
            r["svname"]: r["status"]
            for r in rows
            if r["pxname"] == "voicertc" and r["svname"].startswith("h")
        }

    async def wait_state(self, server: str, state: str, timeout: float) -> float:
        """Waits until HAProxy has `server` in `state`; the seconds it took.

        HAProxy is another process with no event to wait on: its state is read every 50 ms."""
        start = time.monotonic()
        deadline = start + timeout
        while True:
            try:
                if (await self.states()).get(server) == state:
                    return time.monotonic() - start
            except (OSError, KeyError):
                pass  # not listening on its socket yet
            if time.monotonic() > deadline:
                raise AssertionError(f"HAProxy did not see {server} {state} within {timeout} s")
            await asyncio.sleep(0.05)

    async def stop(self) -> None:
        if self.process.returncode is None:
            self.process.terminate()
            await self.process.wait()


def unique_tag() -> str:
    return f"{os.getpid() % 100000}"
