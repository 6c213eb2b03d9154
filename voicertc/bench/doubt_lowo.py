"""The reader's rule for transcripts (``reader.head.Doubt``), chosen on writers nothing was
tuned on (session 31, docs/speech.md).

``doubt_grid`` replays one run whose rules and head were both fitted on its writer. Here each
writer's spoken turns (``heldout --reader --out``: every transcript with Whisper's mean log
probability per token) are read by the rules of a commit that never saw that writer
(``reader_lowo.HELD``) beside a head fitted on the other writers only, and every rule of
``doubt_grid.grid`` is judged over all the writers together, as ``heldout`` judges.

    python -m voicertc.bench.doubt_lowo --model-dir DIR \\
        --run tune9=clean.json --run tune9=noise.json --tree tune9=/tmp/rules-19c1a5e ...

Prints the shipped rule, no doubt rule, and the best by sentences right; ``--out`` keeps them.
Every rule re-reads every record: ~12 minutes for five writers on these 2 cores.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..assistant import dialogue
from ..assistant.reader.head import DOUBT, FILL, VETO, Doubt, Guess, combined
from .corpus import Case
from .doubt_grid import grid, line, tally
from .heldout import judge, load
from .reader_lowo import HELD, Fitting, Reading, embeddings, fit_all, rules_readings

#: One record: its writer, condition and sentence, and each turn's reading and guess.
Turn = tuple[Reading, Guess]


@dataclass(frozen=True)
class Record:
    condition: str
    case: Case
    turns: tuple[Turn, ...]


def records(writer: str, runs: Sequence[Path], tree: Path, model_dir: Path) -> list[Record]:
    """The writer's spoken records, read by the rules that never saw it and guessed at by a
    head fitted on the other writers."""
    commands, off = load(writer)
    heard: list[tuple[str, Case, list[tuple[str, float | None]]]] = []
    for path in runs:
        run = json.loads(path.read_text())
        cases = commands[: run["n_commands"]] + off[: run["n_off_topic"]]
        for r in run["records"]:
            said = [(t["text"], t.get("log_prob")) for t in r["turns"] if t["text"].strip()]
            heard.append((r["condition"], cases[r["n"]], said))
    texts = sorted({text for _, _, said in heard for text, _ in said})
    readings = dict(zip(texts, rules_readings(texts, HELD[writer], tree), strict=True))
    head = fit_all(model_dir, Fitting().without(writer))
    vectors = dict(zip(texts, embeddings(texts, model_dir), strict=True))
    out = []
    for condition, case, said in heard:
        turns = []
        for text, log_prob in said:
            turns.append((readings[text], dataclasses.replace(head.guess(vectors[text]), heard=log_prob)))
        out.append(Record(condition, case, tuple(turns)))
    return out


def table(recs: Iterable[Record], doubt: Doubt) -> dict[str, list[int]]:
    """Per condition: [commands right, commands, off-topic declined, off-topic]."""
    return tally((rec.condition, bool(rec.case.expected), judge(_read(rec, doubt), rec.case)) for rec in recs)


def _read(rec: Record, doubt: Doubt) -> list[dialogue.Intent]:
    """What the record's turns ask, the guesses beside the rules under ``doubt``."""
    return [i for r, guess in rec.turns for i in combined(r.intents, guess, r.call, doubt=doubt)]


def right(t: dict[str, list[int]]) -> tuple[int, int]:
    return sum(r[0] for r in t.values()), sum(r[2] for r in t.values())


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--model-dir", type=Path, required=True, help="all-MiniLM-L6-v2's folder")
    ap.add_argument(
        "--run", action="append", default=[], help="WRITER=RECORDS: heldout --reader --out's JSON"
    )
    ap.add_argument("--tree", action="append", default=[], help="WRITER=TREE: a checkout of HELD[WRITER]")
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    trees = dict(t.split("=", 1) for t in args.tree)
    runs: dict[str, list[Path]] = {}
    for r in args.run:
        writer, path = r.split("=", 1)
        runs.setdefault(writer, []).append(Path(path))
    recs = [rec for w, paths in runs.items() for rec in records(w, paths, Path(trees[w]), args.model_dir)]
    shipped, plain = table(recs, DOUBT), table(recs, Doubt(float("-inf"), FILL, VETO))
    print(line(f"shipped {DOUBT}", shipped))
    print(line("no doubt rule", plain, shipped))
    scored = sorted(((sum(right(t := table(recs, d))), d, t) for d in grid()), key=lambda s: -s[0])
    for _, doubt, t in scored[: args.top]:
        print(
            line(
                f"heard {doubt.heard_fill} below {doubt.below} fill {doubt.fill} veto {doubt.veto}",
                t,
                shipped,
            )
        )
    if args.out:
        report = {
            "writers": {w: [str(p) for p in paths] for w, paths in runs.items()},
            "rules": {w: HELD[w] for w in runs},
            "shipped": {"doubt": repr(DOUBT), "table": shipped},
            "no_doubt": plain,
            "best": [{"doubt": repr(d), "table": t} for _, d, t in scored[: args.top]],
        }
        args.out.write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
