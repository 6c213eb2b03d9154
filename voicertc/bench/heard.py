"""A spoken scene's turns heard and read, as the server hears and reads them (``hear``),
and what is kept of each turn so that a rule over the recogniser's doubt and the sentence
reader's guesses can be replayed from one run without decoding the audio again
(``bench/doubt_grid.py``)."""

from __future__ import annotations

import dataclasses
import time

import numpy as np

from ..assistant import clauses, dialogue
from ..assistant.asr import Recognizer
from ..assistant.reader import Guess, Reader, read
from ..assistant.vad import VoiceActivityDetector
from .speech import RATE, segments

#: One turn: its transcript, Whisper's mean log probability per token of it, the beam's
#: transcripts with theirs, the reader's guess, and its guesses at the beam's other
#: transcripts when the rules read nothing in the chosen one.
Heard = dict[str, object]


def transcript(recognizer: Recognizer, pcm16: bytes) -> tuple[str, float | None, list[tuple[str, float]]]:
    """The turn's transcript, Whisper's score of it and the beam's (a recogniser without
    ``hear``, such as the grammar, gives its text alone)."""
    hear = getattr(recognizer, "hear", None)
    if hear is None:
        return recognizer.transcribe(pcm16, RATE), None, []
    hearing = hear(pcm16, RATE)
    if hearing is None:
        return "", None, []
    beam = list(zip(hearing.alternatives, hearing.scores, strict=False))
    return hearing.text, (beam[0][1] if beam else None), beam


def reads_nothing(text: str) -> bool:
    """The rules read no request in ``text``: their fallback answer alone (what a fill takes)."""
    return all(
        isinstance(i, dialogue.Say) and i.text == dialogue.FALLBACK_TEXT for i in clauses.understand_all(text)
    )


def heard_turn(
    text: str,
    log_prob: float | None,
    beam: list[tuple[str, float]],
    guess: Guess | None,
    reader: Reader | None,
) -> Heard:
    others: list[Guess | None] = []
    if reader is not None and beam and reads_nothing(text):
        others = [reader.guess(t, s) for t, s in beam[1:]]
    return {
        "text": text,
        "log_prob": log_prob,
        "beam": beam,
        "guess": _plain(guess),
        "beam_guesses": [_plain(g) for g in others],
    }


def _plain(guess: Guess | None) -> dict[str, object] | None:
    return None if guess is None else dataclasses.asdict(guess)


def guess_of(plain: object) -> Guess | None:
    """A guess as ``heard_turn`` kept it."""
    return Guess(**plain) if isinstance(plain, dict) else None


#: How a transcript is read: the rules, or with ``--reader`` the rules and the sentence reader.
READER: list[Reader | None] = [None]


def hear(
    recognizer: Recognizer, audio: np.ndarray, prefix_ms: int = 300, heard: list[Heard] | None = None
) -> tuple[list[str], list[dialogue.Intent], float]:
    """What each turn of ``audio`` was heard as, every request read in them, and the
    seconds recognition took; ``heard`` collects each turn's record (``heard_turn``)."""
    said, intents, spent = [], [], 0.0
    for seg in segments(audio, VoiceActivityDetector(), prefix_ms):
        t0 = time.perf_counter()
        text, log_prob, beam = transcript(recognizer, seg)
        spent += time.perf_counter() - t0
        said.append(text)
        guess = READER[0].guess(text, log_prob) if READER[0] is not None else None
        intents.extend(read(text, guess) if guess is not None else clauses.understand_all(text))
        if heard is not None:
            heard.append(heard_turn(text, log_prob, beam, guess, READER[0]))
    return said, intents, spent
