"""Test helpers: the UDP ports this process has open (from /proc, no psutil), and the end
of an assistant reply."""

from __future__ import annotations

import os
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
