"""Split the twenty-third corpus (corpus23.tsv, corpus23_off_topic.txt) into tune23/ and test23/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune23,
test23, tune23, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split23.py          # rewrites tune23/ and test23/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus23-2026-12-07"
SPLIT = BlindSplit(SALT, ("tune23", "test23"), "corpus23", "split23.py")

if __name__ == "__main__":
    SPLIT.main()
