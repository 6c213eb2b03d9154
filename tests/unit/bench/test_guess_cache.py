"""The reader's guesses kept on disk: read back, not encoded again; a transcript's never kept."""

from __future__ import annotations

from pathlib import Path

from voicertc.assistant.reader import Guess
from voicertc.bench.guess_cache import CachedReader, weights_digest


class CountingReader:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def guess(self, text: str, heard: float | None = None) -> Guess | None:
        self.asked.append(text)
        return Guess("reverb", 0.9, "add", 0.05, heard=heard)


def test_guesses_are_read_back_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "guesses.json"
    first = CountingReader()
    cached = CachedReader(first, path)  # type: ignore[arg-type]
    assert cached.guess("add reverb") == Guess("reverb", 0.9, "add", 0.05)
    assert cached.guess("add reverb") == Guess("reverb", 0.9, "add", 0.05)
    cached.save()
    assert first.asked == ["add reverb"]
    again = CountingReader()
    assert CachedReader(again, path).guess("add reverb") == Guess("reverb", 0.9, "add", 0.05)  # type: ignore[arg-type]
    assert again.asked == []


def test_a_transcripts_guess_is_not_kept(tmp_path: Path) -> None:
    reader = CountingReader()
    cached = CachedReader(reader, tmp_path / "guesses.json")  # type: ignore[arg-type]
    assert cached.guess("add reverb", heard=-0.2) == Guess("reverb", 0.9, "add", 0.05, heard=-0.2)
    cached.save()
    assert not (tmp_path / "guesses.json").exists()


def test_the_file_is_named_by_the_weights(tmp_path: Path) -> None:
    head = tmp_path / "head.npz"
    head.write_bytes(b"one")
    before = weights_digest(head, encoder=tmp_path / "no-model")
    head.write_bytes(b"two")
    assert weights_digest(head, encoder=tmp_path / "no-model") != before
