"""Split the twenty-seventh corpus (corpus27.tsv, corpus27_off_topic.txt) into tune27/ and test27/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune27,
test27, tune27, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split27.py          # rewrites tune27/ and test27/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus27-2026-12-07b"
SPLIT = BlindSplit(SALT, ("tune27", "test27"), "corpus27", "split27.py")

if __name__ == "__main__":
    SPLIT.main()
