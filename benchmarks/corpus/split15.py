"""Split the fifteenth corpus (corpus15.tsv, corpus15_off_topic.txt) into tune15/ and test15/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune15,
test15, tune15, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split15.py          # rewrites tune15/ and test15/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus15-2026-12-06"
SPLIT = BlindSplit(SALT, ("tune15", "test15"), "corpus15", "split15.py")

if __name__ == "__main__":
    SPLIT.main()
