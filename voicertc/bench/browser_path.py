"""Held-out sentences through Chromium's real capture path, beside the direct path.

``heldout`` feeds the recogniser the synthesised audio itself. A user's speech reaches
the server through the browser instead: getUserMedia with echo cancellation, noise
suppression and automatic gain control on (the page's defaults), Opus, WebRTC. This
plays a sample of a split's sentences, each in the voice ``heldout`` gives it, as
Chromium's fake microphone (one browser per utterance: the file is set at launch), calls
``voicertc serve``'s page in it, and judges what the server heard (the user's final
captions) as ``heldout`` judges, beside the same utterance through ``heldout``'s direct
path. With ``--repeat 2`` every utterance is called twice, to show how often the same
file is heard differently on two calls.

    python -m voicertc.bench.browser_path --split test2 --sample 40 --repeat 2

It needs the test extra's Playwright and Debian's chromium (``scripts/setup --test``).
Run as root it moves itself into a private network namespace holding only loopback, as
the tests do, so the call's packets cannot leave the machine. Figures go to
benchmarks/results/browser-path-<split>.json. On the blind split (test2) the report keeps
whether each utterance was right, never what was heard.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import sys
import tempfile
import time
import wave
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import soxr

from ..assistant import dialogue
from ..assistant.asr import create_recognizer
from .corpus import ROOT, Case, load
from .heldout import CONDITIONS, hear, judge, scene, speak, voice_for, voices
from .procfs import machine

#: Splits whose transcripts are never written down (heldout_text and heldout agree).
BLIND = frozenset({"test2"})
FILE_RATE = 48000  # what Chromium's fake capture device plays best: no resampling in it
LEAD_S = 2.5  # the call is up long before the speech starts
TAIL_S = 2.5  # the VAD closes the turn and the reply is given inside the file

# Done when the file has played and every user turn has its answer, or nothing was heard.
SETTLED = """([startedAt, durationMs]) => {
  const v = window.voicertc;
  const ts = v.transcripts;
  const first = ts.findIndex((t) => t.role === 'user' && !t.typed);
  const users = ts.filter((t) => t.role === 'user' && t.final && !t.typed).length;
  const answers = first < 0 ? 0 : ts.slice(first).filter((t) => t.role === 'assistant' && t.final).length;
  const played = performance.now() - startedAt > durationMs;
  const silent = first < 0 && performance.now() - startedAt > durationMs + 4000;
  return played && ((users > 0 && answers >= users) || silent);
}"""


@dataclass
class Utterance:
    n: int  # the case's place in the split (commands, then off-topic): its voice
    case: Case
    voice: str
    direct: list[str] = field(default_factory=list)
    browser: list[list[str]] = field(default_factory=list)  # one list of turns per call
    mic: dict[str, Any] = field(default_factory=dict)

    def right(self, heard: list[str]) -> bool:
        return judge([dialogue.understand(t) for t in heard], self.case)


def sample(split: str, size: int) -> list[tuple[int, Case]]:
    """``size`` cases spread evenly over the split's commands and off-topic sentences (in
    their proportion), each with its place, which ``heldout.voice_for`` turns into a voice."""
    commands, off = load(split)
    everything = list(enumerate(commands + off))
    if size >= len(everything):
        return everything
    n_off = max(1, round(size * len(off) / len(everything)))
    picked = _spread(everything[: len(commands)], size - n_off) + _spread(everything[len(commands) :], n_off)
    return picked


def _spread(items: list[Any], k: int) -> list[Any]:
    return [items[int(i * len(items) / k)] for i in range(k)] if k > 0 else []


def wav_for(audio: np.ndarray, path: Path) -> float:
    """Writes 24 kHz speech as the browser's microphone file; returns its length in seconds."""
    up = soxr.resample(audio.astype(np.float32), 24000, FILE_RATE).astype(np.float32)
    pcm = np.concatenate([np.zeros(int(LEAD_S * FILE_RATE)), up, np.zeros(int(TAIL_S * FILE_RATE))])
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(FILE_RATE)
        w.writeframes(np.clip(pcm, -32768, 32767).astype("<i2").tobytes())
    return pcm.size / FILE_RATE


async def call_once(url: str, wav: Path, seconds: float) -> tuple[list[str], dict[str, Any]]:
    """One call from a fresh Chromium whose microphone plays ``wav``: the user's final
    captions (what the server heard) and the microphone's settings."""
    from playwright.async_api import async_playwright

    from .chromium import chromium_args, chromium_path

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=chromium_args(wav)
        )
        try:
            page = await browser.new_page()
            await page.goto(url)
            await page.wait_for_function("window.voicertc && window.voicertc.ready")
            started = await page.evaluate("performance.now()")
            await page.click("#call")
            await page.wait_for_function(
                SETTLED, arg=[started, seconds * 1000], timeout=(seconds + 40) * 1000, polling=100
            )
            mic = await page.evaluate("window.voicertc.micTrack.getSettings()")
            transcripts = await page.evaluate("window.voicertc.transcripts")
        finally:
            await browser.close()
    heard = [t["text"] for t in transcripts if t["role"] == "user" and t["final"] and not t.get("typed")]
    keep = ("echoCancellation", "noiseSuppression", "autoGainControl", "sampleRate", "channelCount")
    return heard, {k: mic.get(k) for k in keep}


async def measure(cases: list[tuple[int, Case]], repeat: int, url: str) -> list[Utterance]:
    vs = voices()
    recognizer = await asyncio.to_thread(create_recognizer, "combined")
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, case in cases:
            voice = voice_for(vs, n, "clean")
            clean = await asyncio.to_thread(speak, case.text, voice)
            u = Utterance(n, case, f"{voice.engine}:{voice.name}")
            said, _, _ = await asyncio.to_thread(hear, recognizer, scene(clean, CONDITIONS["clean"], 0))
            u.direct = said
            wav = Path(tmp) / f"{n}.wav"
            seconds = wav_for(clean, wav)
            for _ in range(repeat):
                heard, u.mic = await call_once(url, wav, seconds)
                u.browser.append(heard)
            out.append(u)
            marks = "".join("+" if u.right(h) else "-" for h in u.browser)
            print(
                f"{n:4} {u.voice:32} direct {'+' if u.right(u.direct) else '-'} browser {marks}", flush=True
            )
    return out


def report(split: str, utterances: list[Utterance], seconds: float) -> dict[str, Any]:
    def pct(values: list[bool]) -> dict[str, float | int]:
        return {"pct": round(100.0 * sum(values) / len(values), 1) if values else 0.0, "n": len(values)}

    commands = [u for u in utterances if u.case.expected]
    off = [u for u in utterances if not u.case.expected]
    calls = max((len(u.browser) for u in utterances), default=0)
    figures: dict[str, Any] = {
        "direct": {
            "commands": pct([u.right(u.direct) for u in commands]),
            "off_topic_declined": pct([u.right(u.direct) for u in off]),
        },
    }
    for k in range(calls):
        figures[f"browser call {k + 1}"] = {
            "commands": pct([u.right(u.browser[k]) for u in commands]),
            "off_topic_declined": pct([u.right(u.browser[k]) for u in off]),
        }
    same = [_norm(u.browser[0]) == _norm(u.direct) for u in utterances if u.browser]
    figures["browser heard what direct heard"] = pct(same)
    if calls > 1:
        figures["two calls heard the same"] = pct(
            [_norm(u.browser[0]) == _norm(u.browser[1]) for u in utterances]
        )
        figures["two calls judged the same"] = pct(
            [u.right(u.browser[0]) == u.right(u.browser[1]) for u in utterances]
        )
    blind = split in BLIND
    rows = []
    for u in utterances:
        row: dict[str, Any] = {
            "n": u.n,
            "voice": u.voice,
            "command": bool(u.case.expected),
            "direct_right": u.right(u.direct),
            "browser_right": [u.right(h) for h in u.browser],
        }
        if not blind:
            row |= {"text": u.case.text, "direct": u.direct, "browser": u.browser}
        rows.append(row)
    return {
        "tool": "python -m voicertc.bench.browser_path",
        "split": split,
        "repeat": calls,
        "mic_settings": utterances[0].mic if utterances else {},
        "figures": figures,
        "seconds": round(seconds, 1),
        "loadavg_at_end": os.getloadavg(),
        "machine": machine(),
        "utterances": rows,
    }


def _norm(turns: list[str]) -> str:
    words = "".join(c for c in " ".join(turns).lower() if c.isalnum() or c == " ")
    return " ".join(words.split())


async def run(split: str, size: int, repeat: int) -> dict[str, Any]:
    from aiohttp import web

    from .. import ServerConfig, create_app
    from ..edge.access import AccessPolicy
    from ..edge.ice import IceSettings
    from ..server import SERVER_KEY

    config = ServerConfig(
        host="127.0.0.1",
        port=0,
        ice=IceSettings(hosts=["127.0.0.1"]),
        access=AccessPolicy(calls_per_minute=None),
    )
    app = create_app(config)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    t0 = time.perf_counter()
    try:
        await app[SERVER_KEY].speech.warm_up()
        utterances = await measure(sample(split, size), repeat, f"http://127.0.0.1:{port}/")
    finally:
        await runner.cleanup()
    return report(split, utterances, time.perf_counter() - t0)


def in_private_netns() -> bool:
    # Asked of the kernel for this process's namespace: /sys/class/net shows the namespace
    # sysfs was mounted in, which an unshared process still sees.
    return [name for _, name in socket.if_nameindex()] == ["lo"]


def reexec_in_netns(argv: Sequence[str]) -> None:
    """Runs this module again in a new network namespace with only loopback up."""
    if shutil.which("unshare") is None or os.geteuid() != 0:
        sys.exit("browser_path: run it as root (it makes a loopback-only network namespace), or inside one")
    script = 'ip link set lo up && exec "$0" "$@"'
    os.execvp(
        "unshare", ["unshare", "--net", "--", "sh", "-c", script, sys.executable, "-m", __spec__.name, *argv]
    )


def main(argv: Sequence[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["test", "tune", "test2", "tune2"], default="test2")
    ap.add_argument("--sample", type=int, default=40, help="utterances, spread over the split")
    ap.add_argument("--repeat", type=int, default=2, help="calls per utterance")
    ap.add_argument(
        "--out", type=Path, help="the report (default benchmarks/results/browser-path-<split>.json)"
    )
    args = ap.parse_args(argv)
    if not in_private_netns():
        reexec_in_netns(argv)
    result = asyncio.run(run(args.split, args.sample, args.repeat))
    print(json.dumps(result["figures"] | {"mic_settings": result["mic_settings"]}, indent=1))
    out = args.out or ROOT / "benchmarks" / "results" / f"browser-path-{args.split}.json"
    out.write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
