"""A learned intent layer behind the rules, measured on phrasings it never saw (session 9:
measured, not kept; docs/speech.md).

Two softmax regressions (numpy) read a sentence: the effect it is about (or none: not a
command; or the whole chain's reset) and the action. Features: words and word pairs
(numbers as one token), the lexicon's classes of the words present (an action word, an
effect's name, a quality), optionally character n-grams and a static sentence embedding
(WordLlama's packaged ``l2_supercat_256``; ``--embeddings`` points at an unpacked wheel).
Where the rules read no command, the model's guess is taken if its effect is at least
``threshold`` likely; values, units and parameters come from the rules
(``dialogue._arguments``).

Tune data only: the corpus's tune split and the blind tune2 corpus. Measured with the
rules of the checkout it runs in:
- fitted on one corpus, read on the other (what it adds on another writer's phrasings);
- leave families out over both (10 groups of families by a hash).

    python -m voicertc.bench.intent_fit --features words+lex [--embeddings DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..assistant import descriptions, dialogue
from ..assistant import lexicon as lx
from ..assistant.numbers import find_numbers
from ..assistant.reader.head import ACTIONS, EFFECTS, biased, softmax
from .heldout import ROOT, Case, judge, load

# EFFECTS and ACTIONS are the shipped head's (reader.head): one definition, so a head fitted
# here always loads there.
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
_CLASSES = {
    **{w: f"act={a}" for a, words in reversed(lx.ACTION_WORDS) for w in words},
    **{n: f"eff={e}" for e, names in lx.EFFECT_NAMES.items() for n in names},
    **{q: f"q={v[0]}" for q, v in descriptions.QUALITIES.items()},
}


def features(tokens: list[str], kinds: set[str]) -> list[str]:
    spans = {s.start: s.end for s in find_numbers(tokens)}
    words, i = [], 0
    while i < len(tokens):
        words.append("#" if i in spans else tokens[i])
        i = spans.get(i, i + 1)
    out = [f"w:{w}" for w in words] + [
        f"b:{a} {b}" for a, b in zip(["<s>", *words], [*words, "</s>"], strict=True)
    ]
    if "lex" in kinds:
        text = " " + " ".join(tokens) + " "
        out += sorted({f"lx:{c}" for phrase, c in _CLASSES.items() if f" {phrase} " in text})
    if "ngram" in kinds:
        out += [f"c:{w[k : k + 3]}" for w in (f"<{w}>" for w in words) for k in range(len(w) - 2)]
    return out


def _train(x: np.ndarray, y: np.ndarray, rows: np.ndarray, l2: float = 1e-4, steps: int = 300) -> np.ndarray:
    """Full-batch gradient descent with Nesterov momentum; the bias (last column) unpenalised."""
    x = biased(x)
    w, v = np.zeros((x.shape[1], y.shape[1])), np.zeros((x.shape[1], y.shape[1]))
    penalty = np.full((x.shape[1], 1), l2)
    penalty[-1] = 0
    for _ in range(steps):
        ahead = w + 0.9 * v
        grad = x.T @ ((softmax(x @ ahead) - y) * rows[:, None]) / max(rows.sum(), 1) + penalty * ahead
        v = 0.9 * v - 2.0 * grad
        w += v
    return w


def targets(case: Case) -> tuple[np.ndarray, np.ndarray, float]:
    effect, action = np.zeros(len(EFFECTS)), np.zeros(len(ACTIONS))
    if not case.expected:
        effect[0] = 1
        return effect, action, 0.0
    for call in case.expected:
        effect[EFFECTS.index(str(call.get("effect", "reset")))] += 1
        if call["action"] in ACTIONS:
            action[ACTIONS.index(str(call["action"]))] += 1
    return effect / effect.sum(), action / max(action.sum(), 1), float(action.sum() > 0)


@dataclass
class Model:
    vocabulary: dict[str, int]
    effect_w: np.ndarray
    action_w: np.ndarray
    kinds: set[str]
    embed: Callable[[str], np.ndarray] | None

    def x(self, tokens: list[str]) -> np.ndarray:
        rows = sorted({self.vocabulary[f] for f in features(tokens, self.kinds) if f in self.vocabulary})
        x = np.zeros(len(self.vocabulary))
        x[rows] = 1 / np.sqrt(max(len(rows), 1))
        return np.concatenate([x, self.embed(" ".join(tokens))]) if self.embed else x

    def guess(self, tokens: list[str]) -> tuple[str, float, str]:
        x = np.append(self.x(tokens), 1.0)
        e, a = softmax(x @ self.effect_w), softmax(x @ self.action_w)
        return EFFECTS[int(e.argmax())], float(e.max()), ACTIONS[int(a.argmax())]


def fit(cases: list[Case], kinds: set[str], embed: Callable[[str], np.ndarray] | None) -> Model:
    tokens = [dialogue.tokens(c.text) for c in cases]
    seen = sorted({f for t in tokens for f in features(t, kinds)})
    model = Model({f: i for i, f in enumerate(seen)}, np.zeros(0), np.zeros(0), kinds, embed)
    x = np.array([model.x(t) for t in tokens])
    ys = [targets(c) for c in cases]
    model.effect_w = _train(x, np.array([y[0] for y in ys]), np.ones(len(cases)))
    model.action_w = _train(x, np.array([y[1] for y in ys]), np.array([y[2] for y in ys]))
    return model


def read(text: str, model: Model | None, threshold: float) -> dialogue.Intent:
    """The rules; where they read no command (the fallback answer), the model's guess."""
    intent = dialogue.understand(text)
    if model is None or not (isinstance(intent, dialogue.Say) and intent.text == dialogue.FALLBACK_TEXT):
        return intent
    words = dialogue.tokens(text)
    effect, p, action = model.guess(words)
    if effect == "none" or p < threshold:
        return intent
    args = {"action": "reset"} if effect == "reset" else dialogue._arguments(words, effect, action)
    return dialogue.ToolCall(dialogue.APPLY, args or {})


def measure(pairs: list[tuple[Case, Model]]) -> dict[str, dict[str, float]]:
    """Rules alone and rules + model at each threshold; the model alone on commands."""
    by: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    for case, model in pairs:
        kind = "commands" if case.expected else "off_topic_declined"
        for t in (None, *THRESHOLDS):
            by["rules" if t is None else f"rules+model@{t}"][kind].append(
                judge([read(case.text, model if t else None, t or 1)], case)
            )
        if case.expected:
            effect, _, action = model.guess(dialogue.tokens(case.text))
            e, a, _ = targets(case)
            by["model_alone"]["effect_right"].append(bool(e[EFFECTS.index(effect)] > 0))
            by["model_alone"]["effect_and_action_right"].append(
                bool(e[EFFECTS.index(effect)] > 0 and (effect == "reset" or a[ACTIONS.index(action)] > 0))
            )
    return {k: {f: round(100 * float(np.mean(v)), 1) for f, v in d.items()} for k, d in by.items()}


def _fold(case: Case, source: str, folds: int) -> int:
    group = f"{source}:{case.family if case.expected else 'off:' + case.text}"
    return int(hashlib.sha256(group.encode()).hexdigest()[:8], 16) % folds


def embedder(folder: Path) -> Callable[[str], np.ndarray]:
    """WordLlama's static token embeddings, mean-pooled and normalised, read from the wheel's
    files with ``tokenizers`` and ``safetensors`` (its own loader looks for the packaged
    tokenizer in the wrong folder and then downloads it)."""
    sys.path.insert(0, str(folder))
    from safetensors import safe_open
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(folder / "wordllama/tokenizers/l2_supercat_tokenizer_config.json"))
    with safe_open(str(folder / "wordllama/weights/l2_supercat_256.safetensors"), framework="np") as f:
        table = f.get_tensor("embedding.weight").astype(np.float32)

    def embed(text: str) -> np.ndarray:
        v = table[tokenizer.encode(text).ids].mean(axis=0)
        return v / (np.linalg.norm(v) + 1e-9)

    return embed


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--features", default="words+lex", help="words plus any of lex, ngram, emb (+ separated)")
    ap.add_argument(
        "--embeddings", type=Path, help="a folder where the wordllama wheel was unpacked (for emb)"
    )
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--label", default="", help="whose rules were measured (kept in the JSON)")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    kinds = set(args.features.split("+"))
    embed = embedder(args.embeddings) if "emb" in kinds else None
    data = {n: [c for part in load(n) for c in part] for n in ("tune", "tune2")}
    report: dict[str, object] = {"features": args.features, "label": args.label}
    for a, b in (("tune", "tune2"), ("tune2", "tune")):
        model = fit(data[a], kinds, embed)
        report[f"fitted_on_{a}_read_{b}"] = measure([(c, model) for c in data[b]])
    tagged = [(s, c) for s, cs in data.items() for c in cs]
    pairs: dict[str, list[tuple[Case, Model]]] = defaultdict(list)
    for k in range(args.folds):
        model = fit([c for s, c in tagged if _fold(c, s, args.folds) != k], kinds, embed)
        for s, c in tagged:
            if _fold(c, s, args.folds) == k:
                pairs[s].append((c, model))
    report["leave_families_out"] = {s: measure(p) for s, p in pairs.items()}
    print(json.dumps(report, indent=1))
    out = args.out or ROOT / "benchmarks" / "results" / f"intent-fit-{args.features}.json"
    out.write_text(json.dumps(report, indent=1) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
