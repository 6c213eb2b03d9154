"""Split the thirteenth corpus (corpus13.tsv, corpus13_off_topic.txt) into tune13/ and test13/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune13,
test13, tune13, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split13.py          # rewrites tune13/ and test13/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus13-2026-12-06"
SPLIT = BlindSplit(SALT, ("tune13", "test13"), "corpus13", "split13.py")

if __name__ == "__main__":
    SPLIT.main()
