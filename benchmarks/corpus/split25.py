"""Split the twenty-fifth corpus (corpus25.tsv, corpus25_off_topic.txt) into tune25/ and test25/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune25,
test25, tune25, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split25.py          # rewrites tune25/ and test25/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus25-2026-12-07"
SPLIT = BlindSplit(SALT, ("tune25", "test25"), "corpus25", "split25.py")

if __name__ == "__main__":
    SPLIT.main()
