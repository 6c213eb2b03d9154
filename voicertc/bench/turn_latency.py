"""End-to-end turn latency and memory of the embedded offline assistant.

Speaks synthesised commands and questions, in real time, into the embedded
Realtime-compatible endpoint through the real openai SDK, acting as the bridge does
(a function call is answered with its output and `response.create` at once), and times
each turn from `input_audio_buffer.speech_stopped` to the first
`response.output_audio.delta`. Memory is the resident set of the server's process tree
(this process and its speech-pool workers) before the first session and while sessions
are live.

    python -m voicertc.bench.turn_latency [--voices en-us+m3,en-gb+f2] [--json FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from aiohttp import web
from openai import AsyncOpenAI

from .. import ServerConfig, create_app
from ..assistant import tts
from ..server import SERVER_KEY
from . import procfs

RATE = 24000
CHUNK = 960  # 20 ms of PCM16
PHRASES = [
    "add some reverb",
    "set the delay to three hundred milliseconds",
    "low pass at two kilohertz",
    "turn it down six decibels",
    "remove the reverb",
    "add a compressor",
    "what effects are on",
    "clear everything",
    "help",
    "what is the weather like",
]
SESSION = {
    "type": "realtime",
    "audio": {
        "input": {
            "transcription": {"model": "local"},
            "turn_detection": {"type": "server_vad", "silence_duration_ms": 500, "prefix_padding_ms": 300},
        },
        "output": {"voice": "marin"},
    },
}


def workers_mib(pid: int) -> list[dict[str, float]]:
    """Each child process's resident set now and at its peak: the speech pool's workers,
    where the recogniser lives (one Whisper and grammar per worker)."""
    out = []
    for child in procfs.tree(pid):
        if child == pid:
            continue
        try:
            st = procfs.status(child)
        except OSError:
            continue
        out.append({"rss": round(st.get("VmRSS", 0) / 2**20, 1), "hwm": round(st.get("VmHWM", 0) / 2**20, 1)})
    return out


def loadavg() -> list[float]:
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


def tree_rss_mib(pid: int) -> float:
    total = 0
    for child in procfs.tree(pid):
        try:
            total += procfs.status(child).get("VmRSS", 0)
        except OSError:
            continue
    return total / 2**20


async def one_turn(connection: Any, pcm: bytes) -> dict[str, Any]:
    """Streams one utterance in real time; returns the turn's timings."""
    turn: dict[str, Any] = {}
    quiet = bytes(RATE * 2 // 2)  # 0.5 s before, and enough after for the VAD to stop

    async def speak() -> None:
        audio = quiet + pcm + quiet * 3
        start = time.monotonic()
        for n, i in enumerate(range(0, len(audio), CHUNK)):
            delay = start + n * 0.02 - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            await connection.send_raw(
                json.dumps(
                    {
                        "type": "input_audio_buffer.append",
                        "audio": base64.b64encode(audio[i : i + CHUNK]).decode(),
                    }
                )
            )

    async def listen() -> None:
        while True:
            event = json.loads(await connection.recv_bytes())
            now = time.monotonic()
            kind = event["type"]
            if kind == "input_audio_buffer.speech_stopped" and "stopped" not in turn:
                turn["stopped"] = now
            elif kind == "conversation.item.input_audio_transcription.completed":
                turn["transcript"] = event["transcript"]
            elif kind == "response.function_call_arguments.done":
                turn.setdefault("tool_at", now)
                turn["tool"] = json.loads(event["arguments"])
                await connection.send_raw(
                    json.dumps(
                        {
                            "type": "conversation.item.create",
                            "item": {
                                "type": "function_call_output",
                                "call_id": event["call_id"],
                                "output": '{"ok": true}',
                            },
                        }
                    )
                )
                await connection.send_raw(json.dumps({"type": "response.create"}))
            elif kind == "response.output_audio.delta" and "first_audio" not in turn:
                turn["first_audio"] = now
            elif kind == "response.done" and "first_audio" in turn:
                return

    speaker = asyncio.create_task(speak())
    try:
        await asyncio.wait_for(listen(), 30)
    finally:
        speaker.cancel()
        await asyncio.gather(speaker, return_exceptions=True)
    await connection.send_raw(json.dumps({"type": "input_audio_buffer.clear"}))
    result = {"transcript": turn.get("transcript"), "tool": turn.get("tool")}
    if "stopped" in turn and "first_audio" in turn:
        result["stopped_to_audio_ms"] = round((turn["first_audio"] - turn["stopped"]) * 1000, 1)
    if "stopped" in turn and "tool_at" in turn:
        result["stopped_to_tool_ms"] = round((turn["tool_at"] - turn["stopped"]) * 1000, 1)
    return result


async def main(voices: list[str]) -> dict[str, Any]:
    app = create_app(ServerConfig(host="127.0.0.1", port=0))
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    server = app[SERVER_KEY]
    utterances = [(v, p, tts.render(p, voice="espeak:" + v)) for v in voices for p in PHRASES]
    await server.speech.warm_up()
    rss_base = tree_rss_mib(os.getpid())
    load_start = loadavg()
    client = AsyncOpenAI(api_key="local", websocket_base_url=f"ws://127.0.0.1:{port}/v1")
    turns = []
    rss_live = []
    try:
        async with client.realtime.connect(model="voicertc-embedded") as connection:
            await connection.send_raw(json.dumps({"type": "session.update", "session": SESSION}))
            for voice, phrase, pcm in utterances:
                result = await one_turn(connection, pcm)
                result.update(voice=voice, phrase=phrase)
                turns.append(result)
                rss_live.append(tree_rss_mib(os.getpid()))
                print(f"{voice:12} {phrase!r:48} -> {result.get('stopped_to_audio_ms')} ms", file=sys.stderr)
        workers = workers_mib(os.getpid())
    finally:
        await client.close()
        await runner.cleanup()
    latencies = [t["stopped_to_audio_ms"] for t in turns if "stopped_to_audio_ms" in t]
    ordered = sorted(latencies)
    report = {
        "tool": "python -m voicertc.bench.turn_latency",
        "machine": procfs.machine(),
        "turns": turns,
        "stopped_to_first_audio_ms": {
            "p50": statistics.median(latencies) if latencies else None,
            "p90": ordered[int(0.9 * (len(ordered) - 1))] if ordered else None,
            "max": max(latencies) if latencies else None,
            "n": len(latencies),
            "of": len(turns),
        },
        "rss_mib": {"base": round(rss_base, 1), "live_max": round(max(rss_live), 1) if rss_live else None},
        "speech_workers_mib": workers,
        "loadavg": {"start": load_start, "end": loadavg()},
    }
    report["rss_mib"]["assistant"] = round(report["rss_mib"]["live_max"] - rss_base, 1) if rss_live else None
    print(json.dumps({k: v for k, v in report.items() if k not in ("turns", "machine")}, indent=1))
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--voices", default="en-us+m3,en-gb+f2", help="espeak-ng voices, comma-separated")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args()
    result = asyncio.run(main(args.voices.split(",")))
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
