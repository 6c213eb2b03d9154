"""Test helpers: the UDP ports this process has open (from /proc, no psutil), the end of an
assistant reply, and changes to the test's own network namespace (a default route, a cut)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from voicertc.client import CallClient


def _socket_inodes() -> set[int]:
    inodes = set()
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:  # closed meanwhile
            continue
        if target.startswith("socket:["):
            inodes.add(int(target[len("socket:[") : -1]))
    return inodes


def process_udp_ports() -> set[int]:
    """Local ports of every UDP socket (IPv4 and IPv6) this process has open."""
    mine = _socket_inodes()
    ports = set()
    for table in ("/proc/self/net/udp", "/proc/self/net/udp6"):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            local, inode = fields[1], int(fields[9])
            if inode in mine:
                ports.add(int(local.rsplit(":", 1)[1], 16))
    return ports


async def reply_finished(client: CallClient, since: int, timeout: float = 20.0) -> None:
    """Waits until the assistant has spoken (from message `since`) and is listening again.

    Hanging up mid-reply is a valid test of its own; here it would only add noise.
    """
    await client.wait_type("state", state="speaking", since=since, timeout=timeout)
    spoke = next(
        i
        for i, m in enumerate(client.messages)
        if i >= since and m.get("type") == "state" and m["state"] == "speaking"
    )
    await client.wait_type("state", state="listening", since=spoke, timeout=timeout)


def _links() -> list[str]:
    # /proc/self/net follows the namespace (a /sys mounted outside it would not).
    lines = Path("/proc/self/net/dev").read_text().splitlines()[2:]
    return sorted(line.split(":", 1)[0].strip() for line in lines)


def in_private_namespace() -> bool:
    """Whether this process's network namespace holds only loopback."""
    return _links() == ["lo"]


def reexec_in_private_namespace() -> None:
    """Runs this script again inside a new loopback-only namespace unless it is in one
    (`unshare --net`; root needed), so a benchmark's packets cannot leave the machine."""
    if not in_private_namespace():
        script = f"ip link set lo up && exec {sys.executable} {' '.join(map(str, sys.argv))}"
        os.execvp("unshare", ["unshare", "--net", "--", "sh", "-c", script])


def _private_namespace() -> None:
    """Refuses to touch the network unless this is a private loopback-only namespace."""
    links = _links()
    if links != ["lo"]:
        raise RuntimeError(
            f"this test changes the network and runs only in a loopback-only namespace "
            f"(scripts/test, /work/tools/wt-test); here the links are {links}"
        )


@contextlib.contextmanager
def default_route() -> Iterator[str]:
    """A default route inside the test's namespace, as every real machine has one.

    A browser that was not given the microphone offers only its default route's address
    (Chromium's WebRTC IP handling), and a loopback-only namespace has none. A veth pair
    with a private address and a default route through it gives it one; the peer end has
    no address and nothing leaves the namespace. Yields the address.
    """
    _private_namespace()
    subprocess.run(["ip", "link", "add", "vrtc0", "type", "veth", "peer", "name", "vrtc1"], check=True)
    try:
        for command in (
            ["ip", "addr", "add", "10.213.0.1/24", "dev", "vrtc0"],
            ["ip", "link", "set", "vrtc0", "up"],
            ["ip", "link", "set", "vrtc1", "up"],
            ["ip", "route", "add", "default", "via", "10.213.0.2", "dev", "vrtc0"],
        ):
            subprocess.run(command, check=True)
        yield "10.213.0.1"
    finally:
        subprocess.run(["ip", "link", "del", "vrtc0"], check=True)


@contextlib.contextmanager
def loopback_cut() -> Iterator[Callable[[], None]]:
    """Takes the loopback link down (every packet in the namespace is lost) until the
    returned function, or the end of the block, brings it back."""
    _private_namespace()
    state = {"down": True}

    def restore() -> None:
        if state["down"]:
            subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
            state["down"] = False

    subprocess.run(["ip", "link", "set", "lo", "down"], check=True)
    try:
        yield restore
    finally:
        restore()
