"""Split the fourteenth corpus (corpus14.tsv, corpus14_off_topic.txt) into tune14/ and test14/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune14,
test14, tune14, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split14.py         # rewrites tune14/ and test14/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus14-2026-12-06"
SPLIT = BlindSplit(SALT, ("tune14", "test14"), "corpus14", "split14.py")

if __name__ == "__main__":
    SPLIT.main()
