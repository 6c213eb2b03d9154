"""A learned choice among a turn's candidate transcripts (``candidates.py``), or none.

Every candidate the dialogue reads as a tool call is described by a few numbers (which
source and beam place it came from, Whisper's scores of it and of its own best words,
how many sources heard the same command, the turn's SNR and length) and rated by a
logistic regression: the probability that its command is the one that was said. The
best-rated command is taken if it is rated at least ``threshold``; otherwise the turn
asked for nothing, and a transcript that gives no command goes to the dialogue.

The weights were fitted on the held-out corpus's tune split only, in clean audio and
in white, pink and babble noise (``voicertc.bench.chooser_fit``), and live in
``chooser.json`` beside this module. Rating one turn costs well under a millisecond.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from voicertc.assistant import dialogue
from voicertc.assistant.candidates import SOURCES, Candidate, Turn

WEIGHTS = Path(__file__).with_name("chooser.json")
NOISY_SNR_DB = 18.0  # as the rule's (asr.NOISY_SNR_DB): below it a turn counts as noisy
FLOOR = -6.0  # log probabilities below this say the same thing: "not this"
SCORING = ("all", "grammar")

FEATURES = (
    "bias",
    "src_first0", "src_first_runner", "src_again0", "src_again_runner", "src_grammar",
    "src_within0", "src_within_runner",
    "log_prob", "beam_score", "vs_first0", "vs_best_command", "first0_log_prob", "first0_command",
    "sources_agreeing", "agrees_first", "agrees_again", "agrees_grammar", "agrees_within",
    "share_agreeing", "snr", "noisy", "seconds", "words", "words_per_s", "sentences",
    "asks_chain", "has_value", "grammar_fit",
    "grammar_x_log_prob", "within_x_log_prob", "within_x_noisy", "grammar_x_noisy", "again_x_log_prob",
    "agrees_rule", "rule_none",
)  # fmt: skip


def readings(turn: Turn) -> list[dialogue.Intent]:
    """The dialogue's reading of every candidate (each distinct text read once)."""
    seen: dict[str, dialogue.Intent] = {}
    for c in turn.candidates:
        if c.text not in seen:
            seen[c.text] = dialogue.understand(c.text)
    return [seen[c.text] for c in turn.candidates]


def is_command(intent: dialogue.Intent) -> bool:
    return isinstance(intent, dialogue.ToolCall)


def needs_score(candidates: list[Candidate], c: Candidate, scoring: str) -> bool:
    """Whether ``features`` reads Whisper's teacher-forced score of ``c``.

    Never for a sentence the first listen wrote: its beam score is the same number (same
    prompt, same audio). With ``scoring`` "all", for every other sentence; with "grammar",
    for the grammar's only (the other listens' own beam scores stand in: free, but each
    on its own scale), which saves ~20-30 ms a sentence.
    """
    if c.text in _first_scores(candidates):
        return False
    return scoring == "all" or c.source == "grammar"


def _first_scores(candidates: list[Candidate]) -> dict[str, float]:
    out: dict[str, float] = {}
    for c in candidates:
        if c.source == "first":
            out.setdefault(c.text, c.beam_score)
    return out


def _lp(c: Candidate, first: dict[str, float], scoring: str) -> float:
    if c.text in first:
        value = first[c.text]
    elif c.source == "grammar" or scoring == "all":
        value = c.log_prob if c.log_prob is not None else FLOOR
    else:
        value = c.beam_score
    return max(FLOOR, min(0.0, value))


def features(
    turn: Turn, intents: list[dialogue.Intent], scoring: str = "all", rule: dialogue.Intent | None = None
) -> tuple[list[int], np.ndarray]:
    """The candidates that give a command (their indices) and one row of FEATURES each
    (``scoring``: which teacher-forced scores are read, see ``needs_score``; ``rule``:
    the hand-written rule's reading of the turn, one more opinion)."""
    cands = turn.candidates
    rows = [i for i, intent in enumerate(intents) if is_command(intent)]
    if not rows:
        return [], np.zeros((0, len(FEATURES)))
    scores = _first_scores(cands)
    first = turn.first()
    first_lp = _lp(first, scores, scoring) if first is not None else FLOOR
    first_cmd = 0.0
    if first is not None:
        first_cmd = float(is_command(intents[cands.index(first)]))
    best_cmd = max(_lp(cands[i], scores, scoring) for i in rows)
    grammar = next((c for c in cands if c.source == "grammar"), None)
    grammar_fit = max(-20.0, grammar.beam_score) / 10.0 if grammar is not None else -2.0
    noisy = float(turn.snr_db < NOISY_SNR_DB)
    out = []
    for i in rows:
        c = cands[i]
        same = [j for j in rows if intents[j] == intents[i]]
        sources = {cands[j].source for j in same}
        lp = _lp(c, scores, scoring)
        words = len(c.text.split())
        arguments = intents[i].arguments if isinstance(intents[i], dialogue.ToolCall) else {}
        f = {
            "bias": 1.0,
            "src_first0": float(c.source == "first" and c.rank == 0),
            "src_first_runner": float(c.source == "first" and c.rank > 0),
            "src_again0": float(c.source == "again" and c.rank == 0),
            "src_again_runner": float(c.source == "again" and c.rank > 0),
            "src_grammar": float(c.source == "grammar"),
            "src_within0": float(c.source == "within" and c.rank == 0),
            "src_within_runner": float(c.source == "within" and c.rank > 0),
            "log_prob": lp,
            "beam_score": max(FLOOR, c.beam_score) if c.source != "grammar" else lp,
            "vs_first0": max(-6.0, min(6.0, lp - first_lp)),
            "vs_best_command": lp - best_cmd,
            "first0_log_prob": first_lp,
            "first0_command": first_cmd,
            "sources_agreeing": float(len(sources)),
            "agrees_first": float("first" in sources and c.source != "first"),
            "agrees_again": float("again" in sources and c.source != "again"),
            "agrees_grammar": float("grammar" in sources and c.source != "grammar"),
            "agrees_within": float("within" in sources and c.source != "within"),
            "share_agreeing": len(same) / len(cands),
            "snr": max(0.0, min(40.0, turn.snr_db)) / 10.0,
            "noisy": noisy,
            "seconds": min(8.0, turn.seconds),
            "words": min(20, words) / 5.0,
            "words_per_s": min(8.0, words / max(0.3, turn.seconds)),
            "sentences": float(sum(c.text.count(m) for m in ".?!") > 1),
            "asks_chain": float(getattr(intents[i], "name", "") == dialogue.GET),
            "has_value": float("value" in arguments),
            "grammar_fit": grammar_fit,
            "grammar_x_log_prob": lp if c.source == "grammar" else 0.0,
            "within_x_log_prob": lp if c.source == "within" else 0.0,
            "within_x_noisy": noisy if c.source == "within" else 0.0,
            "grammar_x_noisy": noisy if c.source == "grammar" else 0.0,
            "again_x_log_prob": lp if c.source == "again" else 0.0,
            "agrees_rule": float(intents[i] == rule),
            "rule_none": float(not is_command(rule)) if rule is not None else 1.0,
        }
        out.append([f[name] for name in FEATURES])
    return rows, np.asarray(out, dtype=np.float64)


@dataclass(frozen=True)
class Chooser:
    """Logistic regression over FEATURES (standardised with ``mean`` / ``scale``)."""

    weights: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    threshold: float
    scoring: str = "all"  # which teacher-forced scores the features read (``needs_score``)
    within: str = "always"  # when Whisper also listens within the grammar's words: or "noisy"

    def listens_within(self, snr: float) -> bool:
        return self.within == "always" or snr < NOISY_SNR_DB

    def restrict(self, turn: Turn) -> Turn:
        """The turn as this chooser gathers it (no listen within in clean turns for "noisy")."""
        if self.listens_within(turn.snr_db):
            return turn
        kept = [c for c in turn.candidates if c.source != "within"]
        return Turn(kept, turn.snr_db, turn.seconds, turn.timings)

    def rate(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.weights
        return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))

    def pick(
        self, turn: Turn, rule: dialogue.Intent | None = None
    ) -> tuple[int | None, list[dialogue.Intent]]:
        """The index of the candidate to take, or None (no command), and every candidate's
        reading; ``rule`` is the hand-written rule's reading of the turn."""
        intents = readings(turn)
        rows, x = features(turn, intents, self.scoring, rule)
        if not rows:
            return None, intents
        p = self.rate(x)
        best = int(np.argmax(p))
        return (rows[best] if p[best] >= self.threshold else None), intents

    def choose(self, turn: Turn, rule: dialogue.Intent | None = None) -> str:
        """The transcript the dialogue gets: the chosen command's, else one that asks for none."""
        index, intents = self.pick(turn, rule)
        if index is not None:
            return turn.candidates[index].text
        # No command: Whisper's own best words when they give none (what the speaker most
        # likely said), else any transcript that gives none, else nothing heard.
        order = sorted(
            range(len(intents)),
            key=lambda i: (SOURCES.index(turn.candidates[i].source), turn.candidates[i].rank),
        )
        return next((turn.candidates[i].text for i in order if not is_command(intents[i])), "")

    def to_json(self) -> dict[str, object]:
        return {
            "features": list(FEATURES),
            "weights": [round(float(w), 6) for w in self.weights],
            "mean": [round(float(m), 6) for m in self.mean],
            "scale": [round(float(s), 6) for s in self.scale],
            "threshold": round(self.threshold, 4),
            "scoring": self.scoring,
            "within": self.within,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Chooser:
        names = data["features"]
        if list(names) != list(FEATURES):  # type: ignore[call-overload]
            raise ValueError(f"chooser weights are for features {names}, this code computes {FEATURES}")
        arrays = [np.asarray(data[k], dtype=np.float64) for k in ("weights", "mean", "scale")]
        if any(a.shape != (len(FEATURES),) for a in arrays):
            raise ValueError("chooser weights, mean and scale need one value per feature")
        threshold = float(data["threshold"])  # type: ignore[arg-type]
        if not all(np.isfinite(a).all() for a in arrays) or not math.isfinite(threshold):
            raise ValueError("chooser weights must be finite numbers")
        scoring = str(data.get("scoring", "all"))
        if scoring not in SCORING:
            raise ValueError(f"chooser scoring must be one of {SCORING}, got {scoring!r}")
        within = str(data.get("within", "always"))
        if within not in ("always", "noisy"):
            raise ValueError(f"chooser within must be always or noisy, got {within!r}")
        return cls(arrays[0], arrays[1], arrays[2], threshold, scoring, within)


@functools.cache
def load(path: Path = WEIGHTS) -> Chooser:
    """The fitted chooser shipped with the package (read once)."""
    return Chooser.from_json(json.loads(path.read_text(encoding="utf-8")))
