"""Split the twenty-ninth corpus (corpus29.tsv, corpus29_off_topic.txt) into tune29/ and test29/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune29,
test29, tune29, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split29.py          # rewrites tune29/ and test29/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus29-2026-12-08"
SPLIT = BlindSplit(SALT, ("tune29", "test29"), "corpus29", "split29.py")

if __name__ == "__main__":
    SPLIT.main()
