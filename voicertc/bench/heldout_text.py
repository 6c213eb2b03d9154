"""The dialogue on the held-out corpus's text, no speech: what understanding alone is worth.

Each sentence of a split is read as typed, as the server reads a session's first turn
(every request of it: ``reading.first_turn``) and judged as ``heldout`` judges a spoken one (by the
effect chain the calls give). Figures per
style (the family's last part, less any ``-detail``) and per effect (the expected call's).

    python -m voicertc.bench.heldout_text --split tune2     # the blind second tune corpus
    python -m voicertc.bench.heldout_text --split tune --errors
    python -m voicertc.bench.heldout_text --split tune7 --reader --cached --errors  # ~5 s again

Writes benchmarks/results/heldout-text-<split>.json (or ``--out``). The misses of a
tune split are kept in it; the test split's never are, nor printed: it is measured
once, for the figure only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from ..assistant import dialogue
from ..assistant.reader import required
from .corpus import style
from .guess_cache import CachedReader
from .heldout import ROOT, Case, judge, load
from .reading import Understand, first_turn


def figures(commands: list[Case], off: list[Case], understand: Understand) -> dict:
    """Percent right overall, per style and per effect; the misses (text, what was read)."""
    by: dict[str, list[bool]] = defaultdict(list)
    misses: list[dict[str, str]] = []
    for case in commands + off:
        intents = understand(case.text)
        ok = judge(intents, case)
        if case.expected:
            effect = case.expected[0].get("effect", "reset")
            keys = ("commands", f"style:{style(case.family)}", f"effect:{effect}")
        else:
            keys = ("off_topic_declined",)
            # changing nothing, answered or not: a status question ("what's on right now?")
            # that a corpus lists as off-topic is answered by listing the effects
            by["off_topic_unchanged"].append(not any(_changes(i) for i in intents))
        for key in keys:
            by[key].append(ok)
        if not ok:
            read = intents[0] if len(intents) == 1 else intents
            misses.append({"family": case.family, "text": case.text, "read": repr(read)})
    table = {k: {"pct": round(100.0 * sum(v) / len(v), 1), "n": len(v)} for k, v in sorted(by.items())}
    return {"figures": table, "misses": misses}


def _changes(intent: dialogue.Intent) -> bool:
    return isinstance(intent, dialogue.ToolCall) and intent.name == dialogue.APPLY


def half(key: str) -> str:
    """tune2's families in two halves by a salted hash (session 9: rules were written from
    the misses of half A only, and half B measured them)."""
    return "AB"[int(hashlib.sha256(f"t2half:{key}".encode()).hexdigest()[:8], 16) % 2]


def by_half(commands: list[Case], off: list[Case], understand: Understand) -> dict[str, dict]:
    out = {}
    for h in "AB":
        mine = [c for c in commands if half(c.family) == h], [c for c in off if half(f"off:{c.text}") == h]
        table = figures(*mine, understand)["figures"]
        out[h] = {k: v for k, v in table.items() if k in ("commands", "off_topic_declined")}
    return out


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--split",
        default="tune2",
        help="tune, test, or a corpus folder (tune2 to tune30; test2 to test30: blind, never tuned on)",
    )
    ap.add_argument("--errors", action="store_true", help="print the misses (never for a test split)")
    ap.add_argument("--out", type=Path, help="where the JSON goes")
    ap.add_argument("--label", default="", help="what code was measured (kept in the JSON)")
    ap.add_argument("--reader", action="store_true", help="the rules with the sentence reader's guess")
    ap.add_argument(
        "--cached", action="store_true", help="keep the reader's guesses on disk between runs (guess_cache)"
    )
    args = ap.parse_args(argv)
    commands, off = load(args.split)
    reader = required() if args.reader else None
    cached = CachedReader.beside(reader) if reader is not None and args.cached else None
    understand = first_turn(cached or reader)
    report = figures(commands, off, understand)
    if cached is not None:
        cached.save()
    if args.split.startswith("test"):  # test, test2 to test30: measured, never read
        report.pop("misses")
    if args.split == "tune2":
        report["halves"] = by_half(commands, off, understand)
        print(f"halves: {report['halves']}")
    shown = report["figures"]
    right, declined = shown["commands"], shown["off_topic_declined"]
    print(f"{args.split}: commands {right['pct']}% of {right['n']},", end=" ")
    print(f"off-topic declined {declined['pct']}% of {declined['n']}")
    for key, fig in shown.items():
        if ":" in key:
            print(f"  {key:28} {fig['pct']:5.1f}% of {fig['n']}")
    if args.errors and "misses" in report:
        for miss in report["misses"]:
            print(f"  miss [{miss['family']}] {miss['text']!r} -> {miss['read']}")
    dest = args.out or ROOT / "benchmarks" / "results" / f"heldout-text-{args.split}.json"
    dest.write_text(json.dumps({"split": args.split, "label": args.label} | report, indent=1) + "\n")
    print(f"wrote {dest}")


if __name__ == "__main__":
    main()
