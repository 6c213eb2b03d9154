"""The second, blind tune corpus (issue 20): every line is a call the judge can run, every
family has company, the minimum counts hold, and no sentence repeats the first corpus."""

from __future__ import annotations

from collections import Counter

from support.corpus_files import CORPUS, assert_calls_run, repeated
from support.corpus_files import key as _key
from support.corpus_files import lines as _lines

from voicertc.bench.heldout import parse_call
from voicertc.effects import EFFECT_SPECS
from voicertc.effects.chain import ACTIONS

TUNE2 = CORPUS / "tune2"


def _rows() -> list[list[str]]:
    return [line.split("\t") for line in _lines(TUNE2 / "commands.tsv")]


def test_every_line_has_three_columns_and_a_header():
    assert (TUNE2 / "commands.tsv").read_text(encoding="utf-8").startswith("#")
    bad = [row for row in _rows() if len(row) != 3 or not all(cell.strip() == cell and cell for cell in row)]
    assert not bad


def test_every_expected_call_parses_and_runs_on_a_full_chain():
    assert_calls_run(_rows())


def test_families_are_named_by_effect_action_style_and_hold_two_sentences():
    rows = _rows()
    for family, _, _ in rows:
        prefix, effect, action, style = family.split(".")
        assert prefix == "t2" and style
        assert effect in (*EFFECT_SPECS, "all") and action in ACTIONS, family
    sizes = Counter(family for family, _, _ in rows)
    assert [f for f, n in sizes.items() if n < 2] == []


def test_counts_meet_the_minimums_and_cover_every_effect_and_action():
    rows = _rows()
    assert len(rows) >= 320
    assert len({family for family, _, _ in rows}) >= 90
    assert len(_lines(TUNE2 / "off_topic.txt")) >= 100
    calls = [parse_call(alt) for _, _, expected in rows for alt in expected.split(" | ")]
    assert {c["effect"] for c in calls if "effect" in c} == set(EFFECT_SPECS)
    assert {"add", "remove", "set", "increase", "decrease", "reset"} <= {c["action"] for c in calls}
    assert {"action": "reset"} in calls and any(c["action"] == "reset" and "effect" in c for c in calls)


def test_no_sentence_repeats_within_tune2():
    assert repeated([text for _, text, _ in _rows()] + _lines(TUNE2 / "off_topic.txt")) == []


def test_no_sentence_repeats_the_first_corpus():
    # Only tune2's own sentences are ever shown: the first corpus stays unread by its writer.
    first = {_key(line.split("\t")[1]) for line in _lines(CORPUS / "commands.tsv") if "\t" in line}
    first |= {_key(line) for line in _lines(CORPUS / "off_topic.txt")}
    ours = [text for _, text, _ in _rows()] + _lines(TUNE2 / "off_topic.txt")
    repeated = [t for t in ours if _key(t) in first]
    assert repeated == []
