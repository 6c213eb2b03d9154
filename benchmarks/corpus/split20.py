"""Split the twentieth corpus (corpus20.tsv, corpus20_off_topic.txt) into tune20/ and test20/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune20,
test20, tune20, ...; off-topic sentences likewise by the SHA-256 of ``SALT + ":" + sentence``.

    python benchmarks/corpus/split20.py          # rewrites tune20/ and test20/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus20-2026-12-07"
SPLIT = BlindSplit(SALT, ("tune20", "test20"), "corpus20", "split20.py")

if __name__ == "__main__":
    SPLIT.main()
