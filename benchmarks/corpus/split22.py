"""Split the twenty-second corpus (corpus22.tsv, corpus22_off_topic.txt) into tune22/ and test22/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune22,
test22, tune22, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split22.py          # rewrites tune22/ and test22/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus22-2026-12-07"
SPLIT = BlindSplit(SALT, ("tune22", "test22"), "corpus22", "split22.py")

if __name__ == "__main__":
    SPLIT.main()
