"""The held-out corpus (benchmarks/corpus/, README there): its splits and its calls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: The checkout: the corpus and the results live in benchmarks/.
ROOT = Path(__file__).resolve().parents[2]

CORPUS = ROOT / "benchmarks" / "corpus"
Call = dict[str, object]


@dataclass(frozen=True)
class Case:
    family: str
    text: str
    expected: tuple[Call, ...]  # empty: off-topic, nothing may change


def style(family: str) -> str:
    """How a family says its intent: its last part, less any ``-detail`` (tune2 and test2
    name families ``<prefix>.<effect>.<action>.<style>-<detail>``)."""
    return family.split(".")[-1].split("-")[0]


def parse_call(spec: str) -> Call:
    """``"delay set 60 percent param=feedback"`` -> tool arguments."""
    words = spec.split()
    params = dict(w.split("=", 1) for w in words if "=" in w)
    words = [w for w in words if "=" not in w]
    if words == ["reset"]:
        return {"action": "reset"}
    call: Call = {"effect": words[0], "action": words[1]}
    if len(words) > 2:
        call["value"] = float(words[2])
    if len(words) > 3:
        call["unit"] = words[3]
    return call | params


def load(split: str) -> tuple[list[Case], list[Case]]:
    """The commands and off-topic sentences of ``tune`` or ``test`` (split.tsv), or of a
    corpus of its own in a folder of that name (``tune2``: written blind, all tune data)."""
    folder = CORPUS / split
    if split not in ("tune", "test") and folder.is_dir():
        return _commands(folder, lambda family: True), _off_topic(folder, lambda text: True)
    splits = dict(
        line.rstrip("\n").split("\t")
        for line in (CORPUS / "split.tsv").read_text().splitlines()
        if line and not line.startswith("#")
    )
    return (
        _commands(CORPUS, lambda family: splits[family] == split),
        _off_topic(CORPUS, lambda text: splits[f"off:{text}"] == split),
    )


def _commands(folder: Path, keep: Callable[[str], bool]) -> list[Case]:
    commands = []
    for line in (folder / "commands.tsv").read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        family, text, expected = line.split("\t")
        if keep(family):
            alternatives = tuple(parse_call(s.strip()) for s in expected.split("|"))
            commands.append(Case(family, text, alternatives))
    return commands


def _off_topic(folder: Path, keep: Callable[[str], bool]) -> list[Case]:
    lines = (folder / "off_topic.txt").read_text().splitlines()
    return [Case("off-topic", t, ()) for t in lines if t and not t.startswith("#") and keep(t)]
