"""Three voicertc hosts behind HAProxy, each in a network namespace of its own.

HAProxy (Debian's) round-robins signalling over them and checks each one's /readyz every
0.5 s. Calls are Python WebRTC clients (voicertc/client.py) in the test's namespace,
their media straight to the host that answered. Asserted: calls spread evenly; trickle
and WHIP PATCHes and hang-ups through the balancer reach each call's owner; a drained
host gets no new call and keeps its calls answered until they hang up, then exits; it
comes back (a rolling restart) with no call dropped; a host killed with SIGKILL takes
only its own calls, and the balancer stops sending to it within its check interval."""

from __future__ import annotations

import asyncio
import os
import signal
from collections import Counter
from pathlib import Path

from support.hostnet import GATEWAY, HAProxy, HostNet, unique_tag
from support.serverproc import ANSWER, ServerProcess, get_json
from support.whip import SDPFRAG

from voicertc.client import CallClient
from voicertc.cluster.settings import host_of
from voicertc.edge.ice import IceSettings
from voicertc.patches import install as configure_process

PORT = 8080
TOKEN = "caller-token-0123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SECRET = "multihost-cluster-secret-0123"


async def test_three_hosts_behind_haproxy(tmp_path: Path) -> None:
    net = HostNet(unique_tag(), 3)
    net.up()
    configure_process(IceSettings(hosts=[GATEWAY]))
    peers = [f"http://{net.address(n)}:{PORT}" for n in (1, 2, 3)]
    hosts: dict[int, ServerProcess] = {}
    clients: list[CallClient] = []
    lb: HAProxy | None = None

    async def start_host(n: int) -> ServerProcess:
        url = f"http://{net.address(n)}:{PORT}"
        args = ["--host", "0.0.0.0", "--port", str(PORT), "--brain", "echo", "--ice-host", net.address(n)]
        args += ["--advertise-url", url, "--auth-token", TOKEN, "--drain-seconds", "120"]
        for peer in peers:
            args += ["--peer", peer]
        env = {"VOICERTC_CLUSTER_SECRET": SECRET}
        server = await ServerProcess.start(url, args, prefix=net.exec_prefix(n), env=env)
        hosts[n] = server
        return server

    def owner(client: CallClient) -> int:
        key = host_of(client.session_id or "")
        return next(n for n in (1, 2, 3) if key == f"h10-77-0-{n}-{PORT}")

    async def heard(group: list[CallClient]) -> None:
        """Every call in `group` answers: the assistant takes a turn after the caller
        speaks (its `speaking` state on the data channel) and audio keeps arriving.

        Not the echo's loudness, as tests/test_drain.py checks: with ~20 calls decoding in
        this one process on a loaded machine, an echo's frames were seen arriving quiet
        (late packets concealed) while the turn itself was answered."""

        async def one(client: CallClient) -> None:
            await client.wait_type("state", state="listening", timeout=20)
            # More than one try: a call's first words can fall while the endpoint replaces
            # its detector for the call's session.update. (What is said, ANSWER, is heard
            # wherever it falls against the detector's windows: a lone vowel was not, and
            # these tries, 8 s apart, often said it at the same place again.)
            for attempt in range(4):
                since, frames = len(client.messages), len(client.received)
                client.say(ANSWER.pcm16)
                try:
                    await client.wait_type("state", state="speaking", since=since, timeout=8)
                    break
                except AssertionError:
                    if attempt == 3:
                        where = f"host {owner(client)}, connection {client.pc.connectionState}"
                        raise AssertionError(f"call on {where} was not answered") from None
            await client.wait_frames(frames + 50, timeout=15)

        for batch in range(0, len(group), 3):  # a few at a time: a burst of turns is no test
            await asyncio.gather(*(one(c) for c in group[batch : batch + 3]))

    async def call() -> CallClient:
        assert lb is not None
        client = CallClient(lb.url, headers=AUTH)
        clients.append(client)
        await client.connect()
        return client

    try:
        await asyncio.gather(*(start_host(n) for n in (1, 2, 3)))
        await asyncio.gather(*(h.ready(90) for h in hosts.values()))
        lb = await HAProxy.start(tmp_path, GATEWAY, 8000, [f"{net.address(n)}:{PORT}" for n in (1, 2, 3)])
        for n in (1, 2, 3):
            await lb.wait_state(f"h{n}", "UP", 20)

        # 12 calls, one after another: round-robin gives each host four (three to five when
        # a check that times out on a loaded machine takes a host out for a moment).
        calls = [await call() for _ in range(12)]
        spread = Counter(owner(c) for c in calls)
        assert set(spread) == {1, 2, 3} and max(spread.values()) - min(spread.values()) <= 2, spread
        await heard(calls)
        # Trickle (JSON) and WHIP PATCHes through the balancer: each lands on a host
        # round-robin, and the call's owner answers (204 from the owner only).
        for client in calls:
            path = f"/sessions/{client.session_id}"
            status, _ = await get_json(lb.url + path, "PATCH", json={"candidates": []}, headers=AUTH)
            assert status == 204, path
            headers = {**AUTH, "Content-Type": SDPFRAG}
            status, _ = await get_json(
                f"{lb.url}/whip/{client.session_id}", "PATCH", data="a=mid:0\r\n", headers=headers
            )
            assert status == 204

        # Drain host 1: the balancer stops sending it calls, its calls go on.
        status, _ = await get_json(f"{hosts[1].url}/admin/drain", "POST", headers=AUTH)
        assert status == 202
        drained_out = await lb.wait_state("h1", "DOWN", 5)
        print(f"multihost: HAProxy marked the drained host DOWN after {drained_out:.2f} s")
        newcomers = [await call() for _ in range(2)]
        assert {owner(c) for c in newcomers} == {2, 3}
        on_1 = [c for c in calls if owner(c) == 1]
        await heard(on_1)
        # ...until they hang up, through the balancer; then host 1 exits by itself.
        for client in on_1:
            status, _ = await get_json(f"{lb.url}/sessions/{client.session_id}", "DELETE", headers=AUTH)
            assert status == 204
        assert await hosts[1].exited(20) == 0
        assert not any(m.get("code") == "call_ended" for c in on_1 for m in c.messages)

        # The rolling restart: host 1 comes back and takes calls again; no call dropped.
        await start_host(1)
        await hosts[1].ready(90)
        await lb.wait_state("h1", "UP", 10)
        rejoined = [await call() for _ in range(3)]
        assert 1 in {owner(c) for c in rejoined}
        alive = [c for c in calls + newcomers + rejoined if c not in on_1]
        await heard(alive)

        # SIGKILL host 2: the balancer drops it within its check interval (fall x inter)...
        on_2 = [c for c in alive if owner(c) == 2]
        os.killpg(hosts[2].process.pid, signal.SIGKILL)
        took = await lb.wait_state("h2", "DOWN", 10)
        print(f"multihost: HAProxy marked the killed host DOWN after {took:.2f} s")
        assert took <= lb.fall * lb.check_ms / 1000 + 1.5, took
        # ...its calls are gone (a hang-up through the balancer finds no one: 502)...
        for client in on_2:
            status, body = await get_json(f"{lb.url}/sessions/{client.session_id}", "DELETE", headers=AUTH)
            assert (status, body["error"]["code"]) == (502, "peer_unreachable")
        # ...and everyone else carries on; new calls go to the living hosts.
        survivors = [c for c in alive if owner(c) != 2]
        later = [await call() for _ in range(2)]
        assert {owner(c) for c in later} == {1, 3}
        await heard(survivors + later)
        assert not any(m.get("code") == "call_ended" for c in survivors for m in c.messages)
        for client in survivors + later:
            status, _ = await get_json(f"{lb.url}/sessions/{client.session_id}", "DELETE", headers=AUTH)
            assert status == 204
    finally:
        for client in clients:
            await client.close()
        if lb is not None:
            await lb.stop()
        for server in hosts.values():
            await server.stop()
        net.down()
