"""Where a writer nobody tuned on is read wrong, and whether the sentence reader could mend it
(session 41).

Each held-out writer's tune side is read as ``reader_lowo`` reads it: by the rules of the commit
that added that writer's corpus (they never saw it) and a head fitted without it, combined at
the assistant's fill and veto. The errors are sorted by kind: a command read as nothing, as a
call to the wrong effect, to the right effect the other way or with another action, with the
right effect and action but another value or parameter, with a call beside the right one, or
answered with something else; an off-topic sentence read as a call. Then what the head could
do about the command read as nothing: filled at a lower threshold (``FILL`` is 0.7), how many
of those fills are right, and how many off-topic sentences a fill would turn into calls.

    python -m voicertc.bench.first_contact --model-dir DIR --tree tune5=... --tree tune18=...

Writes benchmarks/results/first-contact-<suffix>.json.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ..assistant import dialogue
from ..assistant.reader.head import FILL, VETO, combined, unread
from .heldout import ROOT, judge, same_change
from .reader_lowo import CACHE, Fold, fold

BANDS = ((0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))
UP, DOWN = frozenset({"add", "increase"}), frozenset({"remove", "decrease"})


def error_kind(intents: Sequence[dialogue.Intent], expected: tuple[dict[str, object], ...]) -> str | None:
    """How a command's reading is wrong (None: it is right; ``expected`` the corpus's calls)."""
    calls = [i.arguments for i in intents if isinstance(i, dialogue.ToolCall) and i.name == dialogue.APPLY]
    others = [i for i in intents if isinstance(i, dialogue.ToolCall) and i.name != dialogue.APPLY]
    hit = [c for c in calls if any(same_change(c, w) for w in expected)]
    if hit and len(hit) == len(calls) and not others:
        return None
    if not calls:
        return "nothing read" if unread(intents) and not others else "something else said"
    if hit:
        return "a call beside the right one"
    wanted = {w.get("effect") for w in expected}
    same = [c for c in calls if c.get("effect") in wanted]
    if not same:
        return "another effect"
    actions = {str(c.get("action")) for c in same}
    wanted_actions = {str(w.get("action")) for w in expected}
    if actions & wanted_actions:
        return "another value or parameter"
    turned = (actions <= UP and wanted_actions <= DOWN) or (actions <= DOWN and wanted_actions <= UP)
    return "the other way" if turned else "another action"


def first_contact(f: Fold) -> dict[str, object]:
    """One held-out writer's errors by kind, and what lower fills would do."""
    kinds: Counter[str] = Counter()
    off_read = 0
    bands = {f"{lo}-{min(hi, 1.0)}": [0, 0, 0] for lo, hi in BANDS}  # commands unread, right if filled, off
    for case, reading, guess in zip(f.cases, f.readings, f.guesses, strict=True):
        intents = combined(reading.intents, guess, reading.call, FILL, VETO, said=case.text)
        if case.expected:
            kind = error_kind(intents, case.expected)
            kinds[kind or "right"] += 1
        elif not judge(intents, case):
            off_read += 1
        if not unread(reading.intents) or guess.effect == "none":
            continue
        for lo, hi in BANDS:
            if lo <= guess.likelihood < hi:
                band = bands[f"{lo}-{min(hi, 1.0)}"]
                filled = combined(reading.intents, guess, reading.call, 0.0, VETO, said=case.text)
                if case.expected:
                    band[0] += 1
                    band[1] += judge(filled, case)
                else:
                    band[2] += not judge(filled, case)
    commands = sum(bool(c.expected) for c in f.cases)
    return {
        "commands": commands,
        "off_topic": len(f.cases) - commands,
        "command_errors": {k: n for k, n in kinds.most_common() if k != "right"},
        "commands_right": kinds["right"],
        "off_topic_read_as_calls": off_read,
        "unread_commands_by_guess_likelihood": {
            b: {"commands": v[0], "right_if_filled": v[1], "off_topic_filled": v[2]} for b, v in bands.items()
        },
    }


def summed(reports: dict[str, dict[str, object]]) -> dict[str, object]:
    """The writers' reports added up."""
    total: dict[str, object] = {
        "commands": 0,
        "off_topic": 0,
        "commands_right": 0,
        "off_topic_read_as_calls": 0,
    }
    errors: Counter[str] = Counter()
    bands: dict[str, Counter[str]] = {}
    for r in reports.values():
        for k in ("commands", "off_topic", "commands_right", "off_topic_read_as_calls"):
            total[k] = int(total[k]) + int(r[k])  # type: ignore[call-overload]
        errors.update(r["command_errors"])  # type: ignore[arg-type]
        for b, v in r["unread_commands_by_guess_likelihood"].items():  # type: ignore[attr-defined]
            bands.setdefault(b, Counter()).update(v)
    total["command_errors"] = dict(errors.most_common())
    total["unread_commands_by_guess_likelihood"] = {b: dict(v) for b, v in bands.items()}
    return total


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--model-dir", type=Path, required=True, help="all-MiniLM-L6-v2's folder")
    ap.add_argument("--tree", action="append", default=[], help="WRITER=TREE, as reader_lowo takes it")
    ap.add_argument("--suffix", default="", help="the report's name: first-contact-<suffix>.json")
    ap.add_argument("--out-dir", type=Path, default=ROOT / "benchmarks" / "results")
    args = ap.parse_args(argv)
    CACHE.mkdir(parents=True, exist_ok=True)
    reports = {}
    for held, tree in (t.split("=", 1) for t in args.tree):
        reports[held] = first_contact(fold(held, Path(tree), args.model_dir))
        print(held, json.dumps(reports[held]["command_errors"]), flush=True)
    report = {"writers": reports, "all": summed(reports)}
    print("all", json.dumps(report["all"], indent=1))
    dest = args.out_dir / f"first-contact-{args.suffix or 'all'}.json"
    dest.write_text(json.dumps(report, indent=1) + "\n")
    print(f"wrote {dest}")


if __name__ == "__main__":
    main()
