"""The text-level figure: a corpus folder of its own loads as a split, and sentences are
judged by the call the dialogue makes, per style and per effect."""

from __future__ import annotations

from pathlib import Path

import pytest

from voicertc.assistant.dialogue import Say, ToolCall
from voicertc.bench import corpus, heldout, heldout_text
from voicertc.bench.reading import first_turn


def _corpus(root: Path) -> None:
    (root / "tune2").mkdir(parents=True)
    (root / "tune2" / "commands.tsv").write_text(
        "# family\ttext\texpected\n"
        "reverb.add.imp\tadd some reverb\treverb add\n"
        "delay.set.ms\tdelay at 300 ms\tdelay set 300 ms\n"
        "reverb.add.odd\tsprinkle some space dust\treverb add | reverb increase\n"
    )
    (root / "tune2" / "off_topic.txt").write_text("# must change nothing\nwhat time is it\n")


def test_a_folder_loads_as_a_split_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _corpus(tmp_path)
    monkeypatch.setattr(corpus, "CORPUS", tmp_path)
    commands, off = heldout.load("tune2")
    assert [c.family for c in commands] == ["reverb.add.imp", "delay.set.ms", "reverb.add.odd"]
    assert commands[1].expected == ({"effect": "delay", "action": "set", "value": 300.0, "unit": "ms"},)
    assert len(commands[2].expected) == 2
    assert [c.text for c in off] == ["what time is it"] and off[0].expected == ()


def test_figures_per_style_and_effect_and_the_misses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _corpus(tmp_path)
    monkeypatch.setattr(corpus, "CORPUS", tmp_path)
    reads = {
        "add some reverb": ToolCall("apply_audio_effect", {"effect": "reverb", "action": "add"}),
        "delay at 300 ms": ToolCall("apply_audio_effect", {"effect": "delay", "action": "set", "value": 30}),
        "sprinkle some space dust": ToolCall(
            "apply_audio_effect", {"effect": "reverb", "action": "increase"}
        ),
        "what time is it": ToolCall("apply_audio_effect", {"effect": "gain", "action": "increase"}),
    }
    report = heldout_text.figures(*heldout.load("tune2"), understand=lambda text: [reads[text]])
    table = report["figures"]
    assert table["commands"] == {"pct": 66.7, "n": 3}
    assert table["off_topic_declined"] == {"pct": 0.0, "n": 1}
    assert table["effect:reverb"] == {"pct": 100.0, "n": 2}
    assert table["style:ms"] == {"pct": 0.0, "n": 1}
    assert [m["text"] for m in report["misses"]] == ["delay at 300 ms", "what time is it"]
    assert table["off_topic_unchanged"] == {"pct": 0.0, "n": 1}
    reads["what time is it"] = Say("It is late.")
    assert (
        heldout_text.figures(*heldout.load("tune2"), understand=lambda text: [reads[text]])["figures"][
            "off_topic_declined"
        ]["pct"]
        == 100.0
    )
    # listing the effects changes nothing, but is no decline
    reads["what time is it"] = ToolCall("get_effects", {})
    table = heldout_text.figures(*heldout.load("tune2"), understand=lambda text: [reads[text]])["figures"]
    assert table["off_topic_declined"]["pct"] == 0.0 and table["off_topic_unchanged"]["pct"] == 100.0


def test_tune2_halves_split_by_family_and_add_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rules were written from half A's misses only: a family is never on both sides."""
    assert heldout_text.half("t2.reverb.add.imp") == heldout_text.half("t2.reverb.add.imp")
    assert {heldout_text.half(f"t2.x.{n}") for n in range(20)} == {"A", "B"}
    _corpus(tmp_path)
    monkeypatch.setattr(corpus, "CORPUS", tmp_path)
    halves = heldout_text.by_half(*heldout.load("tune2"), first_turn())
    assert sum(h["commands"]["n"] for h in halves.values() if "commands" in h) == 3
