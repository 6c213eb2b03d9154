"""Split the tenth corpus (corpus10.tsv, corpus10_off_topic.txt) into tune10/ and test10/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune10,
test10, tune10, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split10.py          # rewrites tune10/ and test10/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus10-2026-12-05"
SPLIT = BlindSplit(SALT, ("tune10", "test10"), "corpus10", "split10.py")

if __name__ == "__main__":
    SPLIT.main()
