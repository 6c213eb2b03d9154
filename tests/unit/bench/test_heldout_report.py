"""What ``heldout`` keeps of a run says how its turns were read: session 46's spoken runs were
the rules alone beside earlier figures read with the sentence reader, and nothing in the
report said so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voicertc.bench import heldout


def _report(*_args: object) -> dict[str, object]:
    return {"figures": {"clean": {"commands": {"pct": 100.0, "n": 1}}}, "errors": [], "records": []}


def test_the_kept_report_says_it_was_read_by_the_rules_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(heldout, "run", _report)
    out = tmp_path / "run.json"
    heldout.main(["--split", "tune", "--conditions", "clean", "--limit", "1", "--out", str(out)])
    assert json.loads(out.read_text())["reader"] is False
    assert "rules alone" in capsys.readouterr().out


def test_the_kept_report_says_it_was_read_with_the_reader(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(heldout, "run", _report)
    monkeypatch.setattr(heldout, "required", lambda: object())
    monkeypatch.setattr(heldout, "READER", [None])
    out = tmp_path / "run.json"
    heldout.main(["--split", "tune", "--conditions", "clean", "--limit", "1", "--reader", "--out", str(out)])
    assert json.loads(out.read_text())["reader"] is True
