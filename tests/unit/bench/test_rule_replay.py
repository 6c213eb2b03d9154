"""The settings comparison tools: variants swap defaults for a run only, and the rule
replayed on a dump scores sentences as the live rule does."""

from __future__ import annotations

import pytest

from voicertc.assistant import denoise, whisper
from voicertc.assistant.asr import CombinedRecognizer
from voicertc.assistant.candidates import Candidate, Turn
from voicertc.assistant.vad import VoiceActivityDetector
from voicertc.bench import heldout, rule_replay, variants


def test_a_variant_changes_the_defaults_for_its_block_only() -> None:
    with variants.applied("prompts-overrule-s4"):
        assert whisper.WhisperRecognizer().prompt == variants.PROMPT_S4
        assert whisper.WhisperRecognizer().second_prompt == variants.COMMANDS_PROMPT_S4
        assert whisper.WhisperRecognizer(prompt="x").prompt == "x"  # callers still choose
    assert whisper.WhisperRecognizer().prompt == whisper.PROMPT
    with variants.applied("floor-0.35"), variants.applied("vad-0.65") as v:
        assert denoise.GAIN_FLOOR == 0.35
        assert VoiceActivityDetector(engine="energy").threshold == 0.65
        assert v.prefix_ms == 300
    assert denoise.GAIN_FLOOR == 0.5
    assert VoiceActivityDetector(engine="energy").threshold == 0.5
    recognizer = CombinedRecognizer(grammar=object(), whisper=object())  # type: ignore[arg-type]
    assert recognizer.switch_margin == 0.0


def _record(expected: list[dict[str, object]]) -> dict[str, object]:
    # Whisper's beam rates its own words high, teacher-forced it rates them below the
    # grammar's sentence: only the teacher-forced rule lets the grammar overrule.
    turn = Turn(
        [
            Candidate("Add some reverb.", "first", 0, beam_score=-0.3, log_prob=-1.2),
            Candidate("add some delay", "grammar", 0, beam_score=-0.8, log_prob=-1.0),
        ],
        snr_db=30.0,
        seconds=1.5,
    )
    return {"condition": "clean", "family": "delay.add", "text": "add some delay",
            "expected": expected, "turns": [turn]}  # fmt: skip


def test_the_replay_scores_as_the_live_rule_and_takes_rule_settings() -> None:
    records = [_record([{"effect": "delay", "action": "add"}])]
    teacher = rule_replay.replay(records, {}, beam_scores=False)
    assert teacher["ok"] == {("clean", "add some delay"): True}
    assert teacher["figures"]["clean"] == {"commands": 100.0, "n": 1, "overrules": 1}
    assert rule_replay.replay(records, {}, beam_scores=True)["ok"][("clean", "add some delay")] is False
    strict = rule_replay.replay(records, {"switch_margin": 0.5}, beam_scores=False)
    assert strict["figures"]["clean"]["overrules"] == 0
    assert strict["ok"][("clean", "add some delay")] is False


def test_heldout_refuses_to_run_with_a_voice_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without flite every sentence would be said by another voice (the rotation is over
    the whole list) and the figures would not compare with any kept run."""
    monkeypatch.setattr(heldout, "_has", lambda cmd: cmd != "flite")
    monkeypatch.setattr(heldout, "packaged_voice", lambda: "joe.onnx")
    assert heldout.missing_voices() == ["flite (apt-get install flite)"]
    with pytest.raises(SystemExit):
        heldout.main(["--split", "tune", "--limit", "1"])
    monkeypatch.setattr(heldout, "_has", lambda cmd: True)
    assert heldout.missing_voices() == []
