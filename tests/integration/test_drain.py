"""Draining: a real `voicertc serve` taken out of service by SIGTERM or POST /admin/drain
stops taking calls at once and keeps serving the calls in progress until they end."""

from __future__ import annotations

import signal
from collections.abc import AsyncIterator

import pytest
from support.serverproc import EchoHosts, ServerProcess, answered, get_json

from voicertc.client import CallClient, CallError
from voicertc.drain import Drain, not_ready_reason

TOKEN = "operator-token-0123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
async def start() -> AsyncIterator:
    hosts = EchoHosts(TOKEN)

    async def run(*flags: str) -> tuple[ServerProcess, list[CallClient]]:
        server = await hosts.start(*flags)
        await server.ready()
        return server, hosts.clients

    yield run
    await hosts.close()


async def call(server: ServerProcess, clients: list[CallClient]) -> CallClient:
    client = CallClient(server.url, headers=AUTH)
    clients.append(client)
    await client.connect()
    await client.wait_type("state", state="listening", timeout=20)
    return client


async def test_admin_drain_refuses_new_calls_serves_old_ones_warns_and_exits(start) -> None:
    server, clients = await start("--drain-seconds", "8")
    caller = await call(server, clients)
    # Callers' tokens never open the admin routes.
    status, body = await get_json(f"{server.url}/admin/drain", "POST")
    assert (status, body["error"]["code"]) == (401, "unauthorized")
    assert (await get_json(f"{server.url}/readyz"))[0] == 200

    status, body = await get_json(f"{server.url}/admin/drain", "POST", headers=AUTH)
    assert status == 202 and body["status"] == "draining" and body["sessions"] == 1
    status, body = await get_json(f"{server.url}/readyz")
    assert status == 503 and body["status"] == "draining" and 0 < body["seconds_left"] <= 8
    assert (await get_json(f"{server.url}/healthz"))[0] == 200  # alive, just not taking calls
    # A new caller is turned away at once, and told when to retry.
    newcomer = CallClient(server.url, headers=AUTH)
    clients.append(newcomer)
    with pytest.raises(Exception) as refused:
        await newcomer.connect()
    assert getattr(refused.value, "status", None) == 503 and refused.value.code == "draining"

    # The call in progress goes on: it is answered, warned, and ended at the deadline.
    await answered(caller)
    ending = await caller.wait_type("notice", code="call_ending", timeout=5)
    assert ending["reason"] == "server_drain" and 0 < ending["seconds"] <= 8
    await answered(caller)
    ended = await caller.wait_type("notice", code="call_ended", timeout=15)
    assert ended["reason"] == "server_drain"
    assert await server.exited(15) == 0


async def test_sigterm_drains_until_the_last_call_hangs_up(start) -> None:
    server, clients = await start("--drain-seconds", "120")
    first, second = await call(server, clients), await call(server, clients)
    server.process.send_signal(signal.SIGTERM)
    await server.wait_line(lambda line: "draining: 2 call(s)" in line, 10)
    with pytest.raises(CallError) as refused:
        await CallClient(server.url, headers=AUTH).connect()
    assert refused.value.status == 503 and refused.value.code == "draining"
    await answered(first)
    await answered(second)
    # A hang-up during the drain works as ever, and the other call is still served.
    await second.hang_up()
    await answered(first)
    assert server.process.returncode is None
    await first.hang_up()
    # The last call gone, the server exits long before its 120 s are up.
    assert await server.exited(15) == 0
    assert any("drained: no call left" in line for line in server.lines)
    assert not any(m.get("code") == "call_ended" for m in first.messages)


@pytest.mark.parametrize("second_signal", [True, False], ids=["second-sigterm", "drain-seconds-0"])
async def test_fast_shutdown_ends_calls_at_once(start, second_signal: bool) -> None:
    server, clients = await start("--drain-seconds", "120" if second_signal else "0")
    caller = await call(server, clients)
    server.process.send_signal(signal.SIGTERM)
    if second_signal:
        await server.wait_line(lambda line: "draining: 1 call(s)" in line, 10)
        server.process.send_signal(signal.SIGTERM)
    ended = await caller.wait_type("notice", code="call_ended", timeout=10)
    assert ended["reason"] == "server_shutdown"
    assert await server.exited(15) == 0


async def test_readyz_says_full_at_max_sessions(start) -> None:
    server, clients = await start("--max-sessions", "1")
    caller = await call(server, clients)
    status, body = await get_json(f"{server.url}/readyz")
    assert (status, body["status"], body["sessions"]) == (503, "full", 1)
    # The hang-up's answer comes once the session is closed: the room is free again.
    await caller.hang_up()
    status, body = await get_json(f"{server.url}/readyz")
    assert status == 200 and body["status"] == "ready"


def test_not_ready_reasons_in_order() -> None:
    drain = Drain(10)

    def reason(sessions: int = 0, max_load: float | None = 0.7, speech: bool = True, load: float = 0.1):
        return not_ready_reason(drain, sessions, 5, max_load, speech, lambda: load)

    assert reason() is None
    assert reason(load=0.9) == "overloaded"
    assert reason(load=0.9, max_load=None) is None
    assert reason(speech=False) == "speech_unavailable"
    assert reason(sessions=5, load=0.9) == "full"
    drain.draining = True
    assert reason(sessions=5) == "draining"
