"""The recogniser's other transcripts, read by the rules and the sentence reader: where
Whisper's best transcript reads as nothing, a runner-up of its beam that reads as a
command, and that the reader is sure is one, may be what was said ("Ease off the open
drive." / "Ease off the overdrive.").

Only where the reader does not take the best transcript for small talk either: off-topic
speech heard in noise often has a command-like runner-up ("There's a hiss coming from the
gas pipe." / "... the bass pipe."), and there the reader is sure the best one is none.
Chosen on tune3 spoken in session 17 (docs/speech.md): without that condition the
runner-ups cost 6-14 off-topic sentences of 396 for 5-6 commands of 828."""

from __future__ import annotations

from typing import Protocol

from .. import clauses, dialogue
from ..whisper_text import several_sentences
from .head import Guess, combined, rules_arguments, unread

# A runner-up the rules read as a command is taken where the reader gives it "none" below
# RUNNER_UP_NONE, and the best transcript "none" below BEST_NONE.
RUNNER_UP_NONE = 0.1
BEST_NONE = 0.6


def reads_nothing(text: str) -> bool:
    """The rules read no request in ``text`` alone: their fallback answer only (what a
    fill takes)."""
    return unread(clauses.understand_all(text))


class Guesser(Protocol):
    """What a runner-up needs of the reader (``Reader.guess``)."""

    def guess(self, text: str, heard: float | None = None) -> Guess | None: ...


def runner_up(
    reader: Guesser, text: str, guess: Guess | None, beam: list[tuple[str, float]]
) -> tuple[str, Guess] | None:
    """The first of ``beam``'s other transcripts (with Whisper's scores, best first, the
    best ``text``) to take instead of ``text``, with the reader's guess at it; None where
    ``text`` reads as a request, is filled, or the reader takes it for small talk. Each
    runner-up looked at costs a guess (~15-20 ms), only on turns that pass all three."""
    if guess is None or guess.none >= BEST_NONE or not reads_nothing(text):
        return None
    if any(
        isinstance(i, dialogue.ToolCall)
        for i in combined(clauses.understand_all(text), guess, rules_arguments(text), said=text)
    ):
        return None
    for other, score in beam[1:]:
        if several_sentences(other) or not _asks(clauses.understand_all(other)):
            continue
        other_guess = reader.guess(other, score)
        if other_guess is not None and other_guess.none < RUNNER_UP_NONE:
            return other, other_guess
    return None


def _asks(intents: list[dialogue.Intent]) -> bool:
    return any(isinstance(i, dialogue.ToolCall) for i in intents)


__all__ = ["BEST_NONE", "RUNNER_UP_NONE", "reads_nothing", "runner_up"]
