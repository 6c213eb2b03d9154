"""The offline assistant's two voices side by side: espeak-ng and piper (--tts piper).

Time to the first audio chunk (what a caller waits for after the reply is decided), the
real-time factor of the whole reply, and the memory the piper worker process holds.
Prints the figures and writes benchmarks/results/tts.json.

    python -m voicertc.bench.tts
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from pathlib import Path

from ..assistant import dialogue
from ..assistant.piper_tts import PiperProcess, voice_path
from ..assistant.tts import synthesize

#: The checkout: the results go to benchmarks/results/.
ROOT = Path(__file__).resolve().parents[2]

RATE = 24000
REPLIES = [
    "Added reverb, decay 2 seconds, mix 30 percent.",
    dialogue.HELP_TEXT,
    "Sorry, there is no delay in the chain to remove.",
    "You're welcome.",
    "Set the low pass cutoff to 800 hertz.",
]


async def measure(speak, rounds: int = 4) -> dict[str, float]:  # type: ignore[no-untyped-def]
    firsts, rtfs = [], []
    for _ in range(rounds):
        for text in REPLIES:
            t0 = time.perf_counter()
            first, total = 0.0, 0
            async for chunk in speak(text):
                if not total:
                    first = time.perf_counter() - t0
                total += len(chunk)
            firsts.append(first)
            rtfs.append((time.perf_counter() - t0) / (total / 2 / RATE))
    return {
        "first_audio_ms_p50": round(1000 * statistics.median(firsts), 1),
        "first_audio_ms_p90": round(1000 * sorted(firsts)[int(0.9 * len(firsts))], 1),
        "rtf_p50": round(statistics.median(rtfs), 4),
    }


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


async def main() -> None:
    report: dict[str, object] = {"espeak": await measure(lambda t: synthesize(t))}
    piper = PiperProcess(voice_path("piper"))
    t0 = time.perf_counter()
    async for _ in piper.synthesize("Hello."):
        pass
    load_s = time.perf_counter() - t0
    report["piper"] = await measure(piper.synthesize) | {
        "first_reply_incl_load_s": round(load_s, 2),
        "worker_rss_mib": rss_mib(piper._proc.pid),  # type: ignore[union-attr]
    }
    await piper.close()
    report["loadavg"] = Path("/proc/loadavg").read_text().split()[:3]  # noqa: ASYNC240
    print(json.dumps(report, indent=1))
    (ROOT / "benchmarks" / "results" / "tts.json").write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    asyncio.run(main())
