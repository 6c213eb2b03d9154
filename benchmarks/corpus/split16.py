"""Split the sixteenth corpus (corpus16.tsv, corpus16_off_topic.txt) into tune16/ and test16/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune16,
test16, tune16, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split16.py          # rewrites tune16/ and test16/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus16-2026-12-06"
SPLIT = BlindSplit(SALT, ("tune16", "test16"), "corpus16", "split16.py")

if __name__ == "__main__":
    SPLIT.main()
