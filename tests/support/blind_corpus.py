"""The checks every corpus written blind and split once must pass (corpus3, corpus4): every
line is a call the judge can run, every family has company, the counts cover every effect
and action, no sentence repeats an earlier corpus, and the split is the one the salted-hash
rule gives. A corpus's test subclasses `BlindCorpusChecks` and names its files."""

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


def _rows(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in _lines(path)]


def _numbered(path: Path) -> list[tuple[int, str]]:
    """(line number in the file, sentence), so a failure names our line and nothing else."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            out.append((number, line.split("\t")[1] if "\t" in line else line))
    return out


# The corpora written before the numbered ones: the first, then tune2 and test2.
FIRST = (
    ("commands.tsv", "off_topic.txt"),
    ("tune2/commands.tsv", "tune2/off_topic.txt"),
    ("test2/commands.tsv", "test2/off_topic.txt"),
)
CONVERSATIONS = ("conversations/conversations.tsv", "conversations2/conversations.tsv")


def earlier_than(number: int) -> tuple[tuple[str, str], ...]:
    """The corpora written before corpus ``number``: the first, tune2, test2, corpus3 ..."""
    return FIRST + tuple((f"corpus{k}.tsv", f"corpus{k}_off_topic.txt") for k in range(3, number))


class BlindCorpusChecks:
    NAME = ""  # "corpus3": corpus3.tsv and corpus3_off_topic.txt
    SALT = ""
    SIDES = ("", "")  # (tune side, test side)
    PREFIX = ""  # every family's first part
    MIN_OFF_TOPIC = 0
    # Earlier corpora, as (commands.tsv, off-topic) paths below CORPUS, and files of turns
    # whose every tab-separated field is compared (their format need not be read here).
    EARLIER: tuple[tuple[str, str], ...] = ()
    EARLIER_TURNS: tuple[str, ...] = ()

    @property
    def source(self) -> Path:
        return CORPUS / f"{self.NAME}.tsv"

    @property
    def off_source(self) -> Path:
        return CORPUS / f"{self.NAME}_off_topic.txt"

    def test_every_line_has_three_columns_and_a_header(self):
        for path in (self.source, *(CORPUS / side / "commands.tsv" for side in self.SIDES)):
            assert path.read_text(encoding="utf-8").startswith("#")
            bad = [row for row in _rows(path) if len(row) != 3 or not all(c.strip() == c and c for c in row)]
            assert not bad, path

    def test_every_expected_call_parses_and_runs_on_a_full_chain(self):
        assert_calls_run(_rows(self.source))

    def test_alternatives_of_a_line_differ(self):
        for _, text, expected in _rows(self.source):
            alternatives = [a.strip() for a in expected.split("|")]
            assert len(set(alternatives)) == len(alternatives), text

    def test_families_are_named_by_effect_action_style_and_hold_two_sentences(self):
        rows = _rows(self.source)
        for family, _, expected in rows:
            prefix, effect, action, style = family.split(".")
            assert prefix == self.PREFIX and style
            assert effect in (*EFFECT_SPECS, "all") and action in ACTIONS, family
            # The family's effect is the one its calls change (the whole chain for `all`).
            calls = [parse_call(a) for a in expected.split(" | ")]
            assert all(c.get("effect", "all") == effect for c in calls), family
        sizes = Counter(family for family, _, _ in rows)
        assert [f for f, n in sizes.items() if n < 2] == []

    def test_counts_meet_the_minimums_and_cover_every_effect_and_action(self):
        rows = _rows(self.source)
        assert len(rows) >= 480
        assert len({family for family, _, _ in rows}) >= 160
        assert len(_lines(self.off_source)) >= self.MIN_OFF_TOPIC
        calls = [parse_call(alt) for _, _, expected in rows for alt in expected.split(" | ")]
        assert {c["effect"] for c in calls if "effect" in c} == set(EFFECT_SPECS)
        # `move` is left out: parse_call keeps `to=1` as text, which every chain refuses.
        assert set(ACTIONS) - {"move"} <= {c["action"] for c in calls}
        for effect in EFFECT_SPECS:
            actions = {c["action"] for c in calls if c.get("effect") == effect}
            assert {"add", "remove", "set", "increase", "decrease", "reset"} <= actions, effect
        assert {"action": "reset"} in calls

    def test_no_sentence_repeats_within_the_corpus(self):
        assert repeated([text for _, text in _numbered(self.source)] + _lines(self.off_source)) == []

    def _repeats(self) -> list[tuple[str, int, str]]:
        """(file, line number, our sentence) for each sentence an earlier corpus already has.
        Only this corpus's own sentences leave this function: the earlier corpora stay unread
        by its writer (and their test sides stay blind), even in a failing test's report."""
        earlier: set[str] = set()
        for commands, off in ((CORPUS / c, CORPUS / o) for c, o in self.EARLIER):
            if commands.exists():
                earlier |= {_key(line.split("\t")[1]) for line in _lines(commands) if "\t" in line}
            if off.exists():
                earlier |= {_key(line) for line in _lines(off)}
        for turns in (CORPUS / t for t in self.EARLIER_TURNS):
            if turns.exists():
                earlier |= {_key(field) for line in _lines(turns) for field in line.split("\t")}
        return [
            (path.name, number, text)
            for path in (self.source, self.off_source)
            for number, text in _numbered(path)
            if _key(text) in earlier
        ]

    def test_no_sentence_repeats_an_earlier_corpus(self):
        found = self._repeats()
        assert not found, "\n".join(f"{name}:{number}: {text}" for name, number, text in found)

    def _expected_split(self) -> tuple[dict[str, str], dict[str, str]]:
        """The rule in the corpus's README, written again independently of the split script:
        salted SHA-256 order within each effect group, alternating tune and test."""

        def salted(text: str) -> str:
            return hashlib.sha256(f"{self.SALT}:{text}".encode()).hexdigest()

        groups: dict[str, set[str]] = defaultdict(set)
        for family, _, _ in _rows(self.source):
            groups[family.split(".")[1]].add(family)
        families = {
            family: self.SIDES[i % 2]
            for group in groups.values()
            for i, family in enumerate(sorted(group, key=salted))
        }
        off = {text: self.SIDES[i % 2] for i, text in enumerate(sorted(_lines(self.off_source), key=salted))}
        return families, off

    def test_the_split_is_the_salted_hash_rule_and_loses_nothing(self):
        families, off = self._expected_split()
        source = {(f, t, e) for f, t, e in _rows(self.source)}
        for side in self.SIDES:
            rows = _rows(CORPUS / side / "commands.tsv")
            assert {f for f, _, _ in rows} == {f for f, s in families.items() if s == side}
            assert {(f, t, e) for f, t, e in rows} <= source
            assert set(_lines(CORPUS / side / "off_topic.txt")) == {t for t, s in off.items() if s == side}
        together = [row for side in self.SIDES for row in _rows(CORPUS / side / "commands.tsv")]
        assert sorted(map(tuple, together)) == sorted(source)

    def test_every_effect_has_families_on_both_sides_and_no_sentence_is_shared(self):
        families, _ = self._expected_split()
        for effect in (*EFFECT_SPECS, "all"):
            assert {s for f, s in families.items() if f.split(".")[1] == effect} == set(self.SIDES), effect
        tune_commands, tune_off = load(self.SIDES[0])
        test_commands, test_off = load(self.SIDES[1])
        tune = {_key(c.text) for c in tune_commands + tune_off}
        shared = [c.text for c in test_commands + test_off if _key(c.text) in tune]
        assert shared == []

    def test_the_loader_reads_both_sides(self):
        for side in self.SIDES:
            commands, off = load(side)
            assert len(commands) >= 200 and len(off) >= 100
            assert all(c.expected for c in commands) and not any(c.expected for c in off)
