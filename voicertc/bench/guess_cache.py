"""The sentence reader's guesses kept on disk, for the text benchmarks' edit-measure loop.

A guess depends on the sentence and the reader's weights only, never on the rules, so while
the rules change the guesses of a corpus's sentences can be read back instead of encoded
again: ``heldout_text --reader --cached`` over every tune side takes ~30 s instead of ~5 min
on this 2-core machine. The file is named by a digest of the head's weights and the
encoder's, so a refitted head or another encoder starts a new one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from pathlib import Path

from ..assistant.reader import Guess, Reader, model_folder
from ..assistant.reader.head import STORED

FOLDER = Path(os.environ.get("VOICERTC_READER_CACHE", Path(tempfile.gettempdir()) / "voicertc-reader"))


def weights_digest(head: Path = STORED, encoder: Path | None = None) -> str:
    """A short digest of what a guess depends on: the head's bytes, the encoder's size and name."""
    digest = hashlib.sha256(head.read_bytes())
    folder = encoder if encoder is not None else model_folder()
    weights = None if folder is None else folder / "model.safetensors"
    if weights is not None and weights.is_file():
        digest.update(f"{weights.resolve()}:{weights.stat().st_size}".encode())
    return digest.hexdigest()[:16]


class CachedReader:
    """``reader.guess`` for typed text (no ``heard``), answered from ``path`` when it can."""

    def __init__(self, reader: Reader, path: Path) -> None:
        self.reader = reader
        self.path = path
        self._guesses: dict[str, Guess] = {}
        if path.is_file():
            self._guesses = {text: Guess(**fields) for text, fields in json.loads(path.read_text()).items()}
        self.added = 0

    @classmethod
    def beside(cls, reader: Reader, folder: Path = FOLDER) -> CachedReader:
        return cls(reader, folder / f"guesses-{weights_digest()}.json")

    def guess(self, text: str, heard: float | None = None) -> Guess | None:
        if heard is not None or not text.strip():
            return self.reader.guess(text, heard)
        if text not in self._guesses:
            guess = self.reader.guess(text)
            if guess is None:
                return None
            self._guesses[text] = guess
            self.added += 1
        return self._guesses[text]

    def save(self) -> None:
        if not self.added:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        table = {text: dataclasses.asdict(guess) for text, guess in self._guesses.items()}
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(table))
        tmp.replace(self.path)
