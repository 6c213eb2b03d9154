"""Writes split.tsv: every conversation of conversations.tsv to ``tune`` or ``test``.

The rule (fixed before anything was measured on this corpus): order the conversation names
by SHA-256 of ``SALT + "\\t" + name`` (hex digest), then alternate tune, test, tune, ...
over that order. Run once from this folder: ``python3 split.py``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

SALT = "conversations2-2026-12-03"
HERE = Path(__file__).resolve().parent


def names(tsv: str) -> list[str]:
    """Conversation names in file order, each once."""
    seen: dict[str, None] = {}
    for line in tsv.splitlines():
        if line and not line.startswith("#"):
            seen.setdefault(line.split("\t", 1)[0], None)
    return list(seen)


def assign(conversations: list[str]) -> dict[str, str]:
    order = sorted(conversations, key=lambda n: hashlib.sha256(f"{SALT}\t{n}".encode()).hexdigest())
    return {name: ("tune", "test")[i % 2] for i, name in enumerate(order)}


def main() -> None:
    listed = names((HERE / "conversations.tsv").read_text())
    sides = assign(listed)
    lines = [f"# conversation\tsplit (split.py: sha256 of salt {SALT!r}, tab, name; alternated)"]
    lines += [f"{name}\t{sides[name]}" for name in listed]
    (HERE / "split.tsv").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
