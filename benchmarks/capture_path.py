"""The held-out test split through Chromium's real capture path (issue 20).

A sample of the test split's commands, each in the voice the held-out benchmark gives it
on clean speech, is played as Chromium's fake microphone into a call made with
voicertc-client.js, once with the browser's capture processing on (echo cancellation,
noise suppression, automatic gain control: what every caller's browser does) and once
with it off (`--no-raw` skips it; `--again` calls a second time with it on, to count how
often one file is heard differently). The same audio also goes straight to the recogniser, as in
`python -m voicertc.bench.heldout`. All three are judged alike: the call starts with
every effect in the chain, and the chain after the utterance must be the one the command
asks for. So the figures show what the browser and the call's transport cost.

Runs the server in this process and Chromium on loopback inside a private network
namespace (it re-runs itself under `unshare --net` when it is not in one; root needed).

    python benchmarks/capture_path.py [--every 6] [--json benchmarks/results/capture-path.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
import wave
from pathlib import Path

import numpy as np
import soxr

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from voicertc.assistant import dialogue  # noqa: E402
from voicertc.assistant.asr import create_recognizer  # noqa: E402
from voicertc.bench import heldout  # noqa: E402
from voicertc.bench.speech import RATE  # noqa: E402
from voicertc.effects import EFFECT_SPECS, EffectError  # noqa: E402

LEAD_S = 6.0  # the call is up and its chain full long before the speech starts
TAIL_S = 2.0
BROWSER_RATE = 48000

CALL = """async ({ effects, speechEndMs, constraints }) => {
  const { VoiceCall } = await import('/voicertc-client.js');
  // The fake microphone's file starts when getUserMedia opens it: the speech's times count
  // from there, not from the call's start.
  let micAt = null;
  const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (c) => {
    const stream = await open(c);
    micAt = performance.now();
    return stream;
  };
  const element = document.createElement('audio');
  document.body.append(element);
  const call = new VoiceCall({ url: '/', element, audioConstraints: constraints });
  const seen = { chain: null, heard: [], state: '', changed: 0, readyAt: null };
  const touch = () => { seen.changed = performance.now(); };
  call.on('effects', ({ chain }) => { seen.chain = chain; touch(); });
  call.on('transcript', (t) => { if (t.final) seen.heard.push(`${t.role}: ${t.text}`); touch(); });
  call.on('state', ({ state }) => {
    seen.state = state; touch();
    if (state === 'listening' && seen.readyAt === null) seen.readyAt = performance.now();
  });
  const until = async (ok, ms) => {
    const end = performance.now() + ms;
    while (!ok()) {
      if (performance.now() > end || call.ended) return false;
      await new Promise((r) => setTimeout(r, 50));
    }
    return true;
  };
  await call.start();
  await until(() => seen.readyAt !== null && micAt !== null, 20000);
  for (const effect of effects) call.applyEffect({ action: 'add', effect });
  await until(() => seen.chain && seen.chain.length === effects.length, 10000);
  const fullMs = performance.now() - micAt;
  // Settled: the speech has played, the assistant is listening again, and nothing has
  // happened for 2.5 s (a command heard as two turns gets both its answers).
  const quiet = () => seen.state === 'listening' && performance.now() - seen.changed > 2500;
  const played = () => performance.now() > micAt + speechEndMs + 1000;
  const settled = await until(() => played() && quiet(), speechEndMs + 30000);
  call.hangUp();
  return { chain: seen.chain, heard: seen.heard, readyMs: seen.readyAt - micAt, fullMs, settled };
}"""


def _right(chain: object, case: heldout.Case) -> bool:
    got = heldout._rounded(chain)
    return any(
        got == heldout._rounded(heldout._chain_after(want, heldout.full_chain)) for want in case.expected
    )


def _chain_from(intents: list[dialogue.Intent]) -> object:
    chain = heldout.full_chain()
    for intent in intents:
        if isinstance(intent, dialogue.ToolCall) and intent.name == dialogue.APPLY:
            try:
                chain.apply(**intent.arguments)  # type: ignore[arg-type]
            except (EffectError, TypeError, ValueError, OverflowError):
                pass
    return chain.to_list()


def _browser_wav(audio: np.ndarray, path: Path) -> float:
    """Writes the fake microphone's file; returns when its speech ends, in ms."""
    up = soxr.resample(audio.astype(np.float32) / 32768, RATE, BROWSER_RATE)
    lead, tail = np.zeros(int(LEAD_S * BROWSER_RATE)), np.zeros(int(TAIL_S * BROWSER_RATE))
    pcm = np.clip(np.concatenate([lead, up, tail]) * 32768, -32768, 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(BROWSER_RATE)
        w.writeframes(pcm.tobytes())
    return 1000 * (LEAD_S + up.size / BROWSER_RATE)


async def _in_chromium(url: str, wav: Path, speech_end_ms: float, processing: bool) -> dict[str, object]:
    from support.browser import chromium

    constraints = dict.fromkeys(("echoCancellation", "noiseSuppression", "autoGainControl"), processing)
    async with chromium(wav) as browser:
        page = await browser.new_page()
        await page.goto(f"{url}/voicertc-client.js")
        return await page.evaluate(
            CALL, {"effects": list(EFFECT_SPECS), "speechEndMs": speech_end_ms, "constraints": constraints}
        )


async def measure(every: int, limit: int | None, modes: tuple[str, ...]) -> dict[str, object]:
    from conftest import start_server

    commands, _ = heldout.load("test")
    voices = heldout.voices()
    # Each command in the voice `heldout` speaks it in on clean speech (condition 0).
    sample = [(n, case) for n, case in enumerate(commands) if n % every == 0][:limit]
    recognizer = create_recognizer("combined")
    running, runner = await start_server()
    rows: list[dict[str, object]] = []
    try:
        await running.server.speech.warm_up()
        with tempfile.TemporaryDirectory() as tmp:
            for n, case in sample:
                voice = voices[(n * 7) % len(voices)]
                clean = heldout.scene(heldout.speak(case.text, voice), None, seed=0)
                said, intents, _ = heldout.hear(recognizer, clean)
                direct = {"heard": said, "right": _right(_chain_from(intents), case)}
                voice_name = f"{voice.engine}:{voice.name}"
                row: dict[str, object] = {"text": case.text, "voice": voice_name, "direct": direct}
                wav = Path(tmp) / "mic.wav"
                speech_end_ms = _browser_wav(heldout.speak(case.text, voice), wav)
                for mode in modes:
                    processing = mode != "raw"
                    got = await _in_chromium(running.url, wav, speech_end_ms, processing)
                    # A call that was not listening with its full chain before the speech
                    # began (times from the microphone's opening) would be judged on part
                    # of the utterance: flagged, not judged.
                    full_ms = got["fullMs"]
                    valid = bool(got["settled"]) and full_ms is not None and full_ms < LEAD_S * 1000
                    row[mode] = {"heard": got["heard"], "valid": valid, "ready_ms": got["readyMs"],
                                 "right": valid and _right(got["chain"], case)}  # fmt: skip
                rows.append(row)
                marks = " ".join(f"{m} {row[m]['right']!s:5}" for m in ("direct", *modes))  # type: ignore[index]
                print(f"{len(rows):3}/{len(sample)} {row['voice']:28} {marks} {case.text}", flush=True)
    finally:
        await runner.cleanup()
    return {"rows": rows}


def _figures(rows: list[dict[str, object]], modes: tuple[str, ...]) -> dict[str, object]:
    out: dict[str, object] = {"n": len(rows)}
    for mode in ("direct", *modes):
        judged = [r[mode] for r in rows if r[mode].get("valid", True)]
        out[mode] = {"right_pct": round(100 * sum(j["right"] for j in judged) / max(1, len(judged)), 1),
                     "judged": len(judged)}  # fmt: skip
    both = [r for r in rows if r["processed"]["valid"]]
    out["lost_in_browser"] = sum(r["direct"]["right"] and not r["processed"]["right"] for r in both)
    out["won_in_browser"] = sum(not r["direct"]["right"] and r["processed"]["right"] for r in both)
    if "again" in modes:
        # The same file on a second call: the outside tester heard one file differently twice.
        twice = [r for r in both if r["again"]["valid"]]
        out["heard_differently_twice"] = sum(_user(r["processed"]) != _user(r["again"]) for r in twice)
        out["judged_differently_twice"] = sum(r["processed"]["right"] != r["again"]["right"] for r in twice)
        out["called_twice"] = len(twice)
    return out


def _user(call: dict[str, object]) -> list[str]:
    """What the server heard on a call (its user captions), without punctuation or case."""
    heard = [h.removeprefix("user: ") for h in call["heard"] if h.startswith("user: ")]  # type: ignore[union-attr]
    return [" ".join("".join(c for c in h.lower() if c.isalnum() or c == " ").split()) for h in heard]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=int, default=6, help="every Nth command of the test split")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--again", action="store_true", help="call each file a second time with the processing on"
    )
    parser.add_argument("--no-raw", action="store_true", help="skip the call with the processing off")
    args = parser.parse_args()
    modes = ("processed", *(("again",) if args.again else ()), *(() if args.no_raw else ("raw",)))
    from support.net import reexec_in_private_namespace

    reexec_in_private_namespace()
    t0 = time.time()
    results = asyncio.run(measure(args.every, args.limit, modes))
    results["figures"] = _figures(results["rows"], modes)
    results["machine"] = {
        "cpus": os.cpu_count(),
        "loadavg": os.getloadavg(),
        "minutes": round((time.time() - t0) / 60, 1),
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    print(json.dumps(results["figures"], indent=2))
    print(f"machine: {results['machine']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
