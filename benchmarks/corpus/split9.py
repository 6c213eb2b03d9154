"""Split the ninth corpus (corpus9.tsv, corpus9_off_topic.txt) into tune9/ and test9/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune9,
test9, tune9, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split9.py          # rewrites tune9/ and test9/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus9-2026-12-05"
SPLIT = BlindSplit(SALT, ("tune9", "test9"), "corpus9", "split9.py")

if __name__ == "__main__":
    SPLIT.main()
