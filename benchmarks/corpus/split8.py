"""Split the eighth corpus (corpus8.tsv, corpus8_off_topic.txt) into tune8/ and test8/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune8,
test8, tune8, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split8.py          # rewrites tune8/ and test8/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus8-2026-12-05"
SPLIT = BlindSplit(SALT, ("tune8", "test8"), "corpus8", "split8.py")

if __name__ == "__main__":
    SPLIT.main()
