"""Split the twenty-sixth corpus (corpus26.tsv, corpus26_off_topic.txt) into tune26/ and test26/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune26,
test26, tune26, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split26.py          # rewrites tune26/ and test26/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus26-2026-12-07"
SPLIT = BlindSplit(SALT, ("tune26", "test26"), "corpus26", "split26.py")

if __name__ == "__main__":
    SPLIT.main()
