"""What the rules and the sentence reader still get wrong on a writer neither saw (session
17), and a third way to combine them, measured the way ``reader_lowo`` measures the others.

Each sentence the assistant's combination (fill 0.7, veto 0.9) gets wrong in a
leave-one-writer-out fold is put in one kind:

- a command the rules read nothing in, left unfilled (the head says none; it names the right
  effect below the fill threshold; it names another effect) or filled wrongly (another
  effect; the right one with a wrong action or value);
- a command the rules read with a wrong effect (the head sure of a right one at 0.9 or
  not), or with the right effect and a wrong action, value or parameter;
- a command the rules read right, vetoed; a command they answered otherwise (help, a
  decline);
- an off-topic sentence the rules read a command in (not vetoed), or the head filled.

**override** at t: where the rules read commands none of whose effects is the head's guess,
and that guess (an effect, not none or the reset) is at least t likely, the head's effect
is made instead, completed by the rules' arguments as a fill is. **action override** at t:
where the rules read one command, on the effect the head guesses, with another action than
the head's, and the head's action is at least t likely, that action is made instead.

    python -m voicertc.bench.reader_misses --model-dir DIR \\
        --tree tune4=/tmp/rules-7cf --tree tune3=/tmp/rules-65d

Writes benchmarks/results/reader-misses-<held>.json (counts only: the tune sides).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from ..assistant import dialogue
from ..assistant.reader.head import FILL, VETO, Guess, combined, unread
from .corpus import Case
from .heldout import ROOT, judge
from .reader_lowo import CACHE, HELD, Fold, Reading, fold

OVERRIDES = (0.8, 0.9, 0.95, 0.99)
SURE = 0.9  # "the head is sure of the right effect", for the kinds


def _effects(intents: Sequence[dialogue.Intent]) -> set[str]:
    return {str(i.arguments.get("effect", "reset")) for i in intents if isinstance(i, dialogue.ToolCall)}


def overridden(
    intents: Sequence[dialogue.Intent],
    guess: Guess,
    arguments: Callable[[str, str], dict[str, object] | None],
    at: float | None,
) -> list[dialogue.Intent]:
    """The rules' commands, replaced by the guessed effect's where the guess is at least
    ``at`` likely and names an effect none of them is about (``None``: never)."""
    effects = _effects(intents)
    if at is None or not effects or guess.effect in ("none", "reset", *effects) or guess.likelihood < at:
        return list(intents)
    call = arguments(guess.effect, guess.action)
    return [dialogue.ToolCall(dialogue.APPLY, call)] if call else list(intents)


def action_overridden(
    intents: Sequence[dialogue.Intent],
    guess: Guess,
    action_likelihood: float,
    arguments: Callable[[str, str], dict[str, object] | None],
    at: float | None,
) -> list[dialogue.Intent]:
    """The rules' one command with the guessed action, where the guess names its effect and
    is at least ``at`` sure of another action (``None``: never)."""
    calls = [i for i in intents if isinstance(i, dialogue.ToolCall)]
    if at is None or len(calls) != 1 or len(intents) != 1 or action_likelihood < at:
        return list(intents)
    effect, action = calls[0].arguments.get("effect"), calls[0].arguments.get("action")
    if effect != guess.effect or action == guess.action:
        return list(intents)
    call = arguments(guess.effect, guess.action)
    return [dialogue.ToolCall(dialogue.APPLY, call)] if call else list(intents)


def kind(
    case: Case, rules: Sequence[dialogue.Intent], guess: Guess, result: Sequence[dialogue.Intent]
) -> str:
    """Why the combination's ``result`` is wrong for ``case`` (see the module's list)."""
    wanted = {str(c.get("effect", "reset")) for c in case.expected}
    if not case.expected:
        return "off-topic: filled" if unread(rules) else "off-topic: rules read a command, not vetoed"
    if judge(rules, case):
        return "command: rules right, vetoed"
    if unread(rules):
        if _effects(result):
            right = guess.effect in wanted
            return (
                "unread: filled, right effect, wrong action/value"
                if right
                else "unread: filled, another effect"
            )
        if guess.effect == "none":
            return "unread: head says none"
        return (
            "unread: right effect below fill"
            if guess.effect in wanted
            else "unread: head names another effect"
        )
    if not _effects(rules):
        return "command: rules answered otherwise"
    if _effects(rules) - wanted or not _effects(rules) & wanted:
        sure = guess.effect in wanted and guess.likelihood >= SURE
        return f"rules: wrong effect, head {'sure of a right one' if sure else 'not sure of a right one'}"
    return "rules: right effect, wrong action/value/param"


def arguments_of(reading: Reading) -> Callable[[str, str], dict[str, object] | None]:
    return lambda effect, action: reading.arguments.get(f"{effect} {action}")


def misses(
    f: Fold, override: float | None = None, action: float | None = None
) -> tuple[Counter[str], dict[str, int]]:
    """The kinds of the combination's misses, and its sentences right (commands, off-topic)."""
    kinds: Counter[str] = Counter()
    right = {"commands_right": 0, "off_topic_right": 0}
    rows = zip(f.cases, f.readings, f.guesses, f.probs[1].max(axis=1), strict=True)
    for case, reading, guess, action_likelihood in rows:
        args = arguments_of(reading)
        said = case.text
        result = overridden(
            combined(reading.intents, guess, args, FILL, VETO, said=said), guess, args, override
        )
        result = action_overridden(result, guess, float(action_likelihood), args, action)
        if judge(result, case):
            right["commands_right" if case.expected else "off_topic_right"] += 1
        else:
            kinds[kind(case, reading.intents, guess, result)] += 1
    return kinds, right


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--model-dir", type=Path, required=True, help="all-MiniLM-L6-v2's folder")
    ap.add_argument("--tree", action="append", default=[], help="WRITER=TREE, as reader_lowo")
    ap.add_argument("--out-dir", type=Path, default=ROOT / "benchmarks" / "results")
    args = ap.parse_args(argv)
    CACHE.mkdir(parents=True, exist_ok=True)
    for held, tree in (t.split("=", 1) for t in args.tree):
        f = fold(held, Path(tree), args.model_dir)
        kinds, right = misses(f)
        print(f"{held} (rules {HELD[held]}), fill {FILL} + veto {VETO}: {right}")
        for name, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
            print(f"  {n:3}  {name}")
        report: dict[str, object] = {"held_out": held, "rules": HELD[held], "kinds": dict(kinds), **right}
        report["override"] = {}
        for at in OVERRIDES:
            _, with_override = misses(f, at)
            report["override"][str(at)] = with_override  # type: ignore[index]
            print(f"  + override@{at}: {with_override}")
        report["action_override"] = {}
        for at in OVERRIDES:
            _, with_action = misses(f, action=at)
            report["action_override"][str(at)] = with_action  # type: ignore[index]
            print(f"  + action override@{at}: {with_action}")
        dest = args.out_dir / f"reader-misses-{held}.json"
        dest.write_text(json.dumps(report, indent=1) + "\n")
        print(f"wrote {dest}")


if __name__ == "__main__":
    main()
