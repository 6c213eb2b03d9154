"""Fits the learned chooser (``voicertc.assistant.chooser``) on a candidates dump of the
tune split, cross-validated by phrasing family, and compares it with the hand-written
rule (``CombinedRecognizer``, replayed on the very same candidates and scores).

    python -m voicertc.bench.chooser_fit benchmarks/results/candidates-tune.jsonl.gz
    python -m voicertc.bench.chooser_fit DUMP --write   # also write voicertc/assistant/chooser.json

Every figure is per utterance, judged as ``heldout`` judges (the chain that results from
all of its turns). Cross-validation: families (off-topic sentences one by one) are dealt
into 5 folds by a salted hash, twice with different salts; each fold is chosen for by
weights fitted on the others. Every setting (how candidates are gathered and scored, the
objective, the regularisation, the threshold) is cross-validated; the best is fitted on
the whole dump. Writes benchmarks/results/chooser-fit.json (2 minutes at load 4).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..assistant import dialogue
from ..assistant.asr import CombinedRecognizer
from ..assistant.candidates import Replay, Turn
from ..assistant.chooser import FEATURES, WEIGHTS, Chooser, features, readings
from .candidates_dump import read
from .heldout import ROOT, Case, judge

LAMBDAS = (0.1, 1.0, 10.0)
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)
VARIANTS = (("all", "always"), ("all", "noisy"), ("grammar", "noisy"))
FOLDS = 5


# -- the rule, replayed ------------------------------------------------------------------


def rule_text(recognizer: CombinedRecognizer, turn: Turn) -> str:
    """What ``CombinedRecognizer`` makes of the turn (every score it asks for is dumped)."""
    return recognizer.rule_on(turn)


# -- data --------------------------------------------------------------------------------


@dataclass
class Utterance:
    case: Case
    condition: str
    voice: str
    turns: list[Turn]
    intents: list[list[dialogue.Intent]]  # per turn: every candidate's reading
    rule: bool  # the rule got it right
    rule_intents: list[dialogue.Intent]  # per turn: the rule's reading
    rows: list[list[int]] = field(default_factory=list)  # per turn: candidates that give a command
    x: list[np.ndarray] = field(default_factory=list)  # per turn: their features
    labels: list[np.ndarray] = field(default_factory=list)  # per turn: 1 where that command alone is right

    @property
    def group(self) -> str:
        return self.case.family if self.case.expected else f"off:{self.case.text}"


def prepare(records: list[dict[str, Any]]) -> list[Utterance]:
    """Each utterance with every candidate's reading and the rule's verdict."""
    empty = Replay(Turn([], 0, 0))
    recognizer = CombinedRecognizer(grammar=empty, whisper=empty)  # type: ignore[arg-type]
    out = []
    try:
        for r in records:
            case = Case(str(r["family"]), str(r["text"]), tuple(r["expected"]))
            turns: list[Turn] = r["turns"]
            intents = [readings(turn) for turn in turns]
            said = [dialogue.understand(rule_text(recognizer, turn)) for turn in turns]
            out.append(
                Utterance(case, str(r["condition"]), str(r["voice"]), turns, intents, judge(said, case), said)
            )
    finally:
        recognizer.close()
    return out


def featurise(utterances: list[Utterance], scoring: str, within: str) -> None:
    """Features and labels as a chooser of this ``scoring`` and ``within`` sees the turns."""
    shape = Chooser(np.zeros(1), np.zeros(1), np.ones(1), 0.5, scoring, within)
    for u in utterances:
        u.rows, u.x, u.labels = [], [], []
        for turn, intents, rule in zip(u.turns, u.intents, u.rule_intents, strict=True):
            seen = shape.restrict(turn)
            kept = [intents[turn.candidates.index(c)] for c in seen.candidates]
            rows, x = features(seen, kept, scoring, rule)
            # Indices into the full turn, so the intents stay the turn's.
            u.rows.append([turn.candidates.index(seen.candidates[i]) for i in rows])
            u.x.append(x)
            u.labels.append(np.asarray([float(judge([kept[i]], u.case)) for i in rows]))


def fold_of(group: str, salt: str = "chooser") -> int:
    return int(hashlib.sha256(f"{salt}|{group}".encode()).hexdigest(), 16) % FOLDS


# -- fitting -----------------------------------------------------------------------------


def fit(x: np.ndarray, y: np.ndarray, lam: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """L2-regularised logistic regression by Newton's method; the bias is not penalised."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    bias = FEATURES.index("bias")
    mean[bias], scale[bias] = 0.0, 1.0
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], lam)
    penalty[bias] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -40, 40)))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w, mean, scale


def fit_choice(
    utterances: list[Utterance], lam: float, steps: int = 400
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The same model fitted to the choice itself: per turn, a softmax over its commands
    and "none" (score 0), maximising the probability of the right ones (of none where no
    command is right). Adam on the whole batch; the bias is not penalised."""
    turns = [(x, y) for u in utterances for x, y in zip(u.x, u.labels, strict=True) if len(x)]
    x = np.concatenate([t[0] for t in turns])
    right = np.concatenate([t[1] for t in turns])
    starts = np.cumsum([0] + [len(t[0]) for t in turns[:-1]])
    owner = np.repeat(np.arange(len(turns)), [len(t[0]) for t in turns])
    none_right = np.asarray([t[1].max() == 0 for t in turns])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    bias = FEATURES.index("bias")
    mean[bias], scale[bias] = 0.0, 1.0
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    penalty = np.full(z.shape[1], lam)
    penalty[bias] = 0.0
    w, m1, m2 = np.zeros(z.shape[1]), np.zeros(z.shape[1]), np.zeros(z.shape[1])
    for step in range(1, steps + 1):
        score = z @ w
        top = np.maximum(np.maximum.reduceat(score, starts), 0.0)
        e = np.exp(score - top[owner])
        denom = np.exp(-top) + np.add.reduceat(e, starts)
        num = np.add.reduceat(e * right, starts) + np.where(none_right, np.exp(-top), 0.0)
        p = e / denom[owner]
        q = e * right / num[owner]
        grad = z.T @ (p - q) + penalty * w
        m1 = 0.9 * m1 + 0.1 * grad
        m2 = 0.999 * m2 + 0.001 * grad * grad
        w -= 0.05 * (m1 / (1 - 0.9**step)) / (np.sqrt(m2 / (1 - 0.999**step)) + 1e-8)
    return w, mean, scale


def training_rows(utterances: list[Utterance]) -> tuple[np.ndarray, np.ndarray]:
    xs = [x for u in utterances for x in u.x if len(x)]
    ys = [y for u in utterances for y in u.labels if len(y)]
    return np.concatenate(xs), np.concatenate(ys)


def correct(chooser: Chooser, u: Utterance) -> bool:
    said: list[dialogue.Intent] = []
    for rows, x, intents in zip(u.rows, u.x, u.intents, strict=True):
        if rows:
            p = chooser.rate(x)
            best = int(np.argmax(p))
            if p[best] >= chooser.threshold:
                said.append(intents[rows[best]])
    return judge(said, u.case)


def cross_validate(
    utterances: list[Utterance], lam: float, salt: str, objective: str
) -> dict[float, list[bool]]:
    """Per threshold, each utterance chosen for by weights fitted without its fold."""
    got: dict[float, list[bool]] = {t: [False] * len(utterances) for t in THRESHOLDS}
    folds = [fold_of(u.group, salt) for u in utterances]
    for k in range(FOLDS):
        train = [u for u, f in zip(utterances, folds, strict=True) if f != k]
        w, mean, scale = fit(*training_rows(train), lam) if objective == "rows" else fit_choice(train, lam)
        for t in THRESHOLDS:
            chooser = Chooser(w, mean, scale, t)
            for i, (u, f) in enumerate(zip(utterances, folds, strict=True)):
                if f == k:
                    got[t][i] = correct(chooser, u)
    return got


def _figures(utterances: list[Utterance], ok: Sequence[bool]) -> dict[str, dict[str, float]]:
    by: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    for u, right in zip(utterances, ok, strict=True):
        kind = "commands" if u.case.expected else "off_topic_declined"
        by[u.condition][kind].append(right)
        by["all"][kind].append(right)
    return {c: {k: round(100.0 * sum(v) / len(v), 1) for k, v in d.items()} for c, d in by.items()}


def _paired(utterances: list[Utterance], ok: Sequence[bool], rng: np.random.Generator) -> dict[str, float]:
    """The learned choice's gain over the rule in utterances, with a bootstrap over
    families (utterances of one family move together) for its 90% interval."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(utterances):
        groups[u.group].append(i)
    diff = np.asarray([int(o) - int(u.rule) for u, o in zip(utterances, ok, strict=True)])
    sums = np.asarray([diff[idx].sum() for idx in groups.values()])
    boots = [sums[rng.integers(0, sums.size, sums.size)].sum() for _ in range(2000)]
    lo, hi = np.percentile(boots, [5, 95])
    return {"gain": int(diff.sum()), "won": int((diff > 0).sum()), "lost": int((diff < 0).sum()),
            "gain_90ci": [float(lo), float(hi)]}  # fmt: skip


def _pick_ms(chooser: Chooser, utterances: list[Utterance]) -> dict[str, float]:
    """What choosing costs a turn: the dialogue reading every candidate, features, rating."""
    spent = []
    for u in utterances:
        for turn in u.turns:
            t0 = time.perf_counter()
            chooser.choose(chooser.restrict(turn))
            spent.append(1000 * (time.perf_counter() - t0))
    return {"p50": round(float(np.median(spent)), 2), "p99": round(float(np.percentile(spent, 99)), 2)}


def _timings(utterances: list[Utterance]) -> dict[str, float]:
    """Median seconds of each step while dumping (the machine's load varied)."""
    steps: dict[str, list[float]] = defaultdict(list)
    for u in utterances:
        for turn in u.turns:
            for k, v in turn.timings.items():
                steps[k].append(v)
    return {k: round(float(np.median(v)), 3) for k, v in steps.items()}


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("dumps", type=Path, nargs="+", help="candidates dumps of the tune split")
    ap.add_argument("--write", action="store_true", help=f"write the fitted chooser to {WEIGHTS}")
    ap.add_argument(
        "--objectives", default="choice,rows", help="choice (softmax per turn), rows (per candidate)"
    )
    ap.add_argument("--variants", default=",".join(f"{a}/{b}" for a, b in VARIANTS), help="scoring/within")
    ap.add_argument("--lambdas", default=",".join(map(str, LAMBDAS)))
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "chooser-fit.json")
    args = ap.parse_args(argv)
    records = [r for path in args.dumps for r in read(path)]
    if any(r["split"] != "tune" for r in records):
        ap.error("the chooser is fitted on the tune split only")
    utterances = prepare(records)
    rule = [u.rule for u in utterances]
    featurise(utterances, "all", "always")
    # Some turn has a right candidate (take it, and none elsewhere); off-topic: take none.
    oracle = [any(len(y) and y.max() > 0 for y in u.labels) or not u.case.expected for u in utterances]
    report: dict[str, Any] = {"utterances": len(utterances), "rule": _figures(utterances, rule),
                              "some_candidate_right": _figures(utterances, oracle), "cv": {}}  # fmt: skip
    print("rule", report["rule"], "| a candidate right", report["some_candidate_right"])
    rng = np.random.default_rng(0)
    best: tuple[float, str, str, str, float, float] | None = None
    for variant in args.variants.split(","):
        scoring, within = variant.split("/")
        featurise(utterances, scoring, within)
        for objective in args.objectives.split(","):
            for lam in map(float, args.lambdas.split(",")):
                runs = [cross_validate(utterances, lam, salt, objective) for salt in ("chooser", "again")]
                for t in THRESHOLDS:
                    oks = [run[t] for run in runs]
                    mean_ok = float(np.mean([sum(ok) for ok in oks]))
                    key = (
                        f"scoring={scoring} within={within} objective={objective} lambda={lam} threshold={t}"
                    )
                    report["cv"][key] = {"figures": _figures(utterances, oks[0]), "right_mean": mean_ok,
                                         "vs_rule": [_paired(utterances, ok, rng) for ok in oks]}  # fmt: skip
                    print(key, report["cv"][key]["figures"], f"{mean_ok - sum(rule):+.1f}",
                          [p["gain_90ci"] for p in report["cv"][key]["vs_rule"]], flush=True)  # fmt: skip
                    if best is None or mean_ok > best[0]:
                        best = (mean_ok, scoring, within, objective, lam, t)
    assert best is not None
    _, scoring, within, objective, lam, t = best
    featurise(utterances, scoring, within)
    w, mean, scale = (
        fit(*training_rows(utterances), lam) if objective == "rows" else fit_choice(utterances, lam)
    )
    chooser = Chooser(w, mean, scale, t, scoring, within)
    fitted = [correct(chooser, u) for u in utterances]
    key = f"scoring={scoring} within={within} objective={objective} lambda={lam} threshold={t}"
    weights = dict(zip(FEATURES, (round(float(v), 3) for v in w), strict=True))
    report["chosen"] = {"key": key, "cv": report["cv"][key], "weights": weights,
                        "fitted_on_all_tune": _figures(utterances, fitted)}  # fmt: skip
    print("chosen", key, "on all of tune:", report["chosen"]["fitted_on_all_tune"])
    report["chosen"]["pick_ms"] = _pick_ms(chooser, utterances)
    report["timings_s_p50"] = _timings(utterances)
    print("pick ms", report["chosen"]["pick_ms"], "steps p50 s", report["timings_s_p50"])
    args.out.write_text(json.dumps(report, indent=1) + "\n")
    if args.write:
        WEIGHTS.write_text(json.dumps(chooser.to_json(), indent=1) + "\n")
        print(f"wrote {WEIGHTS}")


if __name__ == "__main__":
    main()
