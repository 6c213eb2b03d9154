"""Operating calls end to end: usage, the session_ended line and webhook, recordings,
traces, the admin view, per-user limits; real aiortc calls against the embedded assistant."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from pathlib import Path

import aiohttp
import av
import numpy as np
import pytest
from aiohttp import web
from conftest import listening_call, serve_app, start_server
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from voicertc.cli import main as cli_main
from voicertc.client import CallClient, CallError
from voicertc.edge.access import AccessPolicy, make_jwt
from voicertc.metrics import METRICS
from voicertc.ops.tracing import voicertc_tracer

SECRET = "ops-test-secret"
ADMIN = "ops-operator-token"


class _Webhook:
    """A local receiver for --usage-webhook; `status` is what it answers."""

    def __init__(self, status: int = 204) -> None:
        self.status = status
        self.records: list[dict] = []
        self.arrived = asyncio.Event()

    async def handle(self, request: web.Request) -> web.Response:
        self.records.append(await request.json())
        self.arrived.set()
        return web.Response(status=self.status)


@pytest.fixture
async def webhook():
    receiver = _Webhook()
    app = web.Application()
    app.router.add_post("/usage", receiver.handle)
    url, runner = await serve_app(app)
    receiver.url = f"{url}/usage"  # type: ignore[attr-defined]
    yield receiver
    await runner.cleanup()


def _ended_records(caplog: pytest.LogCaptureFixture) -> list[dict]:
    return [r.fields for r in caplog.records if getattr(r, "fields", {}).get("event") == "session_ended"]


async def _wait(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


def _lag(haystack: np.ndarray, needle: np.ndarray) -> tuple[int, float]:
    """Where `needle` best matches in `haystack` (samples), and the normalised correlation there."""
    n = len(haystack) + len(needle)
    size = 1 << (n - 1).bit_length()
    corr = np.fft.irfft(np.fft.rfft(haystack, size) * np.conj(np.fft.rfft(needle, size)), size)
    corr = corr[: len(haystack) - len(needle) + 1]
    lag = int(np.argmax(corr))
    window = haystack[lag : lag + len(needle)]
    score = float(corr[lag] / (np.linalg.norm(window) * np.linalg.norm(needle) + 1e-9))
    return lag, score


async def test_a_spoken_call_is_accounted_recorded_and_traced(
    tmp_path: Path, webhook, speech, caplog: pytest.LogCaptureFixture
) -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    running, runner = await start_server(record_dir=str(tmp_path), usage_webhook=webhook.url)
    running.server.ops.tracer = voicertc_tracer(provider)
    caplog.set_level(logging.INFO, logger="voicertc.calls")
    spoken = speech("add some reverb")
    try:
        async with listening_call(running.url) as call:
            notice = await call.wait_type("notice", code="recording")
            assert "recorded" in notice["message"]
            loop = asyncio.get_running_loop()
            said_at = loop.time()
            call.say(spoken)
            await call.wait_for(lambda m: m.get("type") == "transcript" and m["role"] == "assistant"
                                and m["final"], timeout=30)  # fmt: skip
            usage = await call.wait_type("usage", timeout=20)
            assert usage["usage"]["responses"] >= 1 and usage["duration_s"] > 0
            # All of the reply reaches the client before hanging up.
            await call.wait_type("state", state="listening", since=call.messages.index(usage), timeout=30)
            session_id = call.session_id
            heard = call.received_audio()
            heard_at = list(call.received_at)
    finally:
        await runner.cleanup()

    # One session_ended line, with duration, reason and usage.
    [record] = [r for r in _ended_records(caplog) if r["session_id"] == session_id]
    assert record["end_reason"] == "hangup" and record["user"] is None
    assert record["upstream"] == "embedded" and record["model"]
    assert 1 < record["duration_s"] < 120
    usage = record["usage"]
    assert usage["turns"] >= 1 and usage["responses"] >= 1
    assert usage["audio_in_s"] > 1.0 and usage["audio_out_s"] > 0.3
    # The webhook got the same object.
    await asyncio.wait_for(webhook.arrived.wait(), 10)
    assert webhook.records == [record]

    # The recording: both voices, each on its channel, where they happened.
    meta = json.loads((tmp_path / f"{session_id}.json").read_text())
    assert meta["session_id"] == session_id and meta["end_reason"] == "hangup"
    roles = [c["role"] for c in meta["captions"]]
    assert "user" in roles and "assistant" in roles
    user_caption = next(c for c in meta["captions"] if c["role"] == "user")
    assert "reverb" in user_caption["text"].lower()
    assert any(e["effect"] == "reverb" for change in meta["effects"] for e in change["chain"])
    assert meta["usage"] == usage
    with av.open(str(tmp_path / f"{session_id}.ogg")) as container:
        stream = container.streams.audio[0]
        assert stream.codec_context.name == "opus" and stream.channels == 2
        audio = np.concatenate([f.to_ndarray() for f in container.decode(stream)], axis=1)
    caller, assistant = audio[0], audio[1]
    sent = np.frombuffer(spoken, dtype=np.int16).astype(np.float32) / 32768
    sent_48k = np.repeat(sent, 2)  # the recording is at 48 kHz; the correlation needs no better
    caller_at, caller_score = _lag(caller, sent_48k)
    assert caller_score > 0.6, caller_score
    # The reply as the client heard it: its first loud second.
    loud = next(i for i, frame in enumerate(np.split(heard, len(heard) // 960))
                if np.sqrt(np.mean(frame.astype(np.float64) ** 2)) > 300)  # fmt: skip
    reply = heard[loud * 960 : loud * 960 + 48000].astype(np.float32) / 32768
    assistant_at, assistant_score = _lag(assistant, reply)
    assert assistant_score > 0.6, assistant_score
    # Aligned: in the recording the reply follows the speech by what the client measured,
    # within the two network legs and jitter buffers.
    in_recording = (assistant_at - caller_at) / 48000
    at_client = heard_at[loud] - said_at
    assert abs(in_recording - at_client) < 0.25, (in_recording, at_client)

    # Traces: the call, and a turn answered, with its upstream and server parts.
    spans = exporter.get_finished_spans()
    [call_span] = [s for s in spans if s.name == "voicertc.call"]
    assert call_span.attributes["voicertc.end_reason"] == "hangup"
    turns = [s for s in spans if s.name == "voicertc.turn" and s.attributes["voicertc.turn.answered"]]
    assert turns and turns[0].parent.span_id == call_span.context.span_id
    parts = {s.name for s in spans if s.parent is not None and s.parent.span_id == turns[0].context.span_id}
    assert parts == {"voicertc.turn.upstream", "voicertc.turn.server"}


async def test_a_failing_webhook_never_affects_the_call(caplog: pytest.LogCaptureFixture) -> None:
    receiver = _Webhook(status=500)
    app = web.Application()
    app.router.add_post("/usage", receiver.handle)
    url, hook_runner = await serve_app(app)
    running, runner = await start_server(usage_webhook=f"{url}/usage")
    running.server.ops.webhook._retry_delays = (0.01,)  # type: ignore[union-attr]
    caplog.set_level(logging.INFO, logger="voicertc.calls")
    failures = METRICS.webhook_failures.value(reason="undelivered")
    try:
        async with listening_call(running.url) as call:
            call.send({"type": "text", "text": "what effects are on"})
            await call.wait_type("usage", timeout=20)
            session_id = call.session_id
        await _wait(lambda: METRICS.webhook_failures.value(reason="undelivered") > failures)
        assert len(receiver.records) == 2  # tried, and tried again
        assert [r["session_id"] for r in _ended_records(caplog)][-1] == session_id
        # And the next call goes on as if nothing happened.
        async with listening_call(running.url) as call:
            call.send({"type": "text", "text": "help"})
            await call.wait_type("usage", timeout=20)
    finally:
        await runner.cleanup()
        await hook_runner.cleanup()


async def test_a_call_whose_media_stops_is_logged_and_counted(caplog: pytest.LogCaptureFixture) -> None:
    running, runner = await start_server(media_timeout_seconds=1.5)
    caplog.set_level(logging.INFO, logger="voicertc.calls")
    before = METRICS.calls_ended.value(reason="media_timeout")
    try:
        client = CallClient(running.url)
        await client.connect()
        await client.wait_type("state", state="listening", timeout=20)
        session = running.server.sessions[client.session_id]
        client.mic.stop()  # the tab froze: the connection stays, the audio stops
        await asyncio.wait_for(session.wait_closed(), 15)
        await client.close()
    finally:
        await runner.cleanup()
    [record] = [r for r in _ended_records(caplog) if r["session_id"] == client.session_id]
    assert record["end_reason"] == "media_timeout"
    assert METRICS.calls_ended.value(reason="media_timeout") == before + 1
    assert 'voicertc_calls_ended_total{reason="media_timeout"}' in METRICS.render()


def _jwt(sub: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_jwt({'exp': time.time() + 300, 'sub': sub}, SECRET)}"}


async def _request(method: str, url: str, **kwargs) -> tuple[int, dict]:
    async with aiohttp.ClientSession() as http:
        async with http.request(method, url, **kwargs) as response:
            body = await response.json() if response.content_type == "application/json" else {}
            return response.status, body


async def test_admin_lists_calls_and_ends_one_with_a_notice(caplog: pytest.LogCaptureFixture) -> None:
    running, runner = await start_server(
        access=AccessPolicy(auth_token=ADMIN, jwt_secret=SECRET, calls_per_minute=None)
    )
    admin = {"Authorization": f"Bearer {ADMIN}"}
    caplog.set_level(logging.INFO, logger="voicertc.calls")
    try:
        assert (await _request("GET", f"{running.url}/admin/sessions"))[0] == 401
        assert (await _request("GET", f"{running.url}/admin/sessions", headers=_jwt("alice")))[0] == 401
        dialled = time.monotonic()
        async with listening_call(running.url, headers=_jwt("alice")) as call:
            call.send({"type": "text", "text": "what effects are on"})
            await call.wait_type("usage", timeout=20)
            status, body = await _request("GET", f"{running.url}/admin/sessions", headers=admin)
            # age_s is rounded to 0.1 s and a fast call is listed younger than 0.05 s: bound it, not > 0
            listed_age_bound = time.monotonic() - dialled + 0.1
            assert status == 200
            [listed] = body["sessions"]
            assert listed["session_id"] == call.session_id and listed["user"] == "alice"
            assert listed["upstream"] == "embedded"
            assert listed["state"] in ("listening", "thinking", "speaking")
            assert 0 <= listed["age_s"] <= listed_age_bound and listed["usage"]["responses"] >= 1
            status, _ = await _request("DELETE", f"{running.url}/admin/sessions/nope", headers=admin)
            assert status == 404
            url = f"{running.url}/admin/sessions/{call.session_id}"
            assert (await _request("DELETE", url, headers=admin))[0] == 204
            notice = await call.wait_type("notice", code="call_ended")
            assert notice["reason"] == "ended_by_operator" and notice["message"]
        assert running.server.sessions == {}
        [record] = [r for r in _ended_records(caplog) if r["session_id"] == call.session_id]
        assert record["end_reason"] == "ended_by_operator" and record["user"] == "alice"
    finally:
        await runner.cleanup()
    # Without a static token the routes are off.
    running, runner = await start_server()
    try:
        status, body = await _request("GET", f"{running.url}/admin/sessions")
        assert status == 403 and body["error"]["code"] == "admin_disabled"
    finally:
        await runner.cleanup()


async def test_per_user_session_cap_and_rate_limit() -> None:
    running, runner = await start_server(
        access=AccessPolicy(jwt_secret=SECRET, calls_per_minute=None), max_sessions_per_user=1
    )
    try:
        async with listening_call(running.url, headers=_jwt("alice")):
            with pytest.raises(CallError) as refused:
                await CallClient(running.url, headers=_jwt("alice")).connect()
            assert refused.value.status == 429 and refused.value.code == "too_many_sessions"
            async with listening_call(running.url, headers=_jwt("bob")):
                assert len(running.server.sessions) == 2
    finally:
        await runner.cleanup()
    # The rate limit counts per user, not per address, when the token names one.
    running, runner = await start_server(access=AccessPolicy(jwt_secret=SECRET, calls_per_minute=1))
    try:
        offer = f"{running.url}/offer"
        assert (await _request("POST", offer, json={}, headers=_jwt("alice")))[0] == 400
        status, body = await _request("POST", offer, json={}, headers=_jwt("alice"))
        assert status == 429 and "user" in body["error"]["message"]
        assert (await _request("POST", offer, json={}, headers=_jwt("bob")))[0] == 400
    finally:
        await runner.cleanup()


def test_an_unwritable_record_dir_is_a_configuration_error(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    assert cli_main(["serve", "--record-dir", str(blocker / "calls")]) == 2
    assert "--record-dir" in capsys.readouterr().err
    assert cli_main(["serve", "--max-sessions-per-user", "2"]) == 2
    assert "--jwt-secret" in capsys.readouterr().err
    assert cli_main(["serve", "--usage-webhook", "ftp://x"]) == 2
