"""The third, blind corpus (tune3/ and test3/, split from corpus3.tsv): every line is a call
the judge can run, every family has company, the counts cover every effect and action, no
sentence repeats an earlier corpus, and the split is the one the salted-hash rule gives."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from pathlib import Path

from support.corpus_files import CORPUS, assert_calls_run, repeated
from support.corpus_files import key as _key
from support.corpus_files import lines as _lines

from voicertc.bench.corpus import load
from voicertc.bench.heldout import parse_call
from voicertc.effects import EFFECT_SPECS
from voicertc.effects.chain import ACTIONS

SOURCE = CORPUS / "corpus3.tsv"
OFF_SOURCE = CORPUS / "corpus3_off_topic.txt"
SALT = "corpus3-2026-12-03"


def _rows(path: Path = SOURCE) -> list[list[str]]:
    return [line.split("\t") for line in _lines(path)]


def _numbered(path: Path) -> list[tuple[int, str]]:
    """(line number in the file, sentence), so a failure names our line and nothing else."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            out.append((number, line.split("\t")[1] if "\t" in line else line))
    return out


def test_every_line_has_three_columns_and_a_header():
    for path in (SOURCE, CORPUS / "tune3" / "commands.tsv", CORPUS / "test3" / "commands.tsv"):
        assert path.read_text(encoding="utf-8").startswith("#")
        bad = [row for row in _rows(path) if len(row) != 3 or not all(c.strip() == c and c for c in row)]
        assert not bad, path


def test_every_expected_call_parses_and_runs_on_a_full_chain():
    assert_calls_run(_rows())


def test_alternatives_of_a_line_differ():
    for _, text, expected in _rows():
        alternatives = [a.strip() for a in expected.split("|")]
        assert len(set(alternatives)) == len(alternatives), text


def test_families_are_named_by_effect_action_style_and_hold_two_sentences():
    rows = _rows()
    for family, _, expected in rows:
        prefix, effect, action, style = family.split(".")
        assert prefix == "t3" and style
        assert effect in (*EFFECT_SPECS, "all") and action in ACTIONS, family
        # The family's effect is the one its calls change (the whole chain for `all`).
        calls = [parse_call(a) for a in expected.split(" | ")]
        assert all(c.get("effect", "all") == effect for c in calls), family
    sizes = Counter(family for family, _, _ in rows)
    assert [f for f, n in sizes.items() if n < 2] == []


def test_counts_meet_the_minimums_and_cover_every_effect_and_action():
    rows = _rows()
    assert len(rows) >= 480
    assert len({family for family, _, _ in rows}) >= 160
    assert len(_lines(OFF_SOURCE)) >= 230
    calls = [parse_call(alt) for _, _, expected in rows for alt in expected.split(" | ")]
    assert {c["effect"] for c in calls if "effect" in c} == set(EFFECT_SPECS)
    # `move` is left out: parse_call keeps `to=1` as text, which every chain refuses.
    assert set(ACTIONS) - {"move"} <= {c["action"] for c in calls}
    for effect in EFFECT_SPECS:
        actions = {c["action"] for c in calls if c.get("effect") == effect}
        assert {"add", "remove", "set", "increase", "decrease", "reset"} <= actions, effect
    assert {"action": "reset"} in calls


def test_no_sentence_repeats_within_the_corpus():
    assert repeated([text for _, text in _numbered(SOURCE)] + _lines(OFF_SOURCE)) == []


def _repeats() -> list[tuple[str, int, str]]:
    """(file, line number, our sentence) for each sentence an earlier corpus already has.
    Only this corpus's own sentences leave this function: the earlier corpora stay unread by
    its writer (and test2 stays blind), even in a failing test's report."""
    earlier: set[str] = set()
    for folder in (CORPUS, CORPUS / "tune2", CORPUS / "test2"):
        if (folder / "commands.tsv").exists():
            earlier |= {_key(line.split("\t")[1]) for line in _lines(folder / "commands.tsv") if "\t" in line}
        if (folder / "off_topic.txt").exists():
            earlier |= {_key(line) for line in _lines(folder / "off_topic.txt")}
    return [
        (path.name, number, text)
        for path in (SOURCE, OFF_SOURCE)
        for number, text in _numbered(path)
        if _key(text) in earlier
    ]


def test_no_sentence_repeats_an_earlier_corpus():
    repeated = _repeats()
    assert not repeated, "\n".join(f"{name}:{number}: {text}" for name, number, text in repeated)


def _expected_split() -> tuple[dict[str, str], dict[str, str]]:
    """The rule in ../../benchmarks/corpus/tune3/README.md, written again independently of
    split3.py: salted SHA-256 order within each effect group, alternating tune3/test3."""

    def salted(text: str) -> str:
        return hashlib.sha256(f"{SALT}:{text}".encode()).hexdigest()

    groups: dict[str, set[str]] = defaultdict(set)
    for family, _, _ in _rows():
        groups[family.split(".")[1]].add(family)
    families = {
        family: ("tune3", "test3")[i % 2]
        for group in groups.values()
        for i, family in enumerate(sorted(group, key=salted))
    }
    off = {text: ("tune3", "test3")[i % 2] for i, text in enumerate(sorted(_lines(OFF_SOURCE), key=salted))}
    return families, off


def test_the_split_is_the_salted_hash_rule_and_loses_nothing():
    families, off = _expected_split()
    source = {(f, t, e) for f, t, e in _rows()}
    for side in ("tune3", "test3"):
        rows = _rows(CORPUS / side / "commands.tsv")
        assert {f for f, _, _ in rows} == {f for f, s in families.items() if s == side}
        assert {(f, t, e) for f, t, e in rows} <= source
        assert set(_lines(CORPUS / side / "off_topic.txt")) == {t for t, s in off.items() if s == side}
    together = _rows(CORPUS / "tune3" / "commands.tsv") + _rows(CORPUS / "test3" / "commands.tsv")
    assert sorted(map(tuple, together)) == sorted(source)


def test_every_effect_has_families_on_both_sides_and_no_sentence_is_shared():
    families, _ = _expected_split()
    for effect in (*EFFECT_SPECS, "all"):
        assert {s for f, s in families.items() if f.split(".")[1] == effect} == {"tune3", "test3"}, effect
    tune_commands, tune_off = load("tune3")
    test_commands, test_off = load("test3")
    tune = {_key(c.text) for c in tune_commands + tune_off}
    shared = [c.text for c in test_commands + test_off if _key(c.text) in tune]
    assert shared == []


def test_the_loader_reads_both_sides():
    for side in ("tune3", "test3"):
        commands, off = load(side)
        assert len(commands) >= 200 and len(off) >= 100
        assert all(c.expected for c in commands) and not any(c.expected for c in off)
