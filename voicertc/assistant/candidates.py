"""Every transcript the combined recogniser has of one turn, with the scores that weigh
them: what the learned chooser (``chooser.py``) picks from, and what the feature dump
(``voicertc.bench.candidates_dump``) stores so choices can be compared on the same audio.

A turn's candidates come from four sources:
- ``first``: Whisper's beam (3) after the first prompt (``whisper.PROMPT``);
- ``again``: its beam after the vocabulary prompt (``listen_again``);
- ``grammar``: pocketsphinx's sentence of the command grammar;
- ``within``: Whisper's beam allowed only the grammar's words (``listen_within``).
Each Whisper transcript carries its beam score (free) and, when scored, Whisper's
teacher-forced mean log probability under the first prompt (``log_prob``, ~10-30 ms a
sentence), which puts every source's sentences on one scale.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

SOURCES = ("first", "again", "grammar", "within")


@dataclass
class Candidate:
    text: str
    source: str  # one of SOURCES
    rank: int  # place in its source's beam, best first
    beam_score: float  # the decoder's own score: Whisper's mean log prob, pocketsphinx's per frame
    log_prob: float | None = None  # Whisper's teacher-forced score under the first prompt


@dataclass
class Turn:
    candidates: list[Candidate]
    snr_db: float  # before denoising (``denoise.snr_db``)
    seconds: float  # the turn's length
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step, for the record

    def first(self) -> Candidate | None:
        return next((c for c in self.candidates if c.source == "first" and c.rank == 0), None)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Turn:
        return cls(
            [Candidate(**c) for c in data["candidates"]],
            float(data["snr_db"]),
            float(data["seconds"]),
            dict(data.get("timings", {})),
        )


def gather(
    whisper: Any,
    grammar: Any,
    cleaned: np.ndarray,
    hearing: Any,
    *,
    snr: float,
    words: frozenset[str],
    side: Executor | None = None,
    again: bool = True,
    within: bool = True,
    score: Callable[[list[Candidate], Candidate], bool] | None = None,
) -> Turn:
    """The turn's candidates once Whisper has listened (``hearing``).

    The grammar decodes on this thread while Whisper listens again and within the
    grammar's ``words`` on ``side`` (CTranslate2 lets go of the GIL). ``score`` says
    which candidates get Whisper's teacher-forced score (default: all, once per text).
    """
    timings: dict[str, float] = {}
    texts = hearing.alternatives or [hearing.text]
    scores = hearing.scores or [0.0] * len(texts)
    candidates = [Candidate(t, "first", r, s) for r, (t, s) in enumerate(zip(texts, scores, strict=True))]

    def whisper_more() -> list[Candidate]:
        out: list[Candidate] = []
        if again:
            t0 = time.perf_counter()
            out += [
                Candidate(t, "again", r, s) for r, (t, s) in enumerate(whisper.listen_again_scored(hearing))
            ]
            timings["again"] = time.perf_counter() - t0
        if within:
            t0 = time.perf_counter()
            pairs = whisper.listen_within_scored(hearing, words)
            out += [Candidate(t, "within", r, s) for r, (t, s) in enumerate(pairs)]
            timings["within"] = time.perf_counter() - t0
        return out

    pending = side.submit(whisper_more) if side is not None else None
    t0 = time.perf_counter()
    heard, fit = grammar.hear_16k(cleaned, denoised=True)
    timings["grammar"] = time.perf_counter() - t0
    more = pending.result() if pending is not None else whisper_more()
    candidates.append(Candidate(heard, "grammar", 0, fit))
    candidates += more
    candidates = [c for c in candidates if c.text.strip()]
    t0 = time.perf_counter()
    scored: dict[str, float] = {}
    for c in candidates:
        if score is None or score(candidates, c):
            if c.text not in scored:
                scored[c.text] = whisper.log_prob(hearing, c.text)
            c.log_prob = scored[c.text]
    timings["score"] = time.perf_counter() - t0
    timings["scored"] = float(len(scored))
    return Turn(candidates, snr, cleaned.size / 16000.0, timings)


class Replay:
    """Whisper and the grammar as they heard a gathered turn: what the hand-written rule
    (``CombinedRecognizer.choose``) reads, without audio. A first-listen sentence is
    scored by its beam score (the same number, see ``chooser.needs_score``)."""

    def __init__(self, turn: Turn) -> None:
        self.turn = turn

    def texts(self, source: str) -> list[str]:
        return [c.text for c in self.turn.candidates if c.source == source]

    def listen_again(self, hearing: Any) -> list[str]:
        return self.texts("again")

    def listen_within(self, hearing: Any, words: frozenset[str]) -> list[str]:
        return self.texts("within")

    def log_prob(self, hearing: Any, text: str) -> float:
        if not text.strip():
            return 0.0
        first = [c.beam_score for c in self.turn.candidates if c.source == "first" and c.text == text]
        if first:
            return first[0]
        return next(
            (c.log_prob for c in self.turn.candidates if c.text == text and c.log_prob is not None), -9.0
        )

    def transcribe_16k(self, cleaned: Any, *, denoised: bool = False) -> str:
        return next(iter(self.texts("grammar")), "")
