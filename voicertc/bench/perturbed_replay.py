"""Rules using perturbed listens (``perturbed_dump``), replayed on top of the combined
recogniser's rule on the same audio (``candidates_dump``): session 9's measurements
(docs/speech.md).

For every utterance of both dumps: whether the rule is right (``rule_replay``), whether
some candidate of today's sources is right, whether some perturbed listen is right
(the upper bound of what hearing the turn differently can add), and each rule below,
with utterances won and lost against the rule per condition and per voice; the best
rule chosen on two conditions is measured on the other two.

    python -m voicertc.bench.perturbed_replay benchmarks/results/candidates-tune.jsonl.gz \\
        benchmarks/results/perturbed-tune.jsonl.gz --out benchmarks/results/perturbed-tune-session9.json

Rules (a set of perturbed copies, with or without the original listen; each copy's words
are the first of its beam that asks for something, as for the first listen):
- ``vote``: the command (or "nothing") most listens heard replaces the rule's choice
  when at least ``k`` heard it and fewer heard the rule's; ``command``: only a command
  may win; ``doubt``: only in place of words that ask nothing;
- ``mean``: each command's best sentence and Whisper's own words by their teacher-forced
  score averaged over the original and the copies; the best replaces the rule's choice
  by ``margin``;
- ``rescue``: in place of words that ask nothing, the copies' best command by Whisper's
  score on the original audio, if above a floor and within a margin of its own words
  (``always``: also in place of a command it outscores by the margin);
- ``own<T``: a rule only in turns where Whisper scored its own first words below T.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..assistant import dialogue
from ..assistant.asr import CombinedRecognizer, _asks_nothing, _first_understood
from ..assistant.candidates import Replay, Turn
from .candidates_dump import read
from .heldout import Case, judge
from .perturb import PERTURBATIONS
from .rule_replay import choose

NOTHING = "nothing"
Rule = Callable[[str, Turn, dict[str, Any]], str]
_understood: dict[str, dialogue.Intent] = {}


def understand(text: str) -> dialogue.Intent:
    if text not in _understood:
        _understood[text] = dialogue.understand(text)
    return _understood[text]


def _key(intent: dialogue.Intent) -> str:
    return NOTHING if _asks_nothing(intent) else repr(intent)


def heard(view: dict[str, Any]) -> str:
    """A view's words: the first of its beam that asks for something, else its best."""
    return _first_understood(view["texts"] or [""])[0]


def vote(views: Sequence[str], k: int, when: str = "always") -> Rule:
    """The command (or, with ``when="always"``, the "nothing") most ``views`` heard
    replaces the rule's choice if at least ``k`` heard it and fewer heard the rule's;
    ``when="doubt"``: only a command, and only in place of words that ask nothing."""

    def rule(chosen: str, turn: Turn, pt: dict[str, Any]) -> str:
        mine = _key(understand(chosen))
        if when == "doubt" and mine != NOTHING:
            return chosen
        said = [heard(pt["views"][v]) for v in views if v in pt["views"]]
        counts = Counter(_key(understand(t)) for t in said)
        ranked = [(n, key) for key, n in counts.most_common() if when == "always" or key != NOTHING]
        if not ranked:
            return chosen
        n, key = ranked[0]
        beaten = 0 if when == "doubt" else counts.get(mine, 0)
        if key == mine or n < k or n <= beaten:
            return chosen
        return "" if key == NOTHING else next(t for t in said if _key(understand(t)) == key)

    return rule


def mean_score(views: Sequence[str], margin: float, switch_to: str = "any") -> Rule:
    """Each command's best sentence, and Whisper's own words, by their mean score over the
    original and the perturbed audio; the best replaces the rule's choice by ``margin``
    (``switch_to="command"``: never for words that ask nothing)."""

    def rule(chosen: str, turn: Turn, pt: dict[str, Any]) -> str:
        mine = _key(understand(chosen))
        first = turn.first()
        own = first.text if first is not None else ""
        means: dict[str, tuple[float, str]] = {}
        for text, by in pt["scores"].items():
            key = _key(understand(text))
            if (key == NOTHING and text != own) or not all(v in by for v in ("orig", *views)):
                continue
            m = statistics.fmean(by[v] for v in ("orig", *views))
            if key not in means or m > means[key][0]:
                means[key] = (m, text)
        if mine not in means:
            return chosen
        best, text = max(means.values())
        if switch_to == "command" and _key(understand(text)) == NOTHING:
            return chosen
        return text if best >= means[mine][0] + margin else chosen

    return rule


def rescue(views: Sequence[str], margin: float, floor: float, when: str = "doubt") -> Rule:
    """A perturbed listen's command, scored by Whisper on the original audio, as one more
    candidate: in place of words that ask nothing if it scores at least ``floor`` and
    within ``margin`` of Whisper's own words; with ``when="always"`` also in place of
    another command it outscores by ``margin``."""

    def rule(chosen: str, turn: Turn, pt: dict[str, Any]) -> str:
        mine = _key(understand(chosen))
        scores = pt["scores"]
        first = turn.first()
        own = scores.get(first.text, {}).get("orig") if first is not None else None
        pool = [x for v in views if v in pt["views"] for x in pt["views"][v]["texts"]]
        cands = sorted(
            (
                (scores[x]["orig"], x)
                for x in set(pool)
                if x in scores and _key(understand(x)) not in (NOTHING, mine)
            ),
            reverse=True,
        )
        if not cands:
            return chosen
        score, text = cands[0]
        if mine == NOTHING:
            ok = score >= floor and (own is None or score >= own - margin)
        elif when == "always" and chosen in scores:
            ok = score >= scores[chosen]["orig"] + margin
        else:
            ok = False
        return text if ok else chosen

    return rule


def gated(rule: Rule, below: float) -> Rule:
    """``rule`` only in turns where Whisper's score of its own first words is below
    ``below`` (it doubted them)."""

    def g(chosen: str, turn: Turn, pt: dict[str, Any]) -> str:
        first = turn.first()
        own = first.log_prob if first is not None and first.log_prob is not None else 0.0
        return rule(chosen, turn, pt) if own < below else chosen

    return g


def rules() -> dict[str, Rule]:
    every = list(PERTURBATIONS)
    out: dict[str, Rule] = {}
    sets = {"all7": every, "speed2": ["speed0.9", "speed1.1"], "tempo2": ["tempo0.9", "tempo1.1"],
            "pitch2": ["pitch0.92", "pitch1.08"]}  # fmt: skip
    sets |= {v: [v] for v in every}
    for name, vs in sets.items():
        for k in sorted({1, 2, (len(vs) + 2) // 2, len(vs) + 1} - {0}):
            if k > len(vs) + 1:
                continue
            out[f"vote {name}+orig k={k}"] = vote(["orig", *vs], k)
            out[f"vote-cmd {name}+orig k={k}"] = vote(["orig", *vs], k, "command")
            out[f"vote-doubt {name}+orig k={k}"] = vote(["orig", *vs], k, "doubt")
        for margin in (0.0, 0.1, 0.3):
            out[f"mean {name} m={margin}"] = mean_score(vs, margin)
            out[f"mean-cmd {name} m={margin}"] = mean_score(vs, margin, "command")
        for margin, floor in ((0.0, -1.5), (1.0, -2.0), (2.0, -3.0)):
            out[f"rescue {name} m={margin} f={floor}"] = rescue(vs, margin, floor)
            out[f"rescue-always {name} m={margin} f={floor}"] = rescue(vs, margin, floor, "always")
    doubted = {n: sets[n] for n in ("all7", "speed2", "tempo2", "pitch2")}
    for below in (-0.3, -0.5, -0.8, -1.0, -1.5):
        for name, vs in doubted.items():
            for k in (2, 3, 4):
                out[f"vote-cmd {name}+orig k={k} own<{below}"] = gated(
                    vote(["orig", *vs], k, "command"), below
                )
            out[f"vote-doubt {name}+orig k=2 own<{below}"] = gated(vote(["orig", *vs], 2, "doubt"), below)
            out[f"rescue-always {name} m=1.0 own<{below}"] = gated(rescue(vs, 1.0, -2.0, "always"), below)
    return out


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("candidates", type=Path)
    ap.add_argument("perturbed", type=Path)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    with gzip.open(args.perturbed, "rt") as f:
        extra = {(r["condition"], r["text"]): r for r in (json.loads(line) for line in f if line.strip())}
    records = [r for r in read(args.candidates) if (r["condition"], r["text"]) in extra]
    report = analyse(records, extra, rules())
    print_report(report)
    if args.out:
        args.out.write_text(json.dumps(report, indent=1) + "\n")


def analyse(records: list[dict[str, Any]], extra: dict[tuple[str, str], dict[str, Any]],
            candidates: dict[str, Rule]) -> dict[str, Any]:  # fmt: skip
    recognizer = CombinedRecognizer(grammar=Replay(Turn([], 0, 0)), whisper=object())  # type: ignore[arg-type]
    rows: list[dict[str, Any]] = []
    mismatched = 0
    try:
        for r in records:
            case = Case(str(r["family"]), str(r["text"]), tuple(r["expected"]))
            pts = extra[(r["condition"], r["text"])]["turns"]
            if len(pts) != len(r["turns"]):
                mismatched += 1
                continue
            mismatched += sum(
                pt["views"].get("orig", {}).get("texts", [None])[0] != (t.first().text if t.first() else None)
                for t, pt in zip(r["turns"], pts, strict=True)
            )
            for t, pt in zip(r["turns"], pts, strict=True):
                # The rule reads the dump's first listen: the votes take the same one.
                first = [c for c in t.candidates if c.source == "first"]
                pt["views"]["orig"] = {
                    "texts": [c.text for c in first],
                    "scores": [c.beam_score for c in first],
                }
            chosen = [choose(recognizer, t, beam_scores=False) for t in r["turns"]]
            row = _row(r, case, chosen, pts)
            for name, rule in candidates.items():
                said = [rule(c, t, pt) for c, t, pt in zip(chosen, r["turns"], pts, strict=True)]
                row["rules"][name] = judge([understand(s) for s in said], case)
            rows.append(row)
    finally:
        recognizer.close()
    listen = {v: sorted(x for r in rows for x in r["listen_s"][v]) for v in PERTURBATIONS}
    cost = {
        v: {"p50_ms": round(1000 * xs[len(xs) // 2], 1), "p90_ms": round(1000 * xs[int(0.9 * len(xs))], 1)}
        for v, xs in listen.items()
        if xs
    }
    # The commands the rule missed: where a perturbed listen could have helped.
    kept = [
        {k: v for k, v in r.items() if k not in ("rules", "listen_s")}
        for r in rows
        if r["command"] and not r["rule"]
    ]
    summary = summarise(rows, list(candidates))
    return {"mismatched_turns": mismatched, "listen_cost": cost, "summary": summary,
            "selection": select_across(summary), "rows": kept}  # fmt: skip


HALVES = (("clean", "white10"), ("pink10", "babble10"))


def _net(summary: dict[str, Any], name: str, conds: Sequence[str]) -> int:
    return sum(
        summary[c]["rules"][name]["won"] - summary[c]["rules"][name]["lost"] for c in conds if c in summary
    )


def select_across(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """The best rule chosen on one half of the conditions, measured on the other: what
    choosing the best of many rules on the same utterances is worth."""
    if not summary:
        return []
    names = list(next(iter(summary.values()))["rules"])
    out = []
    for chosen_on, measured_on in (HALVES, HALVES[::-1]):
        if not all(c in summary for c in (*chosen_on, *measured_on)):
            continue
        best = max(names, key=lambda n: _net(summary, n, chosen_on))
        out.append({"chosen_on": chosen_on, "rule": best, "net_there": _net(summary, best, chosen_on),
                    "net_elsewhere": _net(summary, best, measured_on)})  # fmt: skip
    return out


def _row(r: dict[str, Any], case: Case, chosen: list[str], pts: list[dict[str, Any]]) -> dict[str, Any]:
    """What one utterance says before any rule: the rule right, some candidate right,
    some perturbed listen right (and which), turns asking nothing, each copy's cost."""

    def texts(views: Sequence[str]) -> list[list[str]]:
        return [[x for v in views for x in pt["views"].get(v, {}).get("texts", [])] for pt in pts]

    def cost(v: str) -> list[float]:
        return [pt["views"][v]["perturb_s"] + pt["views"][v]["listen_s"] for pt in pts if v in pt["views"]]

    return {
        "condition": r["condition"],
        "voice": r["voice"],
        "text": r["text"],
        "command": bool(case.expected),
        "rule": judge([understand(c) for c in chosen], case),
        "candidate": _any_right(case, [[c.text for c in t.candidates] for t in r["turns"]]),
        "perturbed": _any_right(case, texts(list(PERTURBATIONS))),
        "views_right": [v for v in PERTURBATIONS if _any_right(case, texts([v]))],
        "doubt_turns": sum(_key(understand(c)) == NOTHING for c in chosen),
        "turns": len(chosen),
        "listen_s": {v: cost(v) for v in PERTURBATIONS},
        "rules": {},
    }


def _any_right(case: Case, texts_per_turn: list[list[str]]) -> bool:
    if not case.expected:
        return True
    return any(judge([understand(x)], case) for texts in texts_per_turn for x in texts)


def summarise(rows: list[dict[str, Any]], names: list[str]) -> dict[str, Any]:
    by_cond: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_cond[row["condition"]].append(row)
    out: dict[str, Any] = {}
    for cond, rs in by_cond.items():
        cmd = [r for r in rs if r["command"]]
        off = [r for r in rs if not r["command"]]
        s: dict[str, Any] = {
            "commands": len(cmd), "off_topic": len(off),
            "rule": [sum(r["rule"] for r in cmd), sum(r["rule"] for r in off)],
            "some_candidate_right": sum(r["candidate"] for r in cmd),
            "perturbed_right_where_no_candidate": sum(r["perturbed"] and not r["candidate"] for r in cmd),
            "perturbed_right_where_rule_wrong": sum(r["perturbed"] and not r["rule"] for r in cmd),
            "view_right_where_no_candidate": {
                v: sum(v in r["views_right"] and not r["candidate"] for r in cmd) for v in PERTURBATIONS
            },
            "turns_asking_nothing": [sum(r["doubt_turns"] for r in rs), sum(r["turns"] for r in rs)],
            "by_voice": {},
            "rules": {},
        }  # fmt: skip
        voices: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in cmd:
            voices[r["voice"]].append(r)
        for v, vr in sorted(voices.items()):
            s["by_voice"][v] = {
                "n": len(vr),
                "rule": sum(r["rule"] for r in vr),
                "candidate": sum(r["candidate"] for r in vr),
                "perturbed_new": sum(r["perturbed"] and not r["candidate"] for r in vr),
            }
        for name in names:
            s["rules"][name] = {
                "commands": sum(r["rules"][name] for r in cmd),
                "off_topic": sum(r["rules"][name] for r in off),
                "won": sum(r["rules"][name] and not r["rule"] for r in rs),
                "lost": sum(r["rule"] and not r["rules"][name] for r in rs),
            }
        out[cond] = s
    return out


def print_report(report: dict[str, Any]) -> None:
    print(f"turns whose first listen differs from the candidate dump's: {report['mismatched_turns']}")
    print("perturbation + listen a turn:", report["listen_cost"])
    for sel in report["selection"]:
        there, elsewhere = sel["net_there"], sel["net_elsewhere"]
        print(f"best on {sel['chosen_on']}: {sel['rule']} {there:+}, elsewhere {elsewhere:+}")
    for cond, s in report["summary"].items():
        print(f"\n{cond}: {s['commands']} commands, {s['off_topic']} off-topic; rule {s['rule']}")
        print(
            f"  some candidate right {s['some_candidate_right']}; a perturbed listen right where no candidate"
        )
        print(
            f"  is {s['perturbed_right_where_no_candidate']} (per copy {s['view_right_where_no_candidate']}),"
        )
        print(f"  where the rule is wrong {s['perturbed_right_where_rule_wrong']}")
        print(f"  turns whose choice asks nothing {s['turns_asking_nothing']}")
        for v, f in s["by_voice"].items():
            if f["perturbed_new"] or f["rule"] < f["n"]:
                print(
                    f"  {v:34} n={f['n']} rule {f['rule']} candidate {f['candidate']} +{f['perturbed_new']}"
                )
        ranked = sorted(s["rules"].items(), key=lambda kv: -(kv[1]["won"] - kv[1]["lost"]))
        for name, f in ranked[:12]:
            won, lost = f["won"], f["lost"]
            print(f"  {name:32} commands {f['commands']:3} off-topic {f['off_topic']:2} +{won} -{lost}")


if __name__ == "__main__":
    main()
