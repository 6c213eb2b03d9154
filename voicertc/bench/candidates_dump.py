"""Every candidate transcript of every held-out utterance, with its scores, on disk.

For each sentence of a split in each condition, spoken in the voice ``heldout`` gives it,
cut by the VAD as the endpoint does, each turn's candidates from all four sources
(``voicertc.assistant.candidates``: Whisper's beam under the first prompt, its second
listen, the grammar's sentence, the listen within the grammar's words), every one scored
by Whisper teacher-forced, with the turn's SNR and length. The dialogue's reading and the
label (does it give the right chain) are recomputed from the text when the dump is read,
so they follow the dialogue as it changes; the audio-derived part is cached per utterance
so a re-run only decodes what is new.

    python -m voicertc.bench.candidates_dump --split tune --conditions clean,white10,pink10,babble10

Writes benchmarks/results/candidates-<split>.jsonl.gz (one utterance a line) unless --out.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..assistant.asr import ASR_RATE, COMMAND_WORDS, PocketsphinxRecognizer, resample_16k
from ..assistant.candidates import Turn, gather
from ..assistant.denoise import denoise, snr_db
from ..assistant.vad import VoiceActivityDetector
from .heldout import (
    CONDITIONS,
    ROOT,
    Case,
    checked_conditions,
    hash_seed,
    load,
    scene,
    speak,
    voice_for,
    voices,
)
from .speech import CACHE, RATE, segments
from .variants import VARIANTS, applied

# Bumped when what a record holds changes: older cached records are then decoded again.
VERSION = 1


def _key(case: Case, voice: str, cond: str, variant: str = "default") -> str:
    tag = "" if variant == "default" else f"|{variant}"  # the default's records keep their names
    return hashlib.sha1(f"{VERSION}|{case.text}|{voice}|{cond}{tag}".encode()).hexdigest()[:20]


def dump(
    split: str, conditions: list[str], limit: int | None, cache: Path, variant: str = "default"
) -> Iterator[dict[str, object]]:
    with applied(variant) as v:
        yield from _dump(split, conditions, limit, cache, variant, v.prefix_ms)


def _dump(
    split: str, conditions: list[str], limit: int | None, cache: Path, variant: str, prefix_ms: int
) -> Iterator[dict[str, object]]:
    from ..assistant.whisper import WhisperRecognizer

    commands, off = load(split)
    if limit:
        commands, off = commands[:limit], off[: max(1, limit // 4)]
    vs = voices()
    whisper, grammar = WhisperRecognizer(), PocketsphinxRecognizer()
    side = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dump-side")
    cache.mkdir(parents=True, exist_ok=True)
    try:
        for cond in conditions:
            for n, case in enumerate(commands + off):
                voice = voice_for(vs, n, cond)
                name = f"{voice.engine}:{voice.name}@{voice.wpm}"
                path = cache / f"{_key(case, name, cond, variant)}.json"
                if path.exists():
                    yield json.loads(path.read_text())
                    continue
                audio = scene(speak(case.text, voice), CONDITIONS[cond], seed=hash_seed(case.text, cond))
                turns = []
                for seg in segments(audio, VoiceActivityDetector(), prefix_ms):
                    samples = resample_16k(seg, RATE)
                    if samples.size < ASR_RATE // 10:
                        continue  # the recogniser hears nothing in it either
                    t0 = time.perf_counter()
                    cleaned = denoise(samples)
                    hearing = whisper.listen(cleaned)
                    listened = time.perf_counter() - t0
                    if hearing is None:
                        continue
                    turn = gather(whisper, grammar, cleaned, hearing, snr=snr_db(samples),
                                  words=COMMAND_WORDS, side=side)  # fmt: skip
                    turn.timings["listen"] = listened
                    turns.append(turn.to_json())
                record = {"split": split, "condition": cond, "family": case.family, "text": case.text,
                          "voice": name, "expected": list(case.expected), "turns": turns}  # fmt: skip
                path.write_text(json.dumps(record))
                yield record
    finally:
        side.shutdown(wait=True)


def read(path: Path) -> list[dict[str, object]]:
    """A dump's records, their turns as ``Turn``s."""
    with gzip.open(path, "rt") as f:
        records = [json.loads(line) for line in f if line.strip()]
    for r in records:
        r["turns"] = [Turn.from_json(t) for t in r["turns"]]  # type: ignore[union-attr]
    return records


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--split", choices=["test", "tune"], default="tune")
    ap.add_argument("--conditions", default="clean,white10,pink10,babble10", help="comma separated")
    ap.add_argument("--limit", type=int, help="only the first N commands (a quick look)")
    ap.add_argument(
        "--variant", choices=list(VARIANTS), default="default", help="one setting changed (variants.py)"
    )
    ap.add_argument("--cache", type=Path, default=CACHE / "candidates", help="per-utterance records")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    conditions = checked_conditions(ap, args.conditions)
    tag = "" if args.variant == "default" else f"-{args.variant}"
    out = args.out or ROOT / "benchmarks" / "results" / f"candidates-{args.split}{tag}.jsonl.gz"
    write(out, dump(args.split, conditions, args.limit, args.cache, args.variant))


def write(out: Path, records: Iterator[dict[str, object]], every: int = 50) -> None:
    """A dump's records to ``out``, one a line, with progress every ``every``."""
    started, count = time.perf_counter(), 0
    with gzip.open(out, "wt") as f:
        for record in records:
            f.write(json.dumps(record) + "\n")
            count += 1
            if count % every == 0:
                print(f"{count} utterances, {time.perf_counter() - started:.0f} s", flush=True)
    print(f"wrote {out}: {count} utterances in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
