"""Split the eleventh corpus (corpus11.tsv, corpus11_off_topic.txt) into tune11/ and test11/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune11,
test11, tune11, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split11.py          # rewrites tune11/ and test11/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus11-2026-12-05"
SPLIT = BlindSplit(SALT, ("tune11", "test11"), "corpus11", "split11.py")

if __name__ == "__main__":
    SPLIT.main()
