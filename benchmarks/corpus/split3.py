"""Split the third corpus (corpus3.tsv, corpus3_off_topic.txt) into tune3/ and test3/.

The rule (blind_split.py), fixed before anything was measured on it: within each effect
group (a family's second part: ``t3.<effect>.<action>.<style>``, ``all`` for the whole
chain), families are ordered by the SHA-256 of ``SALT + ":" + family`` and alternate tune3,
test3, tune3, ..., so every effect has families on both sides and a family is never cut in
two. Off-topic sentences are ordered by the SHA-256 of ``SALT + ":" + sentence`` and
alternate likewise. Each output keeps the source's line order.

    python benchmarks/corpus/split3.py          # rewrites tune3/ and test3/ (README.md kept)
"""

from __future__ import annotations

from blind_split import BlindSplit

SALT = "corpus3-2026-12-03"
SPLIT = BlindSplit(SALT, ("tune3", "test3"), "corpus3", "split3.py")

if __name__ == "__main__":
    SPLIT.main()
