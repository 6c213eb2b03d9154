"""Offline speech pipeline benchmark: VAD -> ASR -> understand(), plus VAD and TTS costs.

Synthesises commands with espeak-ng (and flite when installed, as a synthesiser the
grammar was never tuned on), adds white noise at 20 and 10 dB SNR, segments the stream
with the VAD as the endpoint does, recognises each segment and compares the intent with
the expected tool call. Prints the figures and writes benchmarks/results/speech.json.

    python -m voicertc.bench.speech            # full run, about 3 minutes on 2 cores
    python -m voicertc.bench.speech --quick    # a third of the utterances
    python -m voicertc.bench.speech --asr combined   # grammar + Whisper (the whisper extra)
    python -m voicertc.bench.speech --asr combined --set tuning   # the set settings were tuned on

--asr picks the recogniser as VOICERTC_ASR does (default: grammar, the figures in
docs/speech.md); a full run writes benchmarks/results/speech.json for the grammar and
speech-<asr>.json for the others.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import soxr

from ..assistant import dialogue
from ..assistant.asr import Recognizer, create_recognizer
from ..assistant.tts import render, synthesize
from ..assistant.vad import VoiceActivityDetector
from ..effects import EFFECT_SPECS, EffectChain, EffectError
from .speech_sets import CASES, CONDITIONS, SETS, VOICES, Expected, UtteranceSet, Voice

#: The checkout: the results go to benchmarks/results/ beside the corpus.
ROOT = Path(__file__).resolve().parents[2]

RATE = 24000
CACHE = Path(os.environ.get("VOICERTC_SPEECH_CACHE", Path(tempfile.gettempdir()) / "voicertc-speech"))


def synth(text: str, voice: Voice) -> np.ndarray:
    """24 kHz int16 samples of ``text``, cached on disk."""
    key = hashlib.sha1(f"{voice.engine}|{voice.name}|{voice.wpm}|{text}".encode()).hexdigest()
    path = CACHE / f"{key[:16]}.npy"
    if path.exists():
        return np.load(path)
    CACHE.mkdir(parents=True, exist_ok=True)
    if voice.engine == "espeak":
        pcm = np.frombuffer(render(text, voice="espeak:" + voice.name, speed_wpm=voice.wpm), "<i2")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            wav = Path(tmp) / "f.wav"
            subprocess.run(["flite", "-voice", voice.name, "-t", text, "-o", str(wav)], check=True)
            with wave.open(str(wav)) as w:
                rate = w.getframerate()
                raw = np.frombuffer(w.readframes(w.getnframes()), "<i2")
        pcm = soxr.resample(raw, rate, RATE).astype(np.int16)
    # Two benchmark runs side by side share the cache: write aside and rename, so a reader
    # never loads a file half written ("No data left in file").
    part = path.with_name(f"{path.stem}.{os.getpid()}.part.npy")
    np.save(part, pcm)
    os.replace(part, path)
    return pcm


def speech_bounds(clean: np.ndarray) -> tuple[int, int]:
    """First and last 10 ms frame above -40 dB of the peak frame, in samples."""
    frame = RATE // 100
    n = clean.size // frame
    power = np.square(clean[: n * frame].astype(np.float64)).reshape(n, frame).mean(axis=1)
    active = np.nonzero(power > power.max() * 1e-4)[0]
    return int(active[0]) * frame, int(active[-1] + 1) * frame


def scene(clean: np.ndarray, snr_db: float | None, seed: int) -> tuple[np.ndarray, int, int]:
    """Pads with 0.8 s before and 1.0 s after, adds white noise; returns true bounds."""
    lead, tail = int(0.8 * RATE), int(1.0 * RATE)
    audio = np.concatenate([np.zeros(lead), clean.astype(np.float64), np.zeros(tail)])
    s0, s1 = speech_bounds(clean)
    if snr_db is not None:
        speech_power = np.mean(np.square(clean[s0:s1].astype(np.float64)))
        noise_rms = np.sqrt(speech_power / 10 ** (snr_db / 10))
        audio += np.random.default_rng(seed).normal(0.0, noise_rms, audio.size)
    return np.clip(audio, -32768, 32767).astype(np.int16), lead + s0, lead + s1


def segments(audio: np.ndarray, vad: VoiceActivityDetector, prefix_ms: int = 300) -> list[bytes]:
    """Cuts the stream as the endpoint does: [start - prefix, stop], 20 ms at a time."""
    pcm = audio.tobytes()
    chunk = RATE // 50 * 2
    out: list[bytes] = []
    start: int | None = None
    for pos in range(0, len(pcm), chunk):
        for ev in vad.process(pcm[pos : pos + chunk]):
            if ev.kind == "speech_started":
                start = max(0, ev.audio_ms - prefix_ms)
            elif start is not None:
                out.append(pcm[start * 48 : ev.audio_ms * 48])
                start = None
    if start is not None:
        out.append(pcm[start * 48 :])
    return out


def matches(intent: dialogue.Intent, expected: Expected) -> bool:
    if isinstance(expected, str) and expected == "get":
        return isinstance(intent, dialogue.ToolCall) and intent.name == dialogue.GET
    if isinstance(expected, str):
        return isinstance(intent, dialogue.Say) and intent.text == expected
    if not isinstance(intent, dialogue.ToolCall) or intent.name != dialogue.APPLY:
        return False
    effect, action, value, unit = expected
    a = intent.arguments
    if a.get("effect") != effect or a.get("action") != action:
        return False
    if a.get("value") == value and a.get("unit") == unit:
        return True
    # Same effect on the chain counts: "low pass to eight hundred" without "hertz" sets
    # 800 Hz, as a bare number is read in the parameter's own unit.
    wanted = {"effect": effect, "action": action, "value": value, "unit": unit}
    after = _applied(wanted) if value is not None else None
    return after is not None and _applied(a) == after


def _applied(arguments: dict[str, object]) -> list[dict[str, object]] | None:
    """The chain after ``arguments``, applied to every effect at its defaults; None if refused."""
    chain = EffectChain()
    for name in EFFECT_SPECS:
        chain.apply("add", name)
    try:
        chain.apply(**{k: v for k, v in arguments.items() if v is not None})  # type: ignore[arg-type]
    except EffectError:
        return None
    return chain.to_list()


def judge(intents: Sequence[dialogue.Intent], expected: Expected) -> bool:
    """Right if some segment gave the expected intent and none gave another tool call."""
    hit = any(matches(i, expected) for i in intents)
    stray = any(isinstance(i, dialogue.ToolCall) and not matches(i, expected) for i in intents)
    return hit and not stray


def pick_utterances(quick: bool, uset: UtteranceSet) -> list[tuple[str, Expected, Voice]]:
    """Each phrase with two voices, rotating so every voice says many phrases."""
    items = []
    voices = uset.voices
    for i, (text, exp) in enumerate(CASES):
        for k in (0, 1):
            items.append((text, exp, voices[(2 * i + k * 3 + uset.rotation) % len(voices)]))
    return items[::3] if quick else items


def run_intents(
    quick: bool, recognizer: Recognizer, uset: UtteranceSet = SETS["benchmark"]
) -> dict[str, object]:
    utterances = pick_utterances(quick, uset)
    results: dict[str, object] = {}
    latencies: list[float] = []
    rtfs: list[float] = []
    errors: list[dict[str, object]] = []
    for cond, snr in CONDITIONS:
        # "commands": the utterances that ask for a tool call (the target is over
        # these); "all" adds small talk and help.
        right: dict[str, list[bool]] = {"all": [], "commands": []}  # then by voice group
        split = 0
        # Commands answered with words instead of a tool call: the cost of rejecting.
        rejected: list[bool] = []
        for n, (text, exp, voice) in enumerate(utterances):
            audio, _, _ = scene(synth(text, voice), snr, seed=uset.seed + n)
            vad = VoiceActivityDetector()
            segs = segments(audio, vad)
            split += len(segs) != 1
            intents, words = [], []
            for seg in segs:
                t0 = time.perf_counter()
                said = recognizer.transcribe(seg, RATE)
                dt = time.perf_counter() - t0
                latencies.append(dt)
                rtfs.append(dt / (len(seg) / 2 / RATE))
                words.append(said)
                intents.append(dialogue.understand(said))
            ok = judge(intents, exp)
            if not isinstance(exp, str) or exp == "get":
                rejected.append(not any(isinstance(i, dialogue.ToolCall) for i in intents))
                right["commands"].append(ok)
            right["all"].append(ok)
            right.setdefault(voice.group, []).append(ok)
            if voice.engine == "flite":
                right.setdefault("flite", []).append(ok)
            if not ok:
                errors.append({"condition": cond, "voice": voice.name, "text": text,
                               "heard": words, "intent": [repr(i) for i in intents]})  # fmt: skip
        results[cond] = {k: _pct(v) for k, v in right.items()} | {
            "n": len(utterances),
            "vad_split_or_missed": split,
            "commands_rejected": _pct(rejected),
        }
    for cond, snr in CONDITIONS:  # off-topic speech must not become a tool call, in noise too
        off = []
        for n, text in enumerate(uset.off_topic):
            voice = uset.voices[(n + uset.rotation) % len(uset.voices)]
            audio, _, _ = scene(synth(text, voice), snr, seed=uset.seed + n)
            said = [recognizer.transcribe(s, RATE) for s in segments(audio, VoiceActivityDetector())]
            intents = [dialogue.understand(s) for s in said]
            off.append(not any(isinstance(i, dialogue.ToolCall) for i in intents))
            if not off[-1]:
                errors.append({"condition": f"off-topic {cond}", "text": text, "heard": said})
        results["off_topic_rejected" + ("" if snr is None else f"_{cond}")] = _pct(off)
    results["asr_latency_p50_ms"] = round(1000 * statistics.median(latencies), 1)
    results["asr_latency_p90_ms"] = round(1000 * float(np.percentile(latencies, 90)), 1)
    results["asr_rtf_p50"] = round(statistics.median(rtfs), 3)
    stats = getattr(recognizer, "stats", None)
    if stats is not None:  # the combined recogniser: how often the grammar ran, was refused
        results["recogniser"] = dict(stats)
        calls = max(1, stats["calls"])
        results["grammar_ran_pct"] = round(100.0 * stats["grammar"] / calls, 1)
        results["grammar_refused_pct"] = round(100.0 * stats["refused"] / calls, 1)
        results["whisper_overruled_pct"] = round(100.0 * stats["switched"] / calls, 1)
    results["errors"] = errors
    return results


def _pct(values: list[bool]) -> float | None:
    return round(100.0 * sum(values) / len(values), 1) if values else None


def run_vad(quick: bool) -> dict[str, object]:
    """Boundary errors, start-event delay and CPU cost, for each engine and condition."""
    texts = [t for t, _ in CASES[:: 6 if quick else 3]]
    out: dict[str, object] = {}
    for engine in ("silero", "energy"):
        for cond, snr in CONDITIONS:
            starts, ends, delays, cpu, seconds, exact = [], [], [], 0.0, 0.0, 0
            for n, text in enumerate(texts):
                audio, s0, s1 = scene(synth(text, VOICES[n % 6]), snr, seed=100 + n)  # espeak's six
                vad = VoiceActivityDetector(engine=engine)  # type: ignore[arg-type]
                pcm = audio.tobytes()
                events = []
                t0 = time.process_time()
                for pos in range(0, len(pcm), 960):
                    for ev in vad.process(pcm[pos : pos + 960]):
                        events.append((ev, (pos + 960) / 48))
                cpu += time.process_time() - t0
                seconds += audio.size / RATE
                kinds = [e.kind for e, _ in events]
                if kinds == ["speech_started", "speech_stopped"]:
                    exact += 1
                    starts.append(events[0][0].audio_ms - s0 / 24)
                    ends.append(events[1][0].audio_ms - s1 / 24)
                    delays.append(events[0][1] - s0 / 24)
            out[f"{engine}/{cond}"] = {
                "one_segment_pct": round(100 * exact / len(texts), 1),
                "start_err_ms_p50": _med(starts),
                "end_err_ms_p50": _med(ends),
                "end_err_ms_max_abs": round(max(map(abs, ends)), 1) if ends else None,
                "started_event_after_onset_ms_p50": _med(delays),
                "cpu_ms_per_audio_s": round(1000 * cpu / seconds, 2),
            }
        noise = np.random.default_rng(7).normal(0, 1000, RATE * 10).astype(np.int16).tobytes()
        vad = VoiceActivityDetector(engine=engine)  # type: ignore[arg-type]
        fired = [e for p in range(0, len(noise), 960) for e in vad.process(noise[p : p + 960])]
        out[f"{engine}/steady_noise_10s_events"] = len(fired)
    return out


def _med(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


async def _first_chunk(text: str, voice: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    first, total = 0.0, 0
    async for chunk in synthesize(text, voice=voice):
        if not total:
            first = time.perf_counter() - t0
        total += len(chunk)
    return first, total


def run_tts() -> dict[str, object]:
    replies = [
        "Added reverb, decay 2 seconds, mix 30 percent.",
        dialogue.HELP_TEXT,
        "Sorry, there is no delay in the chain to remove.",
        "You're welcome.",
    ]
    firsts, rtfs = [], []
    for n in range(5):
        for k, text in enumerate(replies):
            t0 = time.perf_counter()
            first, total = asyncio.run(_first_chunk(text, ["alloy", "ash", "coral"][(n + k) % 3]))
            firsts.append(first)
            rtfs.append((time.perf_counter() - t0) / (total / 2 / RATE))
    return {
        "first_chunk_ms_p50": round(1000 * statistics.median(firsts), 1),
        "first_chunk_ms_p90": round(1000 * float(np.percentile(firsts, 90)), 1),
        "rtf_p50": round(statistics.median(rtfs), 4),
    }


_RSS_PROBE = """
import sys, time
sys.path.insert(0, {root!r})
def rss():
    return int(open('/proc/self/statm').read().split()[1]) * 4096 / 1e6
import numpy, soxr
from voicertc.assistant.asr import create_recognizer
from voicertc.assistant.tts import render
pcm = render('set the delay to three hundred milliseconds')
before = rss(); t0 = time.perf_counter()
r = create_recognizer({asr!r}); r.transcribe(pcm)
load = time.perf_counter() - t0
whisper = getattr(r, 'whisper', None)
if whisper is not None:  # the combined recogniser: Whisper loaded and used once too
    whisper.transcribe(pcm)
loaded = rss()
# a second decoder, as a second concurrent session would need
from voicertc.assistant import asr
pool = next(iter(asr._pools.values()), None)  # none: the default loads no grammar
if pool is not None:
    with pool.decoder() as a, pool.decoder() as b:
        pass
print(before, loaded, rss(), load)
"""


def run_memory(asr: str) -> dict[str, object]:
    code = _RSS_PROBE.format(root=str(ROOT), asr=asr)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, loaded, second, load = map(float, out.stdout.split())
    return {
        "recognizer_rss_mb": round(loaded - before, 1),
        "second_decoder_rss_mb": round(second - loaded, 1),
        "first_transcribe_incl_load_s": round(load, 2),
    }


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a third of the utterances")
    ap.add_argument("--only", choices=["intents", "vad", "tts", "memory"], help="one part")
    kinds = ["grammar", "whisper-denoised", "combined", "whisper"]
    ap.add_argument("--asr", choices=kinds, default="grammar", help="recogniser (as VOICERTC_ASR)")
    ap.add_argument(
        "--set", choices=sorted(SETS), default="benchmark", help="utterances (tuning: intents only)"
    )
    args = ap.parse_args(argv)
    uset = SETS[args.set]
    if shutil.which("flite") is None:
        uset = dataclasses.replace(uset, voices=[v for v in uset.voices if v.engine != "flite"])
    only = "intents" if args.set == "tuning" else args.only
    started = time.perf_counter()
    parts: dict[str, Callable[[], dict[str, object]]] = {
        "memory": lambda: run_memory(args.asr),
        "tts": run_tts,
        "vad": lambda: run_vad(args.quick),
        "intents": lambda: run_intents(args.quick, create_recognizer(args.asr), uset),
    }
    voices = [v.__dict__ for v in uset.voices]
    report: dict[str, object] = {"asr": args.asr, "set": args.set, "voices": voices}
    for name, fn in parts.items():
        if only and name != only:
            continue
        report[name] = fn()
        shown = {k: v for k, v in report[name].items() if k != "errors"}  # type: ignore[union-attr]
        print(f"== {name}\n{json.dumps(shown, indent=1)}", flush=True)
    report["seconds"] = round(time.perf_counter() - started, 1)
    print(f"total {report['seconds']} s")
    if not args.only and not args.quick:
        name = "speech" if args.asr == "grammar" else f"speech-{args.asr}"
        suffix = "-tuning" if args.set == "tuning" else ""
        dest = ROOT / "benchmarks" / "results" / f"{name}{suffix}.json"
        dest.write_text(json.dumps(report, indent=1) + "\n")
        print(f"wrote {dest}")


if __name__ == "__main__":
    main()
