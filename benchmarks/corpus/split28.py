"""Split the twenty-eighth corpus (corpus28.tsv, corpus28_off_topic.txt) into tune28/ and test28/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune28,
test28, tune28, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split28.py          # rewrites tune28/ and test28/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus28-2026-12-07"
SPLIT = BlindSplit(SALT, ("tune28", "test28"), "corpus28", "split28.py")

if __name__ == "__main__":
    SPLIT.main()
