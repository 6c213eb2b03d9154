"""Whisper's listens of perturbed copies of every held-out turn, keyed like the candidate
dump (``candidates_dump``), so rules using them replay without decoding (session 9).

For each utterance of the candidate dump given (same split, conditions, voices and VAD
cut), each turn is denoised as the recogniser does, then heard by Whisper under the
first prompt as it is ("orig", to check the turn is the dump's) and after each of
``perturb.PERTURBATIONS``: its beam (3) with beam scores and the time the perturbation
and the listen took. Every transcript of the turn that gives a command (the dump's
candidates and the perturbed beams) and each view's best is scored by Whisper
teacher-forced under the first prompt on the original audio; each command's best
sentence and Whisper's own words also on every perturbed copy (unless
``--orig-scores-only``), so that scores can be averaged over views. Records are cached
per utterance, so a re-run only decodes what is new. One CTranslate2 thread by default:
run it under ``nice -n 19`` with ``OMP_NUM_THREADS=1 ORT_NUM_THREADS=1``.

    python -m voicertc.bench.perturbed_dump benchmarks/results/candidates-tune.jsonl.gz \\
        --conditions clean,white10

Writes benchmarks/results/perturbed-<conditions>.jsonl.gz unless --out (session 9's,
all four conditions: benchmarks/results/perturbed-tune.jsonl.gz).
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..assistant import dialogue
from ..assistant.asr import ASR_RATE, _asks_nothing, resample_16k
from ..assistant.denoise import denoise
from ..assistant.vad import VoiceActivityDetector
from .candidates_dump import _key, write
from .heldout import CONDITIONS, ROOT, checked_conditions, hash_seed, load, scene, speak, voice_for, voices
from .perturb import PERTURBATIONS
from .speech import CACHE, RATE, segments

VERSION = "perturbed-2"


def _asks(text: str, cache: dict[str, bool]) -> bool:
    if text not in cache:
        cache[text] = bool(text.strip()) and not _asks_nothing(dialogue.understand(text))
    return cache[text]


def dump(
    source: Path, conditions: list[str], cache: Path, threads: int, view_scores: bool = True
) -> Iterator[dict[str, Any]]:
    from ..assistant.whisper import WhisperRecognizer

    with gzip.open(source, "rt") as f:
        base = {(r["condition"], r["text"]): r for r in map(json.loads, f) if r["condition"] in conditions}
    split = next(iter(base.values()))["split"]
    commands, off = load(split)
    vs = voices()
    whisper = WhisperRecognizer(threads=threads)
    asks: dict[str, bool] = {}
    cache.mkdir(parents=True, exist_ok=True)
    for cond in conditions:
        for n, case in enumerate(commands + off):
            record = base.get((cond, case.text))
            if record is None:
                continue
            voice = voice_for(vs, n, cond)
            name = f"{voice.engine}:{voice.name}@{voice.wpm}"
            assert name == record["voice"], (name, record["voice"])
            path = cache / f"{_key(case, name, cond, VERSION + ('' if view_scores else '-orig'))}.json"
            if path.exists():
                yield json.loads(path.read_text())
                continue
            audio = scene(speak(case.text, voice), CONDITIONS[cond], seed=hash_seed(case.text, cond))
            turns = []
            cut = [s for s in segments(audio, VoiceActivityDetector()) if len(s) // 3 >= ASR_RATE // 10]
            for t, seg in enumerate(cut):
                cleaned = denoise(resample_16k(seg, RATE))
                views: dict[str, Any] = {}
                hearings = {}
                for view, perturb in [("orig", None), *PERTURBATIONS.items()]:
                    t0 = time.perf_counter()
                    audio_v = cleaned if perturb is None else perturb(cleaned)
                    t1 = time.perf_counter()
                    hearing = whisper.listen(audio_v)
                    t2 = time.perf_counter()
                    if hearing is None:
                        continue
                    hearings[view] = hearing
                    views[view] = {"texts": hearing.alternatives, "scores": hearing.scores,
                                   "perturb_s": t1 - t0, "listen_s": t2 - t1}  # fmt: skip
                known = record["turns"][t]["candidates"] if t < len(record["turns"]) else []
                orig = {c["text"]: c["log_prob"] for c in known if c.get("log_prob") is not None}
                texts = {c["text"] for c in known if _asks(c["text"], asks)}
                # Whisper's own words, the dump's and this run's (they can differ: threads).
                own = [c["text"] for c in known if c["source"] == "first"][:1] + views["orig"]["texts"][:1]
                texts.update(own)
                for v in views.values():
                    texts.update(x for x in v["texts"] if _asks(x, asks))
                    texts.add(v["texts"][0])
                t0 = time.perf_counter()
                scores = {x: {"orig": orig[x] if x in orig else whisper.log_prob(hearings["orig"], x)}
                          for x in sorted(texts) if x.strip()}  # fmt: skip
                # Under the perturbed copies only each command's best-scored sentence
                # and Whisper's own words: what averaging scores over views compares.
                best: dict[str, str] = {}
                for x in sorted(scores, key=lambda x: -scores[x]["orig"]):
                    if _asks(x, asks):
                        best.setdefault(repr(dialogue.understand(x)), x)
                for x in ({*best.values(), *own} - {""}) if view_scores else ():
                    scores[x] |= {v: whisper.log_prob(h, x) for v, h in hearings.items() if v != "orig"}
                turns.append({"views": views, "scores": scores, "score_s": time.perf_counter() - t0,
                              "scored": sum(len(s) for s in scores.values())})  # fmt: skip
            out = {"split": split, "condition": cond, "text": case.text, "voice": name, "turns": turns,
                   "dump_turns": len(record["turns"])}  # fmt: skip
            path.write_text(json.dumps(out))
            yield out


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("source", type=Path, help="the candidate dump whose utterances to hear again")
    ap.add_argument("--conditions", default="clean,white10", help="comma separated")
    ap.add_argument("--threads", type=int, default=1, help="CTranslate2's threads")
    ap.add_argument("--cache", type=Path, default=CACHE / "perturbed", help="per-utterance records")
    ap.add_argument(
        "--orig-scores-only", action="store_true", help="score on the original audio only (not for 'mean')"
    )
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    conditions = checked_conditions(ap, args.conditions)
    out = args.out or ROOT / "benchmarks" / "results" / f"perturbed-{'-'.join(conditions)}.jsonl.gz"
    write(out, dump(args.source, conditions, args.cache, args.threads, not args.orig_scores_only), every=25)


if __name__ == "__main__":
    main()
