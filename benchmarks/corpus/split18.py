"""Split the eighteenth corpus (corpus18.tsv, corpus18_off_topic.txt) into tune18/ and test18/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune18,
test18, tune18, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split18.py          # rewrites tune18/ and test18/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus18-2026-12-06"
SPLIT = BlindSplit(SALT, ("tune18", "test18"), "corpus18", "split18.py")

if __name__ == "__main__":
    SPLIT.main()
