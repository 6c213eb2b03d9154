"""The dialogue replayed on what the recogniser wrote: a spoken run's misses, read again.

``heldout --errors F`` keeps, for every utterance it got wrong, the transcript(s) the
recogniser wrote (``heard``). Reading them again with today's ``dialogue.understand``
tells which of those misses the rules now get right (and which off-topic sentence they
now take as a command) without speaking anything: seconds instead of an hour. It says
nothing of the utterances that were right in that run (they are not in the file).

    python -m voicertc.bench.transcript_replay /work/runs/tune2-clean-errors.json --split tune2

Prints how many misses are now right, per kind (commands, off-topic), and with
``--changed`` each one whose reading changed.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..assistant import dialogue
from .corpus import Case, load
from .heldout import judge

Understand = Callable[[str], dialogue.Intent]


def cases_by_text(split: str) -> dict[str, Case]:
    """The split's cases keyed by their text, as ``heldout`` writes it in its errors."""
    commands, off = load(split)
    return {c.text: c for c in commands + off}


def replay(
    errors: list[dict[str, Any]], cases: dict[str, Case], understand: Understand = dialogue.understand
) -> dict[str, Any]:
    """Per kind, how many misses are right now; and each miss whose reading changed."""
    counts = {"commands": [0, 0], "off_topic_declined": [0, 0]}
    changed: list[dict[str, Any]] = []
    unknown = 0
    for err in errors:
        case = cases.get(str(err["text"]))
        if case is None:
            unknown += 1  # a sentence of another split or of an older corpus
            continue
        intents = [understand(h) for h in err["heard"]]
        ok = judge(intents, case)
        kind = "commands" if case.expected else "off_topic_declined"
        counts[kind][0] += ok
        counts[kind][1] += 1
        now = [repr(i) for i in intents]
        if now != list(err["intents"]):
            changed.append({"text": case.text, "heard": err["heard"], "was": err["intents"], "now": now,
                            "right": ok, "kind": kind})  # fmt: skip
    return {
        "now_right": {k: {"right": r, "of": n} for k, (r, n) in counts.items()},
        "unknown_texts": unknown,
        "changed": changed,
    }


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("errors", type=Path, help="a heldout --errors JSON")
    ap.add_argument("--split", default="tune2", help="the split the run spoke (never a test split's errors)")
    ap.add_argument("--changed", action="store_true", help="print each miss whose reading changed")
    args = ap.parse_args(argv)
    report = replay(json.loads(args.errors.read_text()), cases_by_text(args.split))
    for kind, fig in report["now_right"].items():
        print(f"{kind}: {fig['right']} of {fig['of']} misses now right")
    if report["unknown_texts"]:
        print(f"({report['unknown_texts']} misses name a sentence not in {args.split})")
    if args.changed:
        for c in report["changed"]:
            mark = "RIGHT" if c["right"] else "wrong"
            print(f"  {mark} [{c['kind']}] {c['text']!r} heard {c['heard']} -> {c['now']}")


if __name__ == "__main__":
    main()
