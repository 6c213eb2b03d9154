"""OpenAI's Live API: the embedded assistant at /v1/live/sessions driven by the real SDK
(`client.live.connect()`), and whole calls with `--upstream live`. Every Live message
both ways is validated strictly against the SDK's `openai.types.live` unions."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from conftest import listening_call, start_server
from support.realtime_conformance import Conformance
from support.sdk import embedded_client

from voicertc import ServerConfig
from voicertc.cli import main
from voicertc.protocol import tap

_PROBLEM = Conformance()
CHUNK = 960  # 20 ms of 24 kHz PCM16


def check_server_event(event: dict[str, Any]) -> None:
    problem = _PROBLEM.problem("live", "server", event)
    assert problem is None, f"{event['type']}: {problem}"


def check_client_event(event: dict[str, Any]) -> None:
    problem = _PROBLEM.problem("live", "client", event)
    assert problem is None, f"{event['type']}: {problem}"


@pytest.fixture
def conformance() -> Iterator[dict[str, list[str]]]:
    """The Live event types voicertc's upstream sent ("client") and the embedded endpoint
    sent ("server"), as the wire tap reports them; the suite-wide conformance fixture
    checks each against the SDK's types."""
    seen: dict[str, list[str]] = {"server": [], "client": []}

    def record(protocol: str, who: str, kind: str, message: Any) -> None:
        if protocol != "live" or (who, kind) not in (("upstream", "client"), ("endpoint", "server")):
            return
        event = json.loads(message) if isinstance(message, str) else message
        if not seen[kind] or seen[kind][-1] != event["type"]:
            seen[kind].append(event["type"])

    tap.add_observer(record)
    yield seen
    tap.remove_observer(record)


@pytest.fixture
async def live(server) -> AsyncIterator[Any]:
    client = embedded_client(server.url)
    async with client.live.connect(max_retries=0) as connection:
        yield connection
    await client.close()


async def next_event(connection: Any, *types: str, timeout: float = 20.0) -> dict[str, Any]:
    async def find() -> dict[str, Any]:
        while True:
            event = json.loads(await connection.recv_bytes())
            check_server_event(event)
            if event["type"] in types:
                return event

    return await asyncio.wait_for(find(), timeout)


async def send(connection: Any, event: dict[str, Any]) -> None:
    check_client_event(event)
    await connection.send_raw(json.dumps(event))


async def say(connection: Any, pcm: bytes) -> None:
    for i in range(0, len(pcm), CHUNK):
        chunk = base64.b64encode(pcm[i : i + CHUNK]).decode()
        await send(connection, {"type": "session.input_audio.append", "audio": chunk})


async def test_live_endpoint_delegates_an_effect_command_and_speaks_the_result(live, speech) -> None:
    await send(live, {"type": "session.input_audio.append", "audio": ""})
    early = await next_event(live, "error")
    assert early["error"]["code"] == "session_not_started"  # out of order: told, and it goes on
    start = {
        "type": "session.start",
        "event_id": "start-1",
        "session": {
            "model": "gpt-live-1.1",
            "instructions": "Be brief.",
            "audio": {"format": {"type": "audio/pcm", "rate": 24000}, "output": {"voice": "cedar"}},
            "delegation": {"type": "client"},
        },
    }
    await send(live, start)
    started = await next_event(live, "session.started")
    assert started["session"]["model"] == "gpt-live-1.1" and started["client_event_id"] == "start-1"
    await send(live, start)
    assert (await next_event(live, "error"))["error"]["code"] == "session_already_started"

    await say(live, speech("add some delay") + bytes(24000 * 2))
    onset = await next_event(live, "session.input_transcript.delta")
    assert onset["delta"] == ""  # heard at the onset, before recognition
    heard = await next_event(live, "session.input_transcript.delta")
    assert "delay" in heard["delta"].lower() and heard["end_ms"] > heard["start_ms"]
    delegation = (await next_event(live, "session.delegation.created"))["delegation"]
    assert delegation["target"] == "client"
    result = {"ok": True, "message": "Added delay."}
    await send(
        live,
        {
            "type": "session.commentary.append",
            "content": json.dumps(result),
            "delegation_id": delegation["id"],
        },
    )
    await next_event(live, "session.commentary.appended")
    said = ""
    audio = 0
    while "delay" not in said.lower() or not audio:
        event = await next_event(live, "session.output_audio.delta", "session.output_transcript.delta")
        if event["type"] == "session.output_audio.delta":
            audio += len(base64.b64decode(event["delta"]))
        else:
            said += event["delta"]
    await send(live, {"type": "session.commentary.append", "content": "x", "delegation_id": "nope"})
    assert (await next_event(live, "error"))["error"]["param"] == "delegation_id"
    await send(live, {"type": "session.close"})
    closed = await next_event(live, "session.closed")
    assert closed["reason"] == "close_requested"


@pytest.fixture
async def live_server(conformance) -> AsyncIterator[Any]:
    running, runner = await start_server(upstream="live")
    try:
        yield running
    finally:
        await runner.cleanup()


def is_final(role: str):
    return lambda m: m.get("type") == "transcript" and m["role"] == role and m["final"]


async def test_a_call_over_live_applies_a_spoken_command(live_server, speech, conformance) -> None:
    async with listening_call(live_server.url) as call:
        assert (await call.wait_type("session"))["model"] == "gpt-live-1.1"
        mark = len(call.received)
        call.say(speech("add some delay"))
        user = await call.wait_for(is_final("user"), timeout=30)
        assert "delay" in user["text"].lower()
        effects = await call.wait_for(
            lambda m: m.get("type") == "effects" and any(e["effect"] == "delay" for e in m["chain"]),
            timeout=30,
        )
        assert effects["chain"][0]["effect"] == "delay"
        answer = await call.wait_for(is_final("assistant"), timeout=30)
        assert "delay" in answer["text"].lower()
        await call.wait_type("state", state="listening", timeout=30)
        assert call.loud_frames(mark) >= 25
        # Typed text goes as commentary, and is answered.
        since = typed = len(call.messages)
        call.send({"type": "text", "text": "add some reverb"})
        added = await call.wait_for(
            lambda m: m.get("type") == "effects" and any(e["effect"] == "reverb" for e in m["chain"]),
            since=since,
            timeout=30,
        )
        # A follow-up that names no effect is about the one this call last changed, on
        # both sides of the delegation: the endpoint delegates it and the upstream reads it.
        reverb = next(e for e in added["chain"] if e["effect"] == "reverb")
        since = len(call.messages)
        call.send({"type": "text", "text": "a bit more"})
        more = await call.wait_for(
            lambda m: (
                m.get("type") == "effects"
                and any(e["effect"] == "reverb" and e != reverb for e in m["chain"])
            ),
            since=since,
            timeout=30,
        )
        assert [e["effect"] for e in more["chain"]] == [e["effect"] for e in added["chain"]]
        # Several requests in one turn: one delegation, a call each, one answer about both.
        since = len(call.messages)
        call.send({"type": "text", "text": "add a compressor and some distortion"})
        both = await call.wait_for(
            lambda m: (
                m.get("type") == "effects"
                and {"compressor", "distortion"} <= {e["effect"] for e in m["chain"]}
            ),
            since=since,
            timeout=30,
        )
        assert [e["effect"] for e in both["chain"]][-2:] == ["compressor", "distortion"]
        answer = await call.wait_for(
            lambda m: is_final("assistant")(m) and "compress" in m["text"].lower(), since=since, timeout=30
        )
        assert "distortion" in answer["text"].lower()
        # One final message per typed text's answer, in order, each from its start (as far
        # as it was heard when the next cut it): never a piece of one, nor a tail in the next.
        beginnings = ("Added reverb", "Raised reverb", "Added compressor")
        finals = [m["text"] for m in call.messages[typed:] if is_final("assistant")(m)]
        # A final cut within its first words is a prefix of its beginning ('Raised').
        which = [
            next((n for n, b in enumerate(beginnings) if f and (f.startswith(b) or b.startswith(f))), None)
            for f in finals
        ]
        assert None not in which and which == sorted(set(which)) and which[-1] == 2, finals
    assert {"session.start", "session.input_audio.append", "session.commentary.append"} <= set(
        conformance["client"]
    )
    assert {"session.started", "session.delegation.created", "session.output_audio.delta"} <= set(
        conformance["server"]
    )


async def test_barge_in_over_live_flushes_at_the_servers_signal(live_server, speech, conformance) -> None:
    async with listening_call(live_server.url) as call:
        session = live_server.server.sessions[call.session_id]
        call.send({"type": "text", "text": "help"})
        await call.wait_type("state", state="speaking", timeout=30)
        item = session.track.playing_item
        assert item is not None
        while session.track.sent_ms(item) < 400:
            await session.track.next_frame()
        since = len(call.messages)
        call.say(speech("stop"))
        interrupted = await call.wait_type("interrupted", since=since, timeout=15)
        barge = await call.wait_for(lambda m: m.get("type") == "metrics" and "barge_in_ms" in m, since=since)
        assert interrupted["item_id"] == item
        # From Live's signal (the onset's input transcript delta) to a silent frame out.
        assert barge["barge_in_ms"] < 100
        print(f"live barge-in: signal -> silent frame {barge['barge_in_ms']} ms")


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["--upstream", "live", "--turn-detection", "none"], "turn_detection is a Realtime session setting"),
        (["--upstream", "live", "--model", "gpt-realtime-2.1"], "needs a Live model"),
        (["--upstream", "realtime", "--model", "gpt-live-1.1"], "is a Live model"),
        (["--upstream", "sideways"], "--upstream"),
    ],
)
def test_live_configuration_errors(argv: list[str], needle: str, capsys) -> None:
    assert main(["serve", *argv]) == 2
    assert needle in capsys.readouterr().err


def test_a_live_model_selects_the_live_upstream() -> None:
    assert ServerConfig(model="gpt-live-1").protocol == "live"
    assert ServerConfig(upstream="live").model == "gpt-live-1.1"
    assert ServerConfig().protocol == "realtime"


async def test_a_dropped_live_connection_is_replaced_and_the_call_goes_on(live_server, conformance) -> None:
    async with listening_call(live_server.url) as call:
        since = len(call.messages)
        call.send({"type": "text", "text": "add some delay"})
        await call.wait_for(
            lambda m: m.get("type") == "effects" and any(e["effect"] == "delay" for e in m["chain"]),
            since=since,
        )
        await call.wait_type("state", state="listening", since=since, timeout=30)
        starts = conformance["client"].count("session.start")
        since = len(call.messages)
        await live_server.server.live_endpoint.close()  # every Live socket dropped by the server
        await call.wait_type("state", state="reconnecting", since=since, timeout=15)
        await call.wait_type("state", state="listening", since=since, timeout=30)
        assert conformance["client"].count("session.start") == starts + 1
        # The new session was told the conversation and the chain, silently.
        assert "session.thinking.append" in conformance["client"]
        since = len(call.messages)
        call.send({"type": "text", "text": "add some reverb"})
        effects = await call.wait_for(
            lambda m: m.get("type") == "effects" and any(e["effect"] == "reverb" for e in m["chain"]),
            since=since,
            timeout=30,
        )
        assert [e["effect"] for e in effects["chain"]] == ["delay", "reverb"]


async def test_bad_live_events_get_an_error_and_the_session_goes_on(live) -> None:
    start = {"type": "session.start", "session": {"model": "gpt-live-1.1"}}
    await send(live, start)
    await next_event(live, "session.started")
    for bad, code in [
        ({"type": "session.input_audio.append", "audio": "!!not base64"}, "invalid_value"),
        ({"type": "session.input_audio.mute"}, "unsupported_event"),
        ({"type": "session.commentary.append", "content": 5, "delegation_id": None}, "invalid_value"),
        ({"type": "dance", "event_id": ["not", "a", "string"]}, "unknown_event"),
        (
            {"type": "session.thinking.append", "content": "x", "delegation_id": None, "extra": 1},
            "unknown_parameter",
        ),
    ]:
        await live.send_raw(json.dumps(bad))
        error = (await next_event(live, "error"))["error"]
        assert error["code"] == code, (bad, error)
    await live.send_raw("not json")
    assert (await next_event(live, "error"))["error"]["code"] == "invalid_json"
    await send(live, {"type": "session.close"})
    assert (await next_event(live, "session.closed"))["reason"] == "close_requested"
