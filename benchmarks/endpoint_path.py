"""A bench call's 20 ms frame through the upstream and the embedded endpoint, in one process.

Issue 22's echo calls run the bridge's upstream client and the embedded endpoint in one
server process; this times that part of a frame's way with the capacity benchmark's own
audio (its two-syllable utterance every 2 s, Opus-coded and decoded as the server does),
so each change to it can be measured on a busy machine:

- `round_trip`: `Upstream.append_audio` -> its send task -> the openai SDK's websocket ->
  aiohttp -> `RealtimeEndpoint` (JSON, base64, VAD, turns, the echo brain's answer) ->
  its deltas read back by the upstream's receive task, per frame of the caller's audio;
- `round_trip_40ms_appends`: the same with two frames per append message (not done: it
  would delay every VAD decision by up to 20 ms), per 20 ms of audio;
- `wire`: one append message sent by the SDK's `send_raw` and read by aiohttp, per message;
- `vad`: `VoiceActivityDetector.process` alone on the same frames, and on a frame of
  digital silence and a frame of the utterance, with the Silero windows it ran.

CPU time of this process (`time.process_time`), the best of 7 rounds and the median, so a
busy neighbour can only slow a round. Run it on another tree for a before figure:

    PYTHONPATH=/path/to/tree python benchmarks/endpoint_path.py [--json out.json]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import time
from collections.abc import Awaitable, Callable
from typing import Any

import numpy as np
from aiohttp import web
from aiortc.jitterbuffer import JitterFrame
from figures import loadavg, publish, summary

from voicertc.assistant import silero
from voicertc.assistant.brains import EchoBrain
from voicertc.assistant.endpoint.websocket import RealtimeEndpoint
from voicertc.assistant.vad import VoiceActivityDetector
from voicertc.audio.opus24 import Opus24Decoder
from voicertc.bench.lightcall import precode
from voicertc.bench.utterance import make_syllables
from voicertc.protocol import realtime as rt
from voicertc.upstream.realtime import Upstream, UpstreamConfig

ROUNDS = 7
CYCLE_FRAMES = 100  # the benchmark's period: one utterance every 2 s
CYCLES = 5


def cycle_pcm() -> list[bytes]:
    """The load's 2 s cycle as the server hands it upstream: 24 kHz mono PCM16 frames of
    settled digital silence and the utterance, decoded from the packets the load sends."""
    audio = precode(make_syllables().pcm16)
    packets = [audio.silence] * 40 + list(audio.utterance)
    packets += [audio.silence] * (CYCLE_FRAMES - len(packets))
    decoder = Opus24Decoder()
    return [decoder.decode(JitterFrame(p, k * 960))[0].pcm for k, p in enumerate(packets)]


async def rounds(run: Callable[[], Awaitable[int]]) -> dict[str, float]:
    times = []
    for _ in range(ROUNDS):
        start = time.process_time()
        n = await run()
        times.append((time.process_time() - start) / n * 1e6)
    return summary(times)


class Tally:
    """Counts what arrives; `reach(n)` waits until n more have."""

    def __init__(self) -> None:
        self.count = 0
        self._target = 0
        self._reached = asyncio.Event()

    def add(self) -> None:
        self.count += 1
        if self.count >= self._target:
            self._reached.set()

    def reach(self, more: int) -> Awaitable[Any]:
        """From now, n more: counted from the call, not from when it is awaited."""
        self._target = self.count + more
        self._reached.clear()
        return self._reached.wait()


async def round_trip(frames: list[bytes], frames_per_append: int = 1) -> dict[str, Any]:
    endpoint = RealtimeEndpoint(EchoBrain)
    app = web.Application()
    app.router.add_get("/v1/realtime", endpoint.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    counts: dict[str, int] = {}
    answers = Tally()

    async def on_event(event: dict[str, Any]) -> None:
        counts[event["type"]] = counts.get(event["type"], 0) + 1
        if event["type"] == rt.RESPONSE_DONE:
            answers.add()

    upstream = Upstream(UpstreamConfig(base_url=f"ws://127.0.0.1:{port}/v1"), on_event)
    await upstream.connect()

    async def run() -> int:
        answered = answers.reach(CYCLES)
        for pcm in frames:
            upstream.append_audio(pcm)
            await asyncio.sleep(0)  # the send task
            await asyncio.sleep(0)  # the endpoint's read
        await answered
        return len(frames) * frames_per_append

    try:
        out = {"per_frame": await rounds(run), "events_read": counts}
    finally:
        await upstream.close()
        await endpoint.close()
        await runner.cleanup()
    return out


async def wire(messages: list[str]) -> dict[str, Any]:
    got = Tally()

    async def sink(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=1 << 20, heartbeat=None, compress=False)
        await ws.prepare(request)
        async for _ in ws:
            got.add()
        return ws

    app = web.Application()
    app.router.add_get("/v1/realtime", sink)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    upstream = Upstream(UpstreamConfig(base_url=f"ws://127.0.0.1:{port}/v1"), lambda e: asyncio.sleep(0))
    connection = await upstream._client.realtime.connect(model="m").enter()

    def sending(send: Callable[[str], Awaitable[None]]) -> Callable[[], Awaitable[int]]:
        async def run() -> int:
            arrived = got.reach(len(messages))
            for message in messages:
                await send(message)
                await asyncio.sleep(0)
            await arrived
            return len(messages)

        return run

    try:
        out = {
            "sdk_send_raw": await rounds(sending(connection.send_raw)),
            "websockets_send": await rounds(sending(connection._connection.send)),
        }
    finally:
        await connection.close()
        await runner.cleanup()
    return out


def vad(frames: list[bytes]) -> dict[str, Any]:
    runs = 0
    process = silero.SileroStream.process

    def counted(self: silero.SileroStream, window: np.ndarray) -> float:
        nonlocal runs
        runs += 1
        return process(self, window)

    def per_frame(chunk: list[bytes]) -> dict[str, float]:
        times = []
        for _ in range(ROUNDS):
            detector = VoiceActivityDetector()
            start = time.process_time()
            for pcm in chunk:
                detector.process(pcm)
            times.append((time.process_time() - start) / len(chunk) * 1e6)
        return summary(times)

    silero.SileroStream.process = counted  # type: ignore[method-assign]
    try:
        cycle = per_frame(frames)
        cycle["silero_runs_per_s"] = round(runs / ROUNDS / (len(frames) * 0.02), 2)
    finally:
        silero.SileroStream.process = process  # type: ignore[method-assign]
    return {
        "cycle": cycle,
        "digital_silence": per_frame([bytes(960)] * 500),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()
    load_before = loadavg()
    frames = cycle_pcm() * CYCLES
    messages = [rt.append_json(base64.b64encode(p).decode("ascii")) for p in frames]
    report: dict[str, Any] = {
        "loadavg_before": load_before,
        "what": "CPU time of the process per 20 ms frame, best and median of 7 rounds",
        "round_trip": asyncio.run(round_trip(frames)),
        # Not done: 40 ms appends (two frames a message) would delay every VAD decision by
        # up to 20 ms of wall time; measured for what it would save.
        "round_trip_40ms_appends": asyncio.run(
            round_trip([a + b for a, b in zip(frames[::2], frames[1::2], strict=True)], 2)
        ),
        "wire": asyncio.run(wire(messages)),
        "vad": vad(frames),
    }
    publish(report, args.json)


if __name__ == "__main__":
    main()
