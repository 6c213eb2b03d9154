"""The spoken run's misses read again: each transcript through the dialogue, judged
against its sentence's expected call, and what changed since the run kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voicertc.assistant.dialogue import Say, ToolCall
from voicertc.bench import corpus, transcript_replay
from voicertc.bench.corpus import Case

CASES = {
    "add some reverb": Case("reverb.add.plain", "add some reverb", ({"effect": "reverb", "action": "add"},)),
    "what a nice day": Case("off-topic", "what a nice day", ()),
}
REVERB = ToolCall("apply_audio_effect", {"effect": "reverb", "action": "add"})
NOTHING = Say("Sorry.")


def _errors() -> list[dict[str, object]]:
    return [
        {"text": "add some reverb", "heard": ["Add some river."], "intents": [repr(NOTHING)]},
        {"text": "add some reverb", "heard": ["Add some.", "Reverb."], "intents": [repr(NOTHING)] * 2},
        {"text": "what a nice day", "heard": ["What a nice delay."], "intents": [repr(REVERB)]},
        {"text": "a sentence of another corpus", "heard": ["Hm."], "intents": [repr(NOTHING)]},
    ]


def test_each_transcript_is_read_and_the_misses_now_right_are_counted() -> None:
    reads = {"add some river": REVERB, "add some": NOTHING, "reverb": REVERB, "what a nice delay": NOTHING}
    report = transcript_replay.replay(_errors(), CASES, lambda s: reads[s.lower().rstrip(".")])
    assert report["now_right"] == {
        "commands": {"right": 2, "of": 2},  # two transcripts of one turn: judged together
        "off_topic_declined": {"right": 1, "of": 1},
    }
    assert report["unknown_texts"] == 1
    assert [c["text"] for c in report["changed"]] == ["add some reverb", "add some reverb", "what a nice day"]


def test_an_unchanged_reading_is_not_reported_as_changed() -> None:
    report = transcript_replay.replay(_errors()[:1], CASES, lambda s: NOTHING)
    assert report["now_right"]["commands"] == {"right": 0, "of": 1}
    assert report["changed"] == []


def test_the_command_line_reads_a_split_and_an_errors_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "tune2").mkdir()
    (tmp_path / "tune2" / "commands.tsv").write_text("reverb.add.plain\tadd some reverb\treverb add\n")
    (tmp_path / "tune2" / "off_topic.txt").write_text("what a nice day\n")
    monkeypatch.setattr(corpus, "CORPUS", tmp_path)
    errors = tmp_path / "errors.json"
    said = [
        {"text": "add some reverb", "heard": ["Add some reverb."], "intents": [repr(NOTHING)]},
        {"text": "add some reverb", "heard": ["Good morning."], "intents": [repr(NOTHING)]},
        {"text": "what a nice day", "heard": ["What a nice day."], "intents": [repr(REVERB)]},
    ]
    errors.write_text(json.dumps(said))
    transcript_replay.main([str(errors), "--split", "tune2", "--changed"])
    out = capsys.readouterr().out
    assert "commands: 1 of 2 misses now right" in out  # read by today's dialogue
    assert "off_topic_declined: 1 of 1 misses now right" in out
    assert "RIGHT [commands] 'add some reverb' heard ['Add some reverb.']" in out
