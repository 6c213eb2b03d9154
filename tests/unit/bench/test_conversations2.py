"""The second conversations corpus (benchmarks/corpus/conversations2/, written blind): it
loads, its calls parse and are ones a chain takes, its split is the salted-hash rule of its
README, and the bench reads it with ``--corpus conversations2``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from voicertc.assistant.dialogue import Say
from voicertc.bench import conversations
from voicertc.bench.corpus import CORPUS
from voicertc.bench.heldout import refused_everywhere

FOLDER = CORPUS / "conversations2"
SALT = "conversations2-2026-12-03"


def _sides() -> dict[str, str]:
    rows = (FOLDER / "split.tsv").read_text().splitlines()
    pairs = [row.split("\t") for row in rows if row and not row.startswith("#")]
    sides = dict(pairs)
    assert len(sides) == len(pairs), "a conversation is listed twice in split.tsv"
    return sides


def test_every_conversation_parses_with_calls_a_chain_takes() -> None:
    every = conversations.parse((FOLDER / "conversations.tsv").read_text())
    assert len(every) >= 90 and sum(len(c.turns) for c in every) >= 320
    assert all(2 <= len(c.turns) <= 7 for c in every)
    assert len({c.name for c in every}) == len(every)
    calls = [call for c in every for turn in c.turns for call in turn.case.expected]
    assert calls and not [call for call in calls if refused_everywhere(call)]
    kinds = {turn.kind for c in every for turn in c.turns}
    assert kinds == set(conversations.KINDS)


def test_every_conversation_is_on_one_side_and_the_sides_load() -> None:
    every = {c.name for c in conversations.parse((FOLDER / "conversations.tsv").read_text())}
    sides = _sides()
    assert set(sides) == every and set(sides.values()) == {"tune", "test"}
    tune = conversations.load("tune", FOLDER)
    test = conversations.load("test", FOLDER)
    assert {c.name for c in tune} | {c.name for c in test} == every
    assert not {c.name for c in tune} & {c.name for c in test}


def test_the_split_follows_the_salted_hash_rule() -> None:
    """Names in SHA-256 order of salt, tab, name; alternately tune and test from tune."""
    sides = _sides()
    order = sorted(sides, key=lambda name: hashlib.sha256(f"{SALT}\t{name}".encode()).hexdigest())
    assert [sides[name] for name in order] == [("tune", "test")[i % 2] for i in range(len(order))]


def test_main_reads_the_corpus_named_and_says_so_in_the_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "benchmarks" / "results").mkdir(parents=True)
    monkeypatch.setattr(conversations, "ROOT", tmp_path)
    monkeypatch.setattr(conversations, "fresh_session", lambda: lambda text: Say("Pardon?"))
    conversations.main(["--corpus", "conversations2", "--split", "tune"])
    report = json.loads((tmp_path / "benchmarks" / "results" / "conversations2-tune.json").read_text())
    turns = sum(len(c.turns) for c in conversations.load("tune", FOLDER))
    assert report["corpus"] == "conversations2" and report["figures"]["turns"]["n"] == turns
    with pytest.raises(SystemExit):
        conversations.main(["--corpus", "conversations9", "--split", "tune"])
