"""Calls relayed by a real coturn on 127.0.0.1, with credentials minted by voicertc."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Callable

import aiohttp
import aioice.ice
import pytest
from aiortc import RTCIceServer, RTCPeerConnection
from conftest import RunningServer, start_server
from support.coturn import REALM, Coturn
from support.net import process_udp_ports, reply_finished

from voicertc.client import CallClient, CallError
from voicertc.edge.ice import IceSettings
from voicertc.edge.turn import TurnCredentials, mint_credentials, turn_password


async def _server(turn: Coturn, **ice: object) -> tuple[RunningServer, Callable[[], object]]:
    settings = IceSettings(servers=[turn.url], turn_secret=turn.secret, hosts=["127.0.0.1"], **ice)  # type: ignore[arg-type]
    running, runner = await start_server(ice=settings)
    return running, runner.cleanup


async def _page_config(url: str) -> dict[str, object]:
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{url}/config") as response:
            assert response.status == 200
            assert response.headers["Cache-Control"] == "no-store"
            return await response.json()


def _turn_entry(config: dict[str, object]) -> RTCIceServer:
    (entry,) = [s for s in config["iceServers"] if "username" in s]  # type: ignore[union-attr]
    return RTCIceServer(urls=entry["urls"], username=entry["username"], credential=entry["credential"])


def _nominated(pc: RTCPeerConnection) -> list[aioice.ice.CandidatePair]:
    connection = pc.sctp.transport.transport.iceGatherer._connection  # type: ignore[union-attr]
    return list(connection._nominated.values())


def test_credentials_follow_the_turn_rest_scheme() -> None:
    credentials = mint_credentials("s3cret", 600, user_id="alice", now=1_700_000_000)
    assert credentials.username == "1700000600:alice"
    assert credentials.expires_at == 1_700_000_600
    expected = hmac.new(b"s3cret", b"1700000600:alice", hashlib.sha1).digest()
    assert base64.b64decode(credentials.credential) == expected
    assert turn_password("s3cret", credentials.username) == credentials.credential
    fresh = mint_credentials("s3cret", 3600)
    expiry, label = fresh.username.split(":")
    assert abs(int(expiry) - (time.time() + 3600)) < 5 and label
    with pytest.raises(ValueError, match="cannot contain ':'"):
        mint_credentials("s3cret", 60, user_id="a:b")
    with pytest.raises(ValueError, match="secret is empty"):
        mint_credentials("", 60)


async def test_relay_only_call_through_coturn(turn: Coturn, speech) -> None:
    # A port range too: the server's TURN client sockets must land inside it.
    low, high = 41000, 41049
    running, cleanup = await _server(turn, transport_policy="relay", port_range=(low, high))
    client: CallClient | None = None
    try:
        config = await _page_config(running.url)
        assert config["iceTransportPolicy"] == "relay"
        ice = _turn_entry(config)
        assert ice.urls == [turn.url]
        before = process_udp_ports()
        client = CallClient(running.url, ice_servers=[ice], transport_policy="relay")
        await client.connect(timeout=15)
        await client.wait_type("state", state="listening", timeout=20)
        (session,) = running.server.sessions.values()

        # Only relay candidates were offered and answered; both ends nominated relay pairs.
        for sdp in (client.pc.localDescription.sdp, session.pc.localDescription.sdp):
            candidates = [line for line in sdp.splitlines() if line.startswith("a=candidate:")]
            assert candidates and all(" typ relay" in line for line in candidates), sdp
        for pc in (client.pc, session.pc):
            pairs = _nominated(pc)
            assert pairs and all(p.local_candidate.type == "relay" for p in pairs)

        # Audio both ways: speech from the client is transcribed, the reply is heard.
        mark, since = len(client.received), len(client.messages)
        client.say(speech("add some reverb"))
        user = await client.wait_for(
            lambda m: m.get("type") == "transcript" and m["role"] == "user" and m["final"],
            timeout=20,
        )
        assert "reverb" in user["text"].lower()
        await client.wait_loud(25, since_frame=mark, timeout=20)
        await reply_finished(client, since)

        # coturn allocated for the page's credentials and for the server's own.
        await turn.wait_for_line(lambda line: ice.username in line and "ALLOCATE processed, success" in line)
        assert any(name.endswith(":voicertc") for name in turn.allocations())
        assert any(f"realm=<{REALM}>" in line for line in turn.lines)

        # Every UDP socket opened for the call is inside the range (the process is both
        # ends here, and the range is process-wide).
        opened = process_udp_ports() - before
        assert opened and all(low <= port <= high for port in opened), opened
    finally:
        if client is not None:
            await client.hang_up()
        await cleanup()


async def _refused_relay_call(url: str, turn: Coturn, credentials: TurnCredentials) -> CallError:
    """A relay-only call with `credentials` that the server must refuse: its error."""
    ice = RTCIceServer(urls=turn.url, username=credentials.username, credential=credentials.credential)
    client = CallClient(url, ice_servers=[ice], transport_policy="relay")
    try:
        with pytest.raises(CallError) as failure:
            await client.connect()
    finally:
        await client.close()
    return failure.value


async def test_expired_page_credentials_fail_clearly(turn: Coturn) -> None:
    running, cleanup = await _server(turn, transport_policy="relay")
    try:
        expired = mint_credentials(turn.secret, -60)
        failure = await _refused_relay_call(running.url, turn, expired)
        assert failure.status == 400 and failure.code == "no_candidates"
        assert "TURN server was unreachable or refused" in str(failure)
        await turn.wait_for_line(lambda line: expired.username in line and "401" in line)
        assert running.server.sessions == {}
    finally:
        await cleanup()


async def test_wrong_server_secret_fails_clearly_and_leaves_nothing(turn: Coturn) -> None:
    settings = IceSettings(
        servers=[turn.url], turn_secret="not-the-secret", hosts=["127.0.0.1"], transport_policy="relay"
    )
    running, runner = await start_server(ice=settings)
    created: list[RTCPeerConnection] = []
    original = running.server.create_session

    def spy(request: object) -> object:
        session = original(request)  # type: ignore[arg-type]
        created.append(session.pc)
        return session

    running.server.create_session = spy  # type: ignore[method-assign]
    try:
        # The caller's own credentials are fine: only the server's are refused.
        good = mint_credentials(turn.secret, 600)
        failure = await _refused_relay_call(running.url, turn, good)
        assert failure.status == 503 and failure.code == "ice_unavailable"
        assert "static-auth-secret" in str(failure)
        assert running.server.sessions == {}
        assert created and all(pc.connectionState == "closed" for pc in created)
    finally:
        await runner.cleanup()
