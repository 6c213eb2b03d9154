"""How the benchmarks read one sentence: as the server reads a session's first turn.

The server's brain reads every turn with its session's ``FollowUps`` (an approval is no
command, a filter named by its region is one, the sentence reader's guess may fill or
decline); a fresh one is a first turn, with no earlier change to lean on. Until session 17
the single-sentence benchmarks read with ``clauses.understand_all`` and the head's
``combined`` instead, which is most of that path but not all of it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from ..assistant import dialogue
from ..assistant.followups import FollowUps
from ..assistant.reader import Guess

Understand = Callable[[str], list[dialogue.Intent]]


class Guessing(Protocol):
    """A ``Reader``, or one whose guesses are kept (``guess_cache.CachedReader``)."""

    def guess(self, text: str, heard: float | None = None) -> Guess | None: ...


def first_turn(reader: Guessing | None = None) -> Understand:
    """Every request of a sentence read alone, with ``reader``'s guess when there is one."""

    def understand(text: str) -> list[dialogue.Intent]:
        return read(text, None if reader is None else reader.guess(text))

    return understand


def read(text: str, guess: Guess | None) -> list[dialogue.Intent]:
    """Every request of a sentence read alone, with the reader's ``guess`` at it if any
    (a transcript's carries Whisper's score of it: ``bench/heard.py``)."""
    return FollowUps().understand_all(text, guess)
