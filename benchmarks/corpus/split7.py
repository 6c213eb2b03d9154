"""Split the seventh corpus (corpus7.tsv, corpus7_off_topic.txt) into tune7/ and test7/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune7,
test7, tune7, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split7.py          # rewrites tune7/ and test7/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus7-2026-12-04"
SPLIT = BlindSplit(SALT, ("tune7", "test7"), "corpus7", "split7.py")

if __name__ == "__main__":
    SPLIT.main()
