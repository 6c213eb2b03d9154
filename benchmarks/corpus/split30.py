"""Split the thirtieth corpus (corpus30.tsv, corpus30_off_topic.txt) into tune30/ and test30/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune30,
test30, tune30, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split30.py          # rewrites tune30/ and test30/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus30-2026-12-08"
SPLIT = BlindSplit(SALT, ("tune30", "test30"), "corpus30", "split30.py")

if __name__ == "__main__":
    SPLIT.main()
