"""Split the fourth corpus (corpus4.tsv, corpus4_off_topic.txt) into tune4/ and test4/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune4,
test4, tune4, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split4.py          # rewrites tune4/ and test4/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus4-2026-12-03"
SPLIT = BlindSplit(SALT, ("tune4", "test4"), "corpus4", "split4.py")

if __name__ == "__main__":
    SPLIT.main()
