"""benchmarks/corpus/test2: the blind TEST corpus (issue 20) is well formed and runs in the judge.

The corpus is test only: it is measured once per session, never tuned on. These checks
look at its form (every expected call is one the judge can tell apart from a refusal,
families of two or more, minimum counts) and that no sentence repeats one of the corpora
tuned on; a repeat is reported by the test2 sentence only, so the tuned corpora's
sentences are never printed.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from voicertc.bench.heldout import Case, _chain_after, judge, parse_call, refused_everywhere, same_change
from voicertc.effects import EFFECT_SPECS, EffectChain

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus"
TEST2 = CORPUS / "test2"
ACTIONS = ("add", "remove", "set", "increase", "decrease", "reset")
STYLES = {
    "imp", "polite", "indirect", "question", "desc", "slang", "filler",
    "nonnative", "num", "param", "asr", "region",
}  # fmt: skip
FAMILY = re.compile(r"x2\.(?P<effect>[a-z]+)\.(?P<action>[a-z]+)\.(?P<style>[a-z]+)(-[a-z0-9]+)?")


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _commands() -> list[tuple[str, str, list[str]]]:
    lines = _lines(TEST2 / "commands.tsv")
    assert lines[0].startswith("#"), "commands.tsv starts with a '#' header line"
    rows = []
    for line in lines[1:]:
        family, text, expected = line.split("\t")
        rows.append((family, text, expected.split(" | ")))
    return rows


ROWS = _commands()
OFF_TOPIC = _lines(TEST2 / "off_topic.txt")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9%]+", " ", text.lower()).split())


def _texts(path: Path, column: int | None) -> set[str]:
    """Sentences of another corpus, normalised; they are compared, never shown."""
    found = set()
    for line in _lines(path):
        if line.startswith("#"):
            continue
        parts = line.split("\t")
        if column is None:
            found.add(_norm(line))
        elif len(parts) > column:
            found.add(_norm(parts[column]))
    return found


def test_families_are_named_by_effect_action_and_style():
    for family, text, _ in ROWS:
        m = FAMILY.fullmatch(family)
        assert m, family
        assert m["effect"] in (*EFFECT_SPECS, "all"), family
        assert m["action"] in ACTIONS, family
        assert m["style"] in STYLES, family
        assert m["effect"] != "all" or m["action"] == "reset", family
        assert text == text.strip() and text, family


def test_every_expected_call_runs_in_the_judge():
    for family, text, alternatives in ROWS:
        effect, action = family.split(".")[1:3]
        calls = [parse_call(spec) for spec in alternatives]
        for spec, call in zip(alternatives, calls, strict=True):
            assert not refused_everywhere(call), f"{text!r}: {spec} is refused on every chain"
            assert same_change(call, call), spec
            if call["action"] in ("add", "set", "increase"):
                assert _chain_after(call, EffectChain) != "refused", f"{text!r}: {spec} on an empty chain"
            if effect == "all":
                assert call == {"action": "reset"}, f"{text!r}: {spec}"
            else:
                assert call["effect"] == effect, f"{text!r}: {spec} is not {effect}"
        # The family's action is the intent: "more compression" is a lower threshold or a
        # higher ratio, but one alternative always carries it.
        assert action in {c["action"] for c in calls}, f"{text!r}: no alternative does {action}"
        assert not judge([], Case(family, text, tuple(calls))), f"{text!r}: no call passed as right"


def test_off_topic_sentences_expect_no_change():
    assert not any(line.startswith("#") or "\t" in line for line in OFF_TOPIC)
    for text in OFF_TOPIC:
        assert judge([], Case("off_topic", text, ())), text


def test_families_sizes_and_counts():
    families = Counter(family for family, _, _ in ROWS)
    assert [f for f, n in families.items() if n < 2] == []
    assert len(ROWS) >= 320
    assert len(families) >= 100
    assert len(OFF_TOPIC) >= 100
    for effect in EFFECT_SPECS:
        actions = {f.split(".")[2] for f in families if f.split(".")[1] == effect}
        assert actions == set(ACTIONS), effect
    assert sum(1 for f in families if f.startswith("x2.all.reset.")) >= 2
    styles = Counter(FAMILY.fullmatch(f)["style"] for f in families)  # type: ignore[index]
    assert set(styles) == STYLES, STYLES - set(styles)


def test_no_sentence_repeats_within_the_corpus():
    texts = Counter(_norm(t) for t in [*(r[1] for r in ROWS), *OFF_TOPIC])
    assert [t for t, n in texts.items() if n > 1] == []


def test_no_sentence_repeats_a_tuned_corpus():
    tuned = (
        _texts(CORPUS / "commands.tsv", 1)
        | _texts(CORPUS / "off_topic.txt", None)
        | _texts(CORPUS / "tune2" / "commands.tsv", 1)
        | _texts(CORPUS / "tune2" / "off_topic.txt", None)
    )
    assert len(tuned) > 1000  # the files were read: an empty set would pass blindly
    repeats = [t for t in [*(r[1] for r in ROWS), *OFF_TOPIC] if _norm(t) in tuned]
    assert repeats == [], f"drop these test2 sentences: {repeats}"
