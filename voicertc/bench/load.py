"""The client side of the benchmark: one process driving several echo calls.

`python -m voicertc.bench.load --url URL --calls N` connects N `CallClient` calls, has
each speak the benchmark utterance (`make_syllables`: a lone vowel goes unheard by the
endpoint's VAD at some onset phases) once per period, and records what comes back; an
utterance with no echo is counted (`unheard`), not passed over. It
speaks JSON lines: it prints `{"type": "ready", ...}` once every call is live, reads
`{"type": "stop", "window": [t0, t1]}` on stdin, then hangs up and prints
`{"type": "result", ...}` measured over that window of `time.monotonic()` (one clock for
every process on the machine). It exits on its own at `--deadline` or when stdin closes.

The recorder runs on asyncio's default loop on purpose: `loop.time()` is then
`time.monotonic()` at full resolution (uvloop's clock ticks in milliseconds).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import random
import sys
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..client import CallClient
from ..patches import use_host_addresses
from .lightcall import LightCall, PrecodedAudio, precode
from .utterance import Utterance, first_above, make_syllables

logger = logging.getLogger("voicertc.bench.load")

FRAME_S = 0.02
_WEBRTC_RATE = 48000
_DIGEST_EVERY_S = 0.25


@dataclass
class FrameLog:
    """Per inbound frame, what the analysis needs; the audio itself is dropped as it comes."""

    arrival: list[float] = field(default_factory=list)
    onset: list[int] = field(default_factory=list)  # first loud sample index, -1 if none
    #: RTP sequence numbers (light calls only): gaps count frames that never arrived.
    sequence: list[int] | None = None


@dataclass
class Turn:
    at: float  # when the metrics message was seen
    total_ms: float
    upstream_ms: float
    server_ms: float


class BenchCall:
    """One call: speaks the utterance every `period_s`, logs every frame and message."""

    def __init__(
        self,
        url: str,
        utterance: Utterance,
        period_s: float,
        phase_s: float,
        silence_s: float,
        precoded: PrecodedAudio | None = None,
    ) -> None:
        self._threshold = 0.1 * utterance.peak
        self.light: LightCall | None = None
        if precoded is not None:
            self.light = LightCall(url, precoded, self._threshold)
        self.client: CallClient = self.light or CallClient(url)
        self.silence_s = silence_s
        self.utterance = utterance
        self.period_s = period_s
        self.phase_s = phase_s
        self.spoken: list[float] = []  # monotonic time each utterance's first sample left
        # The light call logs frames itself, already in this form.
        self.frames = (
            FrameLog(self.light.log.arrival, self.light.log.onset, self.light.log.sequence)
            if self.light
            else FrameLog()
        )
        self.turns: list[Turn] = []
        self.errors: list[str] = []
        self._messages_seen = 0
        self.client.mic.on_item_started = self._on_item_started

    def _on_item_started(self, item_id: str) -> None:
        self.spoken.append(time.monotonic())

    async def connect(self, timeout_s: float) -> None:
        await self.client.connect(timeout=timeout_s)
        await self.client.wait_type("state", state="listening", timeout=timeout_s)

    async def speak(self) -> None:
        await asyncio.sleep(self.phase_s)
        while True:
            self.client.say(self.utterance.pcm16)
            await asyncio.sleep(self.period_s)

    async def digest_forever(self) -> None:
        while True:
            self.digest()
            await asyncio.sleep(_DIGEST_EVERY_S)

    def digest(self) -> None:
        """Moves new frames and messages into compact logs (so long runs stay small)."""
        received, arrived = self.client.received, self.client.received_at
        count = len(received)
        for samples, at in zip(received[:count], arrived[:count], strict=True):
            self.frames.arrival.append(at)
            onset = first_above(samples, self._threshold)
            self.frames.onset.append(-1 if onset is None else onset)
        del received[:count]
        del arrived[:count]
        now = time.monotonic()
        for message in self.client.messages[self._messages_seen :]:
            if message.get("type") == "metrics" and isinstance(message.get("turn"), dict):
                turn = message["turn"]
                self.turns.append(
                    Turn(now, float(turn["total_ms"]), float(turn["upstream_ms"]), float(turn["server_ms"]))
                )
            elif message.get("type") == "error":
                self.errors.append(str(message.get("code")))
        self._messages_seen = len(self.client.messages)

    def analyse(self, t0: float, t1: float) -> dict[str, Any]:
        arrival = np.asarray(self.frames.arrival)
        in_window = (arrival >= t0) & (arrival <= t1)
        times = arrival[in_window]
        result: dict[str, Any] = {"received": int(times.size)}
        if times.size >= 2:
            # Frames are counted over the span they cover, so the window's edges (where a
            # frame may fall either side) cannot read as a missing frame.
            span = float(times[-1] - times[0])
            expected = round(span / FRAME_S) + 1
            # From arrival times alone, a frame ten or more milliseconds late at either end
            # of the window stretches the span by one frame: lateness would read as a loss.
            # The RTP sequence numbers say which frames never came.
            shortfall = max(0, expected - int(times.size))
            result["span_shortfall"] = shortfall
            if self.frames.sequence is not None:
                seqs = np.asarray(self.frames.sequence)[in_window]
                expected = int(seqs.max() - seqs.min()) + 1
                result["missing"] = max(0, expected - int(np.unique(seqs).size))
            else:
                result["missing"] = shortfall
            result["expected"] = expected
            result["interarrival_error_s"] = np.abs(np.diff(times) - FRAME_S).tolist()
            # Drift: how far the stream's clock strays from real time over the window. The
            # slope of arrival time against frame number is the sender's real frame period;
            # jitter around it cancels out, a pacer running fast or slow does not.
            slope = float(np.polyfit(np.arange(times.size), times, 1)[0])
            result["drift_ppm"] = (slope / FRAME_S - 1.0) * 1e6
            result["drift_ms"] = (slope - FRAME_S) * (times.size - 1) * 1000
        else:
            result.update(expected=round((t1 - t0) / FRAME_S), missing=round((t1 - t0) / FRAME_S))
            result["interarrival_error_s"] = []
        spoken = [s for s in self.spoken if t0 <= s <= t1]
        result["spoken"] = len(spoken)
        result["mouth_to_ear_s"], result["unheard"] = mouth_to_ear(
            spoken, arrival, np.asarray(self.frames.onset), self.utterance, self.silence_s, self.period_s
        )
        result["turns"] = [[t.total_ms, t.upstream_ms, t.server_ms] for t in self.turns if t0 <= t.at <= t1]
        result["errors"] = self.errors
        if self.light is not None:
            result["decoded"] = self.light.log.decoded
        return result


def mouth_to_ear(
    spoken: list[float],
    arrival: np.ndarray,
    onset: np.ndarray,
    utterance: Utterance,
    silence_s: float,
    period_s: float,
) -> tuple[list[float], int]:
    """Per utterance `spoken` (when its first sample left the mic), its onset to its echo's
    (`arrival` and `onset`: per inbound frame, when it came and its first loud sample);
    and how many had no echo: never heard as a turn, or answered over a period late."""
    loud = onset >= 0
    # An echo starts on a loud frame after a quiet one: never the middle of an earlier echo.
    starts = loud & ~np.concatenate(([False], loud[:-1]))
    out: list[float] = []
    unheard = 0
    for said in spoken:
        # No echo can start before the utterance and the VAD's silence wait are over, and
        # one that comes a whole period after that is an earlier utterance's, late.
        earliest = said + utterance.duration_s + silence_s
        candidates = np.flatnonzero((arrival > earliest) & (arrival < earliest + period_s) & starts)
        if candidates.size == 0:
            unheard += 1
            continue
        i = int(candidates[0])
        heard = arrival[i] + onset[i] / _WEBRTC_RATE
        out.append(float(heard - (said + utterance.onset_s)))
    return out, unheard


async def _read_line(reader: asyncio.StreamReader) -> dict[str, Any] | None:
    line = await reader.readline()
    if not line:
        return None
    return json.loads(line)


def _emit(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


async def run(args: argparse.Namespace) -> int:
    use_host_addresses(["127.0.0.1"])  # loopback only: the server offers nothing else
    utterance = make_syllables(args.syllables, dbfs=args.dbfs)
    precoded = None if args.full_client else precode(utterance.pcm16)
    rng = random.Random(args.seed)
    calls = [
        BenchCall(args.url, utterance, args.period, rng.uniform(0, args.period), args.vad_silence, precoded)
        for _ in range(args.calls)
    ]
    tasks: list[asyncio.Task[None]] = []
    reader = asyncio.StreamReader()
    loop = asyncio.get_running_loop()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    failures: list[str] = []
    live: list[BenchCall] = []
    try:
        # A few at a time: a burst of simultaneous DTLS handshakes is not what is measured.
        gate = asyncio.Semaphore(2)

        async def connect(call: BenchCall) -> None:
            async with gate:
                try:
                    await call.connect(args.connect_timeout)
                    live.append(call)
                except Exception as exc:
                    failures.append(f"{type(exc).__name__}: {exc}")

        await asyncio.gather(*(connect(c) for c in calls))
        for call in live:
            tasks.append(asyncio.create_task(call.speak()))
            tasks.append(asyncio.create_task(call.digest_forever()))
        _emit({"type": "ready", "calls": len(live), "failures": failures})
        command = await _read_line(reader)
        if command is None or command.get("type") != "stop":
            return 1
        t0, t1 = command["window"]
        # Keep listening long enough for the echo of an utterance spoken just before t1.
        grace = utterance.duration_s + args.vad_silence + 1.0
        await asyncio.sleep(max(0.0, t1 + grace - time.monotonic()))
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        tasks.clear()
        for call in live:
            call.digest()
        _emit({"type": "result", "calls": [c.analyse(t0, t1) for c in live], "failures": failures})
        return 0
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await asyncio.gather(*(c.client.hang_up() for c in calls), return_exceptions=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m voicertc.bench.load")
    parser.add_argument("--url", required=True)
    parser.add_argument("--calls", type=int, required=True)
    parser.add_argument("--period", type=float, default=2.0, help="seconds between utterances")
    parser.add_argument("--syllables", type=int, default=2, help="vowels per utterance, 80 ms apart")
    parser.add_argument("--dbfs", type=float, default=-12.0)
    parser.add_argument("--vad-silence", type=float, default=0.5, help="the server VAD's silence wait")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--connect-timeout", type=float, default=20.0)
    parser.add_argument(
        "--full-client",
        action="store_true",
        help="encode and decode every frame (CallClient) instead of the light call",
    )
    parser.add_argument("--deadline", type=float, default=900.0, help="exit after this many seconds")
    args = parser.parse_args(argv)
    if not args.url.startswith(("http://127.", "http://localhost", "http://[::1]")):
        parser.error("the benchmark only calls servers on loopback")
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)

    async def bounded() -> int:
        return await asyncio.wait_for(run(args), args.deadline)

    with contextlib.suppress(KeyboardInterrupt):
        return asyncio.run(bounded())
    return 130


if __name__ == "__main__":
    raise SystemExit(main())
