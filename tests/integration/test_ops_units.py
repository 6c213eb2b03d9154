"""The operating pieces on their own: usage sums, the session_ended line, the webhook's
queue and retries against a real local HTTP server, the recorder's file, the trace spans."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from pathlib import Path

import av
import numpy as np
import pytest
from aiohttp import web
from conftest import serve_app

from voicertc.logs import JsonFormatter
from voicertc.metrics import METRICS
from voicertc.ops.call_log import log_session_ended, session_ended
from voicertc.ops.recording import CallRecording, check_record_dir
from voicertc.ops.usage import CallUsage
from voicertc.ops.webhook import UsageWebhook


def _done(usage: dict | None) -> dict:
    return {"type": "response.done", "response": {"id": "r", "status": "completed", "usage": usage}}


def test_usage_sums_realtime_responses_and_takes_live_seconds_as_cumulative() -> None:
    usage = CallUsage.starting_now()
    usage.add_event(
        _done(
            {
                "input_tokens": 120,
                "output_tokens": 80,
                "input_token_details": {"text_tokens": 20, "audio_tokens": 100, "cached_tokens": 64},
                "output_token_details": {"text_tokens": 30, "audio_tokens": 50},
            }
        )
    )
    usage.add_event(_done({"input_tokens": 10, "output_tokens": "lots", "input_token_details": None}))
    usage.add_event(_done(None))  # a cancelled response carries no usage
    assert not usage.add_event({"type": "response.output_audio.delta"})
    for seconds in (3, 7):  # cumulative: the latest counts, not the sum
        usage.add_event({"type": "session.usage.updated", "usage": {"seconds": seconds}})
    usage.new_connection()
    usage.add_event({"type": "session.usage.updated", "usage": {"seconds": 2}})
    usage.add_audio_in(48000)
    usage.add_audio_out(24000)
    got = usage.to_dict()
    assert got["responses"] == 3
    assert (got["input_tokens"], got["output_tokens"], got["cached_tokens"]) == (130, 80, 64)
    assert (got["input_audio_tokens"], got["output_audio_tokens"], got["output_text_tokens"]) == (100, 50, 30)
    assert got["live_seconds"] == 9 and got["reconnects"] == 1
    assert (got["audio_in_s"], got["audio_out_s"]) == (1.0, 0.5)


def test_session_ended_is_one_json_object_with_event_and_fields(caplog: pytest.LogCaptureFixture) -> None:
    record = session_ended(
        session_id="abcdefgh1234",
        user="alice",
        started_at=1_800_000_000.25,
        duration_s=12.3456,
        end_reason="hangup",
        upstream="embedded",
        model="gpt-realtime-2.1",
        usage={"turns": 2},
    )
    assert record["start"] == "2027-01-15T08:00:00.250Z" and record["duration_s"] == 12.346
    with caplog.at_level(logging.INFO, logger="voicertc.calls"):
        log_session_ended(record)
    line = JsonFormatter().format(caplog.records[-1])
    parsed = json.loads(line)
    assert parsed["event"] == "session_ended"
    assert {k: parsed[k] for k in record} == record
    assert 'end_reason="hangup"' in caplog.records[-1].getMessage()


class _Receiver:
    """A local HTTP server answering with the statuses it is given, then 204."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = statuses
        self.bodies: list[dict] = []
        self.attempts = 0
        self.received = asyncio.Event()

    async def handle(self, request: web.Request) -> web.Response:
        self.attempts += 1
        body = await request.json()
        if self.statuses:
            return web.Response(status=self.statuses.pop(0))
        self.bodies.append(body)
        self.received.set()
        return web.Response(status=204)


async def test_webhook_retries_then_delivers_and_never_blocks() -> None:
    receiver = _Receiver([503, 500])
    app = web.Application()
    app.router.add_post("/usage", receiver.handle)
    url, runner = await serve_app(app)
    hook = UsageWebhook(f"{url}/usage", retry_delays=(0.01, 0.01, 0.01))
    hook.start()
    try:
        hook.submit({"event": "session_ended", "session_id": "x"})
        await asyncio.wait_for(receiver.received.wait(), 5)
        assert receiver.bodies == [{"event": "session_ended", "session_id": "x"}]
        assert receiver.attempts == 3 and hook.delivered == 1
    finally:
        await hook.close()
        await runner.cleanup()


async def test_webhook_that_is_down_is_given_up_on_and_a_full_queue_drops_the_oldest() -> None:
    before = METRICS.webhook_failures.value(reason="undelivered")
    hook = UsageWebhook("http://127.0.0.1:9/nobody", max_queued=2, retry_delays=(0.01,))
    started = time.monotonic()
    for index in range(3):  # before start(): nothing is sent, so the queue fills
        hook.submit({"session_id": str(index)})
    assert time.monotonic() - started < 0.05
    assert hook.dropped == 1
    hook.start()
    for _ in range(200):
        if hook.failed == 2:
            break
        await asyncio.sleep(0.02)
    assert hook.failed == 2 and hook.delivered == 0
    assert METRICS.webhook_failures.value(reason="undelivered") == before + 2
    await hook.close(drain_s=0.1)


def test_an_unwritable_record_dir_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(ValueError, match="not writable"):
        check_record_dir(blocker / "calls")
    assert check_record_dir(tmp_path / "new" / "calls").is_dir()


def _tone(freq: float, seconds: float, rate: int) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (np.sin(2 * np.pi * freq * t) * 8000).astype(np.int16)


def _decode(path: Path) -> np.ndarray:
    with av.open(str(path)) as container:
        frames = [f.to_ndarray() for f in container.decode(audio=0)]
    return np.concatenate(frames, axis=1)  # planar float: (2, samples)


async def test_recording_places_each_voice_on_its_channel_at_its_time(tmp_path: Path) -> None:
    recording = CallRecording(tmp_path, "call1")
    caller_tone = _tone(440, 0.4, 24000)
    assistant_tone = _tone(1000, 0.4, 24000)
    frames_24k = caller_tone.reshape(-1, 480)
    assistant_frames = assistant_tone.reshape(-1, 480)
    silence24 = np.zeros(480, np.int16)
    # 0-0.4 s the caller speaks, 0.6-1.0 s the assistant answers, both paced at real time.
    loop = asyncio.get_running_loop()
    start = loop.time()
    for index in range(60):
        await asyncio.sleep(max(0.0, start + (index + 1) * 0.02 - loop.time()))
        recording.caller((frames_24k[index] if index < 20 else silence24).tobytes())
        if index == 0:
            caller_sent_at = time.monotonic() - recording.started
        if index == 30:
            tone_sent_at = time.monotonic() - recording.started
        recording.assistant(assistant_frames[index - 30] if 30 <= index < 50 else silence24)
        if index == 10:
            recording.caption("user", "hello", "item1")
    await recording.close({"turns": 1}, "hangup")
    audio = _decode(recording.audio_path)
    assert audio.shape[0] == 2 and audio.shape[1] >= int(1.1 * 48000)
    rms = lambda x: float(np.sqrt(np.mean(x**2)))  # noqa: E731
    window = lambda ch, a, b: audio[ch, int(a * 48000) : int(b * 48000)]  # noqa: E731
    # The assistant's tone starts where it was sent (about 0.6 s in; later on a busy
    # machine), within what the recorder absorbs (60 ms late, 100 ms early) and a frame.
    onset = int(np.argmax(np.abs(audio[1]) > 0.05)) / 48000
    assert abs(onset - tone_sent_at) < 0.12, (onset, tone_sent_at)
    assert rms(window(1, onset + 0.05, onset + 0.35)) > 0.1 and rms(window(1, 0.05, onset - 0.05)) < 0.01
    # The caller's tone is on the other channel, before it, and alone there.
    assert rms(window(0, caller_sent_at + 0.05, caller_sent_at + 0.3)) > 0.1
    assert rms(window(0, onset, onset + 0.4)) < 0.01
    meta = json.loads(recording.json_path.read_text())
    assert meta["captions"][0]["text"] == "hello" and 0.1 < meta["captions"][0]["t"] < 0.4
    assert meta["usage"] == {"turns": 1} and meta["end_reason"] == "hangup"
    assert meta["audio"] == "call1.ogg" and meta["channels"] == ["caller", "assistant"]


async def test_recording_places_the_callers_frames_by_their_timestamps(tmp_path: Path) -> None:
    # Arrival is stamped by a clock the test moves (no waiting): the caller's frames come
    # late and in bursts, some never, and a second track (a resumed call) starts its
    # timestamps again; the assistant's frames leave on time. Each voice's tone is said
    # at the same moment, so they must start together in the file.
    now = [100.0]
    recording = CallRecording(tmp_path, "call-jitter", clock=lambda: now[0])
    tone24, tone24b = _tone(440, 0.4, 24000).reshape(-1, 480), _tone(1000, 0.4, 24000).reshape(-1, 480)
    silence24 = np.zeros(480, np.int16)

    def caller_frame(k: int) -> bytes:  # on either track, the tone is frames 30-49
        return (tone24[k - 30] if 30 <= k < 50 else silence24).tobytes()

    # tick -> caller frames (first track's numbers) arriving then: 0-2 late together,
    # 8-17 held 200 ms, 22-24 lost, 33-36 late 80 ms.
    arrivals: dict[int, list[int]] = {tick: [tick] for tick in range(60)}
    for late, tick in ((range(0, 2), 2), (range(8, 18), 18), (range(33, 37), 37)):
        for k in late:
            arrivals[k].remove(k)
            arrivals[tick].insert(len(arrivals[tick]) - 1, k)
    for k in (22, 23, 24):
        arrivals[k].remove(k)
    second_track_from = 80  # ticks 80-139 carry the second track's frames 0-59
    for tick in range(140):
        now[0] = 100.0 + (tick + 1) * 0.02
        if tick < 60:
            for k in arrivals[tick]:
                recording.caller(caller_frame(k), k * 960)
        elif tick >= second_track_from:
            k = tick - second_track_from
            recording.caller(caller_frame(k), k * 960)
        said = tick % second_track_from if tick < 60 or tick >= second_track_from else -1
        recording.assistant(tone24b[said - 30] if 30 <= said < 50 else silence24)
    await recording.close()
    audio = _decode(recording.audio_path)

    def onset(channel: int, after: float) -> float:
        samples = np.abs(audio[channel, int(after * 48000) :])
        return after + int(np.argmax(samples > 0.05)) / 48000

    rms = lambda ch, a, b: float(np.sqrt(np.mean(audio[ch, int(a * 48000) : int(b * 48000)] ** 2)))  # noqa: E731
    for first_frame in (0, second_track_from):
        start = first_frame * 0.02
        caller, assistant = onset(0, start), onset(1, start)
        assert abs(caller - assistant) < 0.003, (first_frame, caller, assistant)
        # The whole tone is there (none of it dropped), and then silence.
        assert rms(0, caller + 0.01, caller + 0.39) > 0.1 and rms(0, caller + 0.42, caller + 0.6) < 0.01
        assert rms(0, start + 0.05, caller - 0.02) < 0.01


async def test_recording_written_as_the_call_goes(tmp_path: Path) -> None:
    recording = CallRecording(tmp_path, "call2")
    loop = asyncio.get_running_loop()
    start = loop.time()
    noise = (np.random.default_rng(1).standard_normal(480) * 3000).astype(np.int16)
    for index in range(150):  # 3 s
        await asyncio.sleep(max(0.0, start + (index + 1) * 0.02 - loop.time()))
        recording.assistant(noise)
        recording.caller(noise.tobytes())
    # Before close: most of the call is on disk already (a crash would lose about a second).
    size_mid_call = recording.audio_path.stat().st_size
    await recording.close()
    assert size_mid_call > 0.5 * recording.audio_path.stat().st_size


def test_trace_spans_of_a_turn_a_barge_in_and_a_reconnect() -> None:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    from voicertc.ops.tracing import CallTrace, voicertc_tracer

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace = CallTrace(voicertc_tracer(provider), "call3", {"voicertc.upstream": "embedded"})
    trace.turn_ended()
    trace.first_delta()
    trace.first_frame()
    trace.turn_ended("text")  # never answered: ended by the call's end
    now = time.monotonic()
    trace.barge_in(now - 0.05, now - 0.01)
    trace.connection_lost()
    trace.connected()
    trace.end("hangup", {"turns": 2})
    finished = exporter.get_finished_spans()
    spans = {s.name: s for s in reversed(finished)}  # the first of each name
    call = spans["voicertc.call"]
    assert call.attributes["voicertc.end_reason"] == "hangup" and call.attributes["voicertc.usage.turns"] == 2
    turns = [s for s in finished if s.name == "voicertc.turn"]
    assert [t.attributes["voicertc.turn.answered"] for t in turns] == [True, False]
    upstream, server = spans["voicertc.turn.upstream"], spans["voicertc.turn.server"]
    assert upstream.parent.span_id == turns[0].context.span_id == server.parent.span_id
    assert turns[0].start_time <= upstream.start_time <= upstream.end_time <= server.start_time
    assert server.end_time <= turns[0].end_time
    assert all(s.context.trace_id == call.context.trace_id for s in finished)
    barge = spans["voicertc.barge_in"]
    assert 0.03 < (barge.end_time - barge.start_time) / 1e9 < 0.05
    assert spans["voicertc.reconnect"].parent.span_id == call.context.span_id
