"""Split the seventeenth corpus (corpus17.tsv, corpus17_off_topic.txt) into tune17/ and test17/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune17,
test17, tune17, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split17.py          # rewrites tune17/ and test17/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus17-2026-12-06"
SPLIT = BlindSplit(SALT, ("tune17", "test17"), "corpus17", "split17.py")

if __name__ == "__main__":
    SPLIT.main()
