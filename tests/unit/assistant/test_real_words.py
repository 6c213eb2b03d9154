"""``real_words.txt`` is what ``scripts/real_words.py`` writes from today's keywords: a keyword
added without a rerun would have the dialogue "correct" real words into it (session 38 found
119 such words, "Easter" among them, after the keywords had grown unnoticed)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "real_words.py"


def test_the_real_words_file_matches_the_keywords() -> None:
    spec = importlib.util.spec_from_file_location("real_words_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    written = script.DEST.read_text(encoding="utf-8").split()
    assert written == script.kept_words(), "rerun: python scripts/real_words.py"
