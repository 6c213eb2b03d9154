"""Split the sixth corpus (corpus6.tsv, corpus6_off_topic.txt) into tune6/ and test6/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune6,
test6, tune6, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split6.py          # rewrites tune6/ and test6/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus6-2026-12-04"
SPLIT = BlindSplit(SALT, ("tune6", "test6"), "corpus6", "split6.py")

if __name__ == "__main__":
    SPLIT.main()
