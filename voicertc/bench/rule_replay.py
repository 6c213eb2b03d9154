"""The combined recogniser's rule replayed on candidate dumps: settings compared on
identical audio, in seconds.

Each dump (``candidates_dump``, optionally of a ``variants`` setting) holds every turn's
candidates with Whisper's teacher-forced score of each. The rule
(``CombinedRecognizer.choose``) is replayed on them with the keywords given, every
sentence scored as the live recogniser scores it (teacher-forced; ``--beam-scores``
takes the first listen's beam score instead, as ``chooser_fit``'s replay does), and
judged as ``heldout`` judges it.

    python -m voicertc.bench.rule_replay benchmarks/results/candidates-tune.jsonl.gz \\
        --rule switch_margin=-inf --rule doubt_log_prob=-0.5

Prints commands right and off-topic declined per condition for each dump and rule, the
overrules (``stats["switched"]``), and utterances won and lost against the first
column; ``--out`` keeps it as JSON.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..assistant import dialogue, whisper
from ..assistant.asr import CombinedRecognizer
from ..assistant.candidates import Replay, Turn
from .candidates_dump import read
from .heldout import Case, judge


class TeacherForced(Replay):
    """Every sentence scored by Whisper teacher-forced, as the live rule scores it."""

    def log_prob(self, hearing: Any, text: str) -> float:
        if not text.strip():
            return 0.0
        return next(
            (c.log_prob for c in self.turn.candidates if c.text == text and c.log_prob is not None), -9.0
        )


def choose(recognizer: CombinedRecognizer, turn: Turn, beam_scores: bool) -> str:
    recognizer.whisper = recognizer.grammar = (Replay if beam_scores else TeacherForced)(turn)  # type: ignore[assignment]
    first = recognizer.whisper.texts("first") or [""]
    return recognizer.choose(None, whisper.Hearing(first[0], None, 0, first), turn.snr_db)  # type: ignore[arg-type]


def replay(records: list[dict[str, Any]], rule: dict[str, float], beam_scores: bool) -> dict[str, Any]:
    """Per utterance whether the rule got it right, and per condition the figures."""
    recognizer = CombinedRecognizer(grammar=Replay(Turn([], 0, 0)), whisper=object(), **rule)  # type: ignore[arg-type]
    by: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    switched: dict[str, int] = defaultdict(int)
    ok: dict[tuple[str, str], bool] = {}
    try:
        for r in records:
            case = Case(str(r["family"]), str(r["text"]), tuple(r["expected"]))
            before = recognizer.stats["switched"]
            said = [dialogue.understand(choose(recognizer, t, beam_scores)) for t in r["turns"]]
            switched[r["condition"]] += recognizer.stats["switched"] - before
            right = judge(said, case)
            ok[(r["condition"], r["text"])] = right
            by[r["condition"]]["commands" if case.expected else "off_topic_declined"].append(right)
    finally:
        recognizer.close()
    figures = {c: {k: round(100.0 * sum(v) / len(v), 1) for k, v in d.items()} for c, d in by.items()}
    for c in figures:
        figures[c]["n"] = sum(len(v) for v in by[c].values())
        figures[c]["overrules"] = switched[c]
    return {"figures": figures, "ok": ok}


def _parse_rule(items: list[str]) -> dict[str, float]:
    return {k: float(v) for k, v in (i.split("=", 1) for i in items)}


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("dumps", nargs="+", type=Path)
    ap.add_argument("--rule", action="append", default=[], metavar="K=V[,K=V]",
                    help="CombinedRecognizer settings (repeatable; the default rule is first)")  # fmt: skip
    ap.add_argument("--beam-scores", action="store_true")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    rules = [{}] + [_parse_rule(r.split(",")) for r in args.rule]
    report: list[dict[str, Any]] = []
    base: dict[tuple[str, str], bool] | None = None
    for path in args.dumps:
        records = read(path)
        for rule in rules:
            result = replay(records, rule, args.beam_scores)
            ok = result["ok"]
            base = ok if base is None else base
            shared = [k for k in ok if k in base]
            won = sum(ok[k] and not base[k] for k in shared)
            lost = sum(base[k] and not ok[k] for k in shared)
            row = {"dump": path.name, "rule": rule, "figures": result["figures"], "won": won, "lost": lost}
            report.append(row)
            print(f"{path.name} {rule or 'default'}: +{won} -{lost} against the first")
            for cond, f in result["figures"].items():
                commands, off = f.get("commands", 0.0), f.get("off_topic_declined", 0.0)
                print(
                    f"  {cond:9} commands {commands:5.1f}  off-topic {off:5.1f}  overrules {f['overrules']}"
                )
    if args.out:
        args.out.write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
