"""ICE settings: flags and their errors, /config, the port range, the announced address,
and what a caller is told when no network path works."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import socket
import time
from collections.abc import Iterator

import aiohttp
import aioice.ice
import aioice.stun
import pytest
from aiortc import RTCPeerConnection
from conftest import start_server
from support.net import process_udp_ports, reply_finished

from voicertc.cli import build_parser, config_from_args, main
from voicertc.client import CallClient
from voicertc.config import ConfigError, ServerConfig
from voicertc.edge.ice import (
    IceSettings,
    IceUrl,
    parse_ice_url,
    parse_port_range,
    server_rtc_configuration,
)
from voicertc.patches import PortRangeExhausted, bind_udp_in_range
from voicertc.patches import install as configure_process
from voicertc.session import VoiceSession

TURN = "turn:turn.example.com:3478"


@pytest.fixture(autouse=True)
def _restore_ice_defaults() -> Iterator[None]:
    yield
    configure_process(IceSettings(hosts=["127.0.0.1"]))


# -- settings and their errors ---------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "parsed"),
    [
        ("stun:stun.example.com", IceUrl("stun", "stun.example.com", 3478, None)),
        ("turn:10.0.0.1:3479", IceUrl("turn", "10.0.0.1", 3479, "udp")),
        ("turn:t.example.com?transport=tcp", IceUrl("turn", "t.example.com", 3478, "tcp")),
        ("turns:t.example.com", IceUrl("turns", "t.example.com", 5349, "tcp")),
        ("turns:t.example.com:443?transport=tcp", IceUrl("turns", "t.example.com", 443, "tcp")),
    ],
)
def test_ice_urls_parse(url: str, parsed: IceUrl) -> None:
    assert parse_ice_url(url) == parsed


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://turn.example.com", "must start with stun:, turn: or turns:"),
        ("TURN:turn.example.com", "must start with stun:, turn: or turns:"),
        ("turn://turn.example.com", "without '//'"),
        ("turn:alice:pw@turn.example.com", "no user name or password"),
        ("turn:[::1]:3478", "IPv6 literals are not supported"),
        ("turn:turn.example.com:70000", "between 1 and 65535"),
        ("turn:turn.example.com?transport=sctp", "must be udp or tcp"),
        ("stun:stun.example.com?transport=udp", "take no ?transport="),
        ("turns:turn.example.com?transport=udp", "runs on TCP"),
        ("turn:", "is not a valid ICE server URL"),
    ],
)
def test_bad_ice_urls_say_what_is_wrong(url: str, message: str) -> None:
    with pytest.raises(ValueError, match="--ice-server") as error:
        parse_ice_url(url)
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (IceSettings(servers=["ftp://x"]), "must start with stun:, turn: or turns:"),
        (IceSettings(transport_policy="relay"), "relay needs a TURN server"),
        (IceSettings(servers=["stun:s.example.com"], transport_policy="relay"), "relay needs"),
        (IceSettings(transport_policy="direct"), "must be 'all' or 'relay'"),
        (IceSettings(servers=[TURN]), "needs --turn-secret"),
        (IceSettings(turn_secret="s"), "no turn:/turns: --ice-server"),
        (IceSettings(servers=[TURN], turn_secret="s", turn_ttl=10), "--turn-ttl must be"),
        (IceSettings(port_range=(5000, 4000)), "LOW must not be above HIGH"),
        (IceSettings(port_range=(80, 90)), "between 1024 and 65535"),
        (IceSettings(hosts=["eth0"]), "--ice-host must be an IP address"),
        (IceSettings(hosts=["0.0.0.0"]), "needs --ice-announce-ip"),
        (IceSettings(announce_ip="example.com"), "--ice-announce-ip must be an IP address"),
        (IceSettings(announce_ip="0.0.0.0"), "must be a unicast address"),
    ],
)
def test_bad_ice_settings_are_config_errors(settings: IceSettings, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        ServerConfig(ice=settings).validate()
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--ice-port-range", "5000-4000"], "--ice-port-range 5000-4000: LOW must not be above"),
        (["--ice-port-range", "40000"], "must look like LOW-HIGH"),
        (["--ice-server", "https://turn.example.com"], "must start with stun:, turn: or turns:"),
        (["--ice-transport-policy", "relay"], "relay needs a TURN server"),
        (["--ice-server", TURN], "needs --turn-secret"),
    ],
)
def test_cli_prints_config_errors_and_exits_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", *argv]) == 2
    err = capsys.readouterr().err
    assert "configuration error" in err and message in err


def test_cli_flags_and_environment_fill_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOICERTC_ICE_SERVERS", f"stun:s.example.com, {TURN}")
    monkeypatch.setenv("VOICERTC_TURN_SECRET", "from-env")
    monkeypatch.setenv("VOICERTC_TURN_TTL", "600")
    monkeypatch.setenv("VOICERTC_ICE_TRANSPORT_POLICY", "relay")
    monkeypatch.setenv("VOICERTC_ICE_PORT_RANGE", "40000-40099")
    monkeypatch.setenv("VOICERTC_ICE_ANNOUNCE_IP", "203.0.113.7")
    monkeypatch.setenv("VOICERTC_ICE_HOSTS", "0.0.0.0")
    ice = config_from_args(build_parser().parse_args(["serve"])).ice
    assert ice == IceSettings(
        servers=["stun:s.example.com", TURN],
        turn_secret="from-env",
        turn_ttl=600,
        transport_policy="relay",
        hosts=["0.0.0.0"],
        announce_ip="203.0.113.7",
        port_range=(40000, 40099),
    )
    # Flags win over the environment; repeatable ones replace its list.
    flags = ["--ice-server", "turns:t2.example.com", "--ice-server", TURN, "--turn-ttl", "120"]
    flags += ["--ice-port-range", "41000-41009", "--ice-host", "127.0.0.1"]
    args = build_parser().parse_args(["serve", *flags])
    ice = config_from_args(args).ice
    assert ice.servers == ["turns:t2.example.com", TURN]
    assert (ice.turn_ttl, ice.port_range, ice.hosts) == (120, (41000, 41009), ["127.0.0.1"])
    assert parse_port_range(" 1024 - 1024 ") == (1024, 1024)


# -- what the page and the server's own peer get ----------------------------------------


async def test_config_hands_the_page_fresh_turn_credentials() -> None:
    settings = IceSettings(
        servers=["stun:stun.example.com", "turns:turn.example.com", TURN],
        turn_secret="s3cret",
        turn_ttl=600,
        transport_policy="relay",
        hosts=["127.0.0.1"],
    )
    running, runner = await start_server(ice=settings)
    try:
        configs = []
        async with aiohttp.ClientSession() as http:
            for _ in range(2):
                async with http.get(f"{running.url}/config") as response:
                    assert response.status == 200
                    assert response.headers["Cache-Control"] == "no-store"
                    configs.append(await response.json())
    finally:
        await runner.cleanup()
    for config in configs:
        assert config["iceTransportPolicy"] == "relay"
        stun, turn = config["iceServers"]
        assert stun == {"urls": ["stun:stun.example.com"]}
        assert turn["urls"] == ["turns:turn.example.com", TURN]
        expiry, _ = turn["username"].split(":")
        assert abs(int(expiry) - (time.time() + 600)) < 5
        digest = hmac.new(b"s3cret", turn["username"].encode(), hashlib.sha1).digest()
        assert turn["credential"] == base64.b64encode(digest).decode()
    # Each load gets its own credentials.
    assert configs[0]["iceServers"][1]["username"] != configs[1]["iceServers"][1]["username"]

    # The server's own peer: the same TURN server, plain UDP first (aiortc uses only one).
    rtc = server_rtc_configuration(settings)
    assert rtc.iceTransportPolicy.value == "relay"
    stun_server, turn_server = rtc.iceServers
    assert stun_server.urls == ["stun:stun.example.com"] and stun_server.username is None
    assert turn_server.urls == [TURN, "turns:turn.example.com"]
    assert turn_server.username.endswith(":voicertc") and turn_server.credential
    assert server_rtc_configuration(IceSettings()).iceServers == []


# -- the port range -----------------------------------------------------------------------


def test_a_full_port_range_fails_with_a_clear_error() -> None:
    low, high = 44000, 44003
    held: list[socket.socket] = []
    try:
        # A range hands out each of its ports once...
        for _ in range(high - low + 1):
            held.append(bind_udp_in_range(socket.AF_INET, ("127.0.0.1", 0), (low, high)))
        assert sorted(s.getsockname()[1] for s in held) == list(range(low, high + 1))
        # ...and a full one says so.
        with pytest.raises(PortRangeExhausted, match=f"--ice-port-range {low}-{high}"):
            bind_udp_in_range(socket.AF_INET, ("127.0.0.1", 0), (low, high))
    finally:
        for sock in held:
            sock.close()


async def test_every_ice_socket_of_a_call_is_inside_the_port_range() -> None:
    low, high = 43000, 43019
    before = process_udp_ports()
    running, runner = await start_server(ice=IceSettings(hosts=["127.0.0.1"], port_range=(low, high)))
    client = CallClient(running.url)
    try:
        await client.connect()
        (session,) = running.server.sessions.values()
        mark, since = len(client.received), len(client.messages)
        client.send({"type": "text", "text": "add some reverb"})
        await client.wait_loud(10, since_frame=mark, timeout=20)
        await reply_finished(client, since)
        connection = session.pc.sctp.transport.transport.iceGatherer._connection  # type: ignore[union-attr]
        bound = [p.transport.get_extra_info("sockname") for p in connection._protocols]
        assert bound and all(low <= port <= high for _, port in bound), bound
        opened = process_udp_ports() - before
        assert opened and all(low <= port <= high for port in opened), opened
    finally:
        await client.hang_up()
        await runner.cleanup()


# -- the announced address, and ICE failure --------------------------------------------


def _candidates(sdp: str) -> list[str]:
    return [line for line in sdp.splitlines() if line.startswith("a=candidate:")]


async def test_announced_address_is_advertised_while_sockets_stay_local() -> None:
    # A wildcard bind advertised as 127.0.0.1 behaves like a server behind 1:1 NAT.
    running, runner = await start_server(ice=IceSettings(hosts=["0.0.0.0"], announce_ip="127.0.0.1"))
    client = CallClient(running.url)
    try:
        await client.connect()
        (session,) = running.server.sessions.values()
        answer = _candidates(session.pc.localDescription.sdp)
        assert answer and all(" 127.0.0.1 " in line for line in answer), answer
        connection = session.pc.sctp.transport.transport.iceGatherer._connection  # type: ignore[union-attr]
        assert {p.transport.get_extra_info("sockname")[0] for p in connection._protocols} == {"0.0.0.0"}
        client.send({"type": "ping", "id": 1})
        assert (await client.wait_type("pong"))["id"] == 1
    finally:
        await client.hang_up()
        await runner.cleanup()


async def test_when_no_path_works_the_session_says_why_and_is_freed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Both ends advertise an address nothing listens on (a wrong --ice-announce-ip):
    # every connectivity check fails. Quick STUN retransmissions keep the test short.
    monkeypatch.setattr(aioice.stun, "RETRY_RTO", 0.01)
    monkeypatch.setattr(aioice.stun, "RETRY_MAX", 2)
    running, runner = await start_server(ice=IceSettings(hosts=["127.0.0.1"], announce_ip="127.0.0.2"))
    created: asyncio.Queue[VoiceSession] = asyncio.Queue()
    errors: list[dict[str, str]] = []
    original = running.server.create_session

    def spy(request: aiohttp.web.Request) -> VoiceSession:
        session = original(request)
        session.on("error", errors.append)
        created.put_nowait(session)
        return session

    running.server.create_session = spy  # type: ignore[method-assign]
    client = CallClient(running.url)
    client_failed = asyncio.Event()
    pc: RTCPeerConnection = client.pc
    pc.on(
        "connectionstatechange",
        lambda: client_failed.set() if pc.connectionState == "failed" else None,
    )
    connecting = asyncio.create_task(client.connect(timeout=30))
    try:
        session = await asyncio.wait_for(created.get(), 10)
        closed = asyncio.Event()
        session.once("closed", closed.set)
        if not session.closed:
            await asyncio.wait_for(closed.wait(), 15)
        await asyncio.wait_for(client_failed.wait(), 15)
        assert running.server.sessions == {}
        assert [e["code"] for e in errors] == ["ice_failed"]
        assert "No network path between you and the server worked" in errors[0]["message"]
    finally:
        connecting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await connecting
        await client.close()
        await runner.cleanup()
