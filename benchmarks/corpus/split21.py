"""Split the twenty-first corpus (corpus21.tsv, corpus21_off_topic.txt) into tune21/ and test21/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune21,
test21, tune21, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split21.py          # rewrites tune21/ and test21/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus21-2026-12-07"
SPLIT = BlindSplit(SALT, ("tune21", "test21"), "corpus21", "split21.py")

if __name__ == "__main__":
    SPLIT.main()
