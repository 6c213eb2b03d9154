"""Reading the held-out corpora's files in their tests: lines, the sentence key, the judge's check."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from voicertc.bench.heldout import _chain_after, full_chain, parse_call
from voicertc.effects import EffectChain

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus"


def lines(path: Path) -> list[str]:
    """The file's lines that hold something: blank lines and `#` comments left out."""
    return [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def key(text: str) -> str:
    """Case and punctuation do not make a sentence new."""
    return " ".join(re.sub(r"[^a-z0-9% ]+", " ", text.lower()).split())


def repeated(texts: list[str]) -> list[str]:
    """The sentences whose key appears more than once."""
    counts = Counter(key(t) for t in texts)
    return [t for t in texts if counts[key(t)] > 1]


def assert_calls_run(rows: Iterable[list[str]]) -> None:
    """Every alternative of every (family, text, expected) row parses and runs on a full
    chain, and one that adds, sets or increases runs on an empty chain too."""
    for _, text, expected in rows:
        for alternative in expected.split(" | "):
            call = parse_call(alternative)
            assert _chain_after(call, full_chain) != "refused", (text, alternative)
            if call["action"] in ("add", "set", "increase"):
                assert _chain_after(call, EffectChain) != "refused", (text, alternative)
