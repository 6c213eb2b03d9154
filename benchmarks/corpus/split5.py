"""Split the fifth corpus (corpus5.tsv, corpus5_off_topic.txt) into tune5/ and test5/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune5,
test5, tune5, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split5.py          # rewrites tune5/ and test5/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus5-2026-12-04"
SPLIT = BlindSplit(SALT, ("tune5", "test5"), "corpus5", "split5.py")

if __name__ == "__main__":
    SPLIT.main()
