"""Split the twenty-fourth corpus (corpus24.tsv, corpus24_off_topic.txt) into tune24/ and test24/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune24,
test24, tune24, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split24.py          # rewrites tune24/ and test24/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus24-2026-12-07"
SPLIT = BlindSplit(SALT, ("tune24", "test24"), "corpus24", "split24.py")

if __name__ == "__main__":
    SPLIT.main()
