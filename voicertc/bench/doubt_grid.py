"""Replays the sentence reader's rule over a spoken run's records, without decoding again.

``heldout --reader --out FILE`` keeps, for every turn, the transcript, Whisper's mean log
probability per token of it, the beam's transcripts with theirs and the reader's guesses
(``bench/heard.py``). Here each rule is read over them and judged as ``heldout`` judges:
the fill and veto for transcripts Whisper doubted (``reader.head.Doubt``), and the beam's
other transcripts tried where the chosen one reads as nothing (``Alternatives``).

    python -m voicertc.bench.doubt_grid /tmp/records.json

The run's own rule, replayed, must give every record's own verdict (checked first).
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..assistant import clauses, dialogue
from ..assistant.reader.beam import BEST_NONE, RUNNER_UP_NONE
from ..assistant.reader.head import DOUBT, FILL, VETO, Doubt, Guess, combined, rules_arguments
from ..assistant.whisper_text import several_sentences
from .corpus import Case, load
from .heard import guess_of
from .heldout import judge

WEAK = ("flite:", "piper:joe", "+Andy")


@dataclass(frozen=True)
class Alternatives:
    """Where the chosen transcript reads as nothing and the reader gives it "none" below
    ``best_none``, the first of the beam's others (one sentence, as
    ``asr._first_understood`` takes) read as a command: by the rules, with the reader's
    "none" below ``none_below``, or filled at ``fill`` or more (None: never)."""

    none_below: float
    fill: float | None
    best_none: float = 1.01

    def pick(self, turn: dict, doubt: Doubt, read: Callable[[str], list[dialogue.Intent]]) -> list | None:
        best = guess_of(turn["guess"])
        if best is not None and best.none >= self.best_none:
            return None
        for (text, _), plain in zip(turn["beam"][1:], turn["beam_guesses"], strict=False):
            guess = guess_of(plain)
            if guess is None or several_sentences(text):
                continue
            rules = read(text)
            if any(isinstance(i, dialogue.ToolCall) for i in rules):
                if guess.none < self.none_below:
                    return combined(rules, guess, rules_arguments(text), doubt=doubt, said=text)
                continue
            if self.fill is not None:
                filled = combined(
                    rules,
                    guess,
                    rules_arguments(text),
                    fill=self.fill,
                    doubt=doubt,
                    said=text,
                )
                if any(isinstance(i, dialogue.ToolCall) for i in filled):
                    return filled
        return None


SHIPPED = Alternatives(RUNNER_UP_NONE, None, BEST_NONE)  # reader.beam.runner_up's rule


class Replay:
    """A run's records (``heldout``'s ``records``) and its split's sentences, commands
    first (``n`` counts them so)."""

    def __init__(self, records: list[dict], cases: list[Case]) -> None:
        self.cases = cases
        self.records = records
        self._rules: dict[str, list[dialogue.Intent]] = {}
        self._judged: dict[tuple[int, str], bool] = {}

    def read(self, text: str) -> list[dialogue.Intent]:
        if text not in self._rules:
            self._rules[text] = clauses.understand_all(text)
        return self._rules[text]

    def turn(self, turn: dict, doubt: Doubt, alternatives: Alternatives | None) -> list[dialogue.Intent]:
        guess: Guess | None = guess_of(turn["guess"])
        rules = self.read(turn["text"])
        if guess is None:
            return rules
        intents = combined(rules, guess, rules_arguments(turn["text"]), doubt=doubt, said=turn["text"])
        if alternatives is not None and not any(isinstance(i, dialogue.ToolCall) for i in intents):
            return alternatives.pick(turn, doubt, self.read) or intents
        return intents

    def verdicts(self, doubt: Doubt, alternatives: Alternatives | None = None) -> list[bool]:
        out = []
        for k, record in enumerate(self.records):
            intents = [i for t in record["turns"] for i in self.turn(t, doubt, alternatives)]
            key = (k, repr(intents))
            if key not in self._judged:
                self._judged[key] = judge(intents, self.cases[record["n"]])
            out.append(self._judged[key])
        return out

    def table(self, verdicts: list[bool], keep: Callable[[dict], bool] = bool) -> dict[str, list[int]]:
        """Per condition: [commands right, commands, off-topic declined, off-topic]."""
        return tally(
            (record["condition"], bool(self.cases[record["n"]].expected), ok)
            for record, ok in zip(self.records, verdicts, strict=True)
            if keep(record)
        )


def tally(rows: Iterable[tuple[str, bool, bool]]) -> dict[str, list[int]]:
    """From (condition, a command?, judged right) rows, per condition: [commands right,
    commands, off-topic declined, off-topic]."""
    out: dict[str, list[int]] = {}
    for condition, command, ok in rows:
        row = out.setdefault(condition, [0, 0, 0, 0])
        side = 0 if command else 2
        row[side] += ok
        row[side + 1] += 1
    return out


def line(name: str, table: dict[str, list[int]], base: dict[str, list[int]] | None = None) -> str:
    cells = []
    total = [0, 0, 0, 0]
    for cond, row in table.items():
        total = [a + b for a, b in zip(total, row, strict=True)]
        cells.append(f"{cond} {100 * row[0] / max(1, row[1]):.1f}/{100 * row[2] / max(1, row[3]):.1f}")
    delta = ""
    if base is not None:
        b = [sum(r[i] for r in base.values()) for i in range(4)]
        delta = f"  ({total[0] - b[0]:+d} commands, {total[2] - b[2]:+d} off-topic)"
    return f"{name:48} {'  '.join(cells)}{delta}"


def grid() -> Iterable[Doubt]:
    """Every transcript's fill (``heard_fill``) and, below a score, a doubted one's
    fill and veto (1.01: never filled)."""
    belows = (-0.2, -0.3, -0.45, -0.6, -0.8, -1.0)
    fills = (FILL, 0.8, 0.85, 0.9, 0.95, 1.01)
    vetoes = (VETO, 0.8, 0.5)
    for heard_fill, below, fill, veto in itertools.product(fills, belows, fills, vetoes):
        if fill >= heard_fill:
            yield Doubt(below, fill, veto, heard_fill)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("records", type=Path, help="heldout --reader --out's JSON")
    ap.add_argument("--top", type=int, default=25, help="rules shown, best first")
    args = ap.parse_args(argv)
    report = json.loads(args.records.read_text())
    commands, off = load(report["split"])
    # ``n`` counts the run's sentences, which --limit took from the front of each side
    replay = Replay(report["records"], commands[: report["n_commands"]] + off[: report["n_off_topic"]])
    run = [bool(r["ok"]) for r in replay.records]
    again = replay.verdicts(Doubt(float("-inf"), FILL, VETO))
    shipped = replay.verdicts(DOUBT, SHIPPED)
    for rule, verdicts in (("no doubt rule", again), ("the shipped rules", shipped)):
        differ = sum(a != b for a, b in zip(run, verdicts, strict=True))
        print(f"{len(run)} records replayed with {rule}: {differ} differ from the run")
    base = replay.table(again)
    print(line("no doubt rule (session 16)", base))
    print(line(f"shipped {DOUBT}", replay.table(replay.verdicts(DOUBT)), base))
    scored = []
    for doubt in grid():
        table = replay.table(replay.verdicts(doubt))
        gained = [sum(r[i] for r in table.values()) - sum(r[i] for r in base.values()) for i in (0, 2)]
        scored.append((gained[0] + gained[1], gained[1], doubt, table))
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    for _, _, doubt, table in scored[: args.top]:
        name = f"heard {doubt.heard_fill} below {doubt.below} fill {doubt.fill} veto {doubt.veto}"
        print(line(name, table, base))
    weak = lambda r: any(w in r["voice"] for w in WEAK)  # noqa: E731
    print(line("weak voices, no rule", replay.table(again, weak)))
    print(line("weak voices, shipped", replay.table(replay.verdicts(DOUBT), weak)))
    print(line("weak voices, shipped with runner-ups", replay.table(shipped, weak)))
    print(line("shipped with runner-ups", replay.table(shipped), base))
    doubt_only = replay.table(replay.verdicts(DOUBT))
    print("runner-ups (their none below / fill / the best's none below), against the shipped doubt rule:")
    for none_below, fill, best_none in itertools.product(
        (0.5, 0.2, 0.1, 0.05), (None, 0.9), (0.5, 0.6, 0.8, 1.01)
    ):
        alternatives = Alternatives(none_below, fill, best_none)
        table = replay.table(replay.verdicts(DOUBT, alternatives))
        print(line(f"  {none_below} / {fill} / {best_none}", table, doubt_only))


if __name__ == "__main__":
    main()
