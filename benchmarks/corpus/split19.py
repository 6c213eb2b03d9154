"""Split the nineteenth corpus (corpus19.tsv, corpus19_off_topic.txt) into tune19/ and test19/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune19,
test19, tune19, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split19.py          # rewrites tune19/ and test19/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus19-2026-12-07"
SPLIT = BlindSplit(SALT, ("tune19", "test19"), "corpus19", "split19.py")

if __name__ == "__main__":
    SPLIT.main()
