"""Many hosts: a request about a call that reaches another host is forwarded to its owner,
signed with the cluster secret; bad signatures, unknown and silent peers get clear errors.

Real `voicertc serve` processes on loopback ports; the three-host test behind HAProxy
is tests/test_multihost.py."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import pytest
from support.serve_process import free_port
from support.serverproc import EchoHosts, ServerProcess, answered, get_json

from voicertc.client import CallClient
from voicertc.cluster.auth import PEER_HEADER, sign, verify
from voicertc.cluster.peers import PeerSet
from voicertc.cluster.settings import ClusterSettings, host_key, host_of
from voicertc.routing import WorkerInfo

SECRET = "cluster-secret-0123456789"
TOKEN = "caller-token-0123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
async def hosts() -> AsyncIterator:
    running = EchoHosts(TOKEN)

    async def start(
        port: int, peers: list[int], secret: str = SECRET, extra: tuple[str, ...] = ()
    ) -> ServerProcess:
        args = ["--advertise-url", f"http://127.0.0.1:{port}"]
        for peer in peers:
            args += ["--peer", f"http://127.0.0.1:{peer}"]
        return await running.start(*args, *extra, port=port, env={"VOICERTC_CLUSTER_SECRET": secret})

    yield start, running.clients
    await running.close()


async def test_hang_ups_and_trickle_reach_the_owner_bad_peers_get_clear_errors(hosts) -> None:
    start, clients = hosts
    a_port, b_port, rogue_port, silent_port, closed_port = (free_port() for _ in range(5))
    # A peer that accepts connections and never answers.
    silent = socket.create_server(("127.0.0.1", silent_port))
    try:
        a = await start(a_port, [a_port, b_port, rogue_port])
        b = await start(b_port, [a_port, b_port, silent_port, closed_port])
        rogue = await start(rogue_port, [a_port], secret="not-the-cluster-secret-99")
        await asyncio.gather(a.ready(), b.ready(), rogue.ready())

        caller = CallClient(a.url, headers=AUTH)
        clients.append(caller)
        await caller.connect()
        assert caller.session_id is not None
        assert host_of(caller.session_id) == host_key(a.url) == f"h127-0-0-1-{a_port}"
        await answered(caller)

        # A trickle PATCH through B reaches A (the candidate is A's to judge: 204).
        status, _ = await get_json(
            f"{b.url}/sessions/{caller.session_id}", "PATCH",
            json={"candidates": [], "done": True}, headers=AUTH,
        )  # fmt: skip
        assert status == 204
        # A hang-up through the host with the wrong secret: refused by A, and logged there.
        status, body = await get_json(f"{rogue.url}/sessions/{caller.session_id}", "DELETE", headers=AUTH)
        assert (status, body["error"]["code"]) == (403, "forbidden_peer")
        await a.wait_line(lambda line: "wrong signature" in line and "DELETE" in line, 5)
        await answered(caller)  # the call goes on
        # A forged signature sent straight to A is refused too.
        status, body = await get_json(
            f"{a.url}/sessions/{caller.session_id}", "DELETE", headers={PEER_HEADER: "1.abc", **AUTH}
        )
        assert (status, body["error"]["code"]) == (403, "forbidden_peer")
        # The hang-up through B reaches A: the call ends there.
        status, _ = await get_json(f"{b.url}/sessions/{caller.session_id}", "DELETE", headers=AUTH)
        assert status == 204
        ended = await caller.wait_type("state", state="ended", timeout=10)
        assert ended
        status, body = await get_json(f"{b.url}/sessions/{caller.session_id}", "DELETE", headers=AUTH)
        assert (status, body["error"]["code"]) == (404, "not_found")

        # An operator's admin route about a call is forwarded the same way.
        second = CallClient(a.url, headers=AUTH)
        clients.append(second)
        await second.connect()
        status, _ = await get_json(f"{b.url}/admin/sessions/{second.session_id}", "DELETE", headers=AUTH)
        assert status == 204
        await second.wait_type("notice", code="call_ended", timeout=10)

        # Ids naming a host that is no peer are not forwarded anywhere (no open proxy).
        status, body = await get_json(f"{b.url}/sessions/h10-1-2-3-80.token", "DELETE", headers=AUTH)
        assert (status, body["error"]["code"]) == (404, "not_found")
        # A peer that accepts and says nothing: 504 within the 5 s timeout, never a hang.
        status, body = await asyncio.wait_for(
            get_json(f"{b.url}/sessions/h127-0-0-1-{silent_port}.token", "DELETE", headers=AUTH), 9
        )
        assert (status, body["error"]["code"]) == (504, "peer_timeout")
        # A peer whose port is closed: 502 at once.
        status, body = await get_json(
            f"{b.url}/sessions/h127-0-0-1-{closed_port}.token", "DELETE", headers=AUTH
        )
        assert (status, body["error"]["code"]) == (502, "peer_unreachable")
        # Without the caller's token nothing is forwarded at all.
        status, body = await get_json(f"{b.url}/sessions/h127-0-0-1-{a_port}.token", "DELETE")
        assert (status, body["error"]["code"]) == (401, "unauthorized")
        # Routes not about a call are never forwarded.
        status, body = await get_json(f"{b.url}/healthz")
        assert status == 200 and body["sessions"] == 0
    finally:
        silent.close()


def test_signatures_bind_secret_method_path_and_time() -> None:
    header = sign(SECRET, "DELETE", "/sessions/x", now=1000)
    assert verify(SECRET, header, "DELETE", "/sessions/x", now=1010)
    assert not verify("another-secret-0123456", header, "DELETE", "/sessions/x", now=1010)
    assert not verify(SECRET, header, "PATCH", "/sessions/x", now=1010)
    assert not verify(SECRET, header, "DELETE", "/sessions/y", now=1010)
    assert not verify(SECRET, header, "DELETE", "/sessions/x", now=1031)
    assert not verify(None, header, "DELETE", "/sessions/x", now=1010)


async def test_peers_from_dns_are_every_address_of_the_name() -> None:
    peers = PeerSet(ClusterSettings(secret=SECRET, peer_dns="localhost:8080", advertise_url="http://x:1"))
    assert await peers.url_for("h127-0-0-1-8080") == "http://127.0.0.1:8080"
    assert await peers.url_for("h10-0-0-9-8080") is None  # not an address of the name


@pytest.mark.parametrize(
    ("settings", "needle"),
    [
        (ClusterSettings(peers=["http://a:1"], advertise_url="http://a:1"), "--cluster-secret"),
        (ClusterSettings(peers=["http://a:1"], secret=SECRET), "--advertise-url"),
        (ClusterSettings(peers=["a:1"], secret=SECRET, advertise_url="http://a:1"), "http://HOST:PORT"),
        (ClusterSettings(peer_dns="svc", secret=SECRET, advertise_url="http://a:1"), "NAME:PORT"),
    ],
)
def test_bad_cluster_settings_name_the_flag(settings: ClusterSettings, needle: str) -> None:
    with pytest.raises(ValueError, match=needle.replace("-", r"\-")):
        settings.validate()


def test_ids_name_host_and_worker_apart() -> None:
    settings = ClusterSettings(
        secret=SECRET, peers=["http://10.0.0.5:8080"], advertise_url="http://10.0.0.5:8080"
    )
    info = WorkerInfo(1, 2, "/tmp")
    session_id = settings.session_prefix() + info.session_prefix() + "token"
    assert session_id == "h10-0-0-5-8080.w1.token"
    assert host_of(session_id) == "h10-0-0-5-8080" and info.owner_of(session_id) == 1
    assert host_of("w1.token") is None and info.owner_of("w1.token") == 1
    assert host_of("token") is None and info.owner_of("token") is None
    assert ClusterSettings().session_prefix() == ""  # one host: ids as before
