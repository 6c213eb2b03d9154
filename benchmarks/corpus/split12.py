"""Split the twelfth corpus (corpus12.tsv, corpus12_off_topic.txt) into tune12/ and test12/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune12,
test12, tune12, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split12.py          # rewrites tune12/ and test12/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus12-2026-12-06"
SPLIT = BlindSplit(SALT, ("tune12", "test12"), "corpus12", "split12.py")

if __name__ == "__main__":
    SPLIT.main()
