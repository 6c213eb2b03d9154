"""A spoken scene's turns heard and read, as the server hears and reads them (``hear``),
and what is kept of each turn so that a rule over the recogniser's doubt and the sentence
reader's guesses can be replayed from one run without decoding the audio again
(``bench/doubt_grid.py``)."""

from __future__ import annotations

import dataclasses
import time

import numpy as np

from ..assistant import dialogue
from ..assistant.asr import Recognizer
from ..assistant.reader import Guess, Reader
from ..assistant.reader.beam import reads_nothing, runner_up
from ..assistant.vad import VoiceActivityDetector
from .reading import read
from .speech import RATE, segments

#: One turn as kept: ``Transcript``'s fields, the reader's guess, and its guesses at the
#: beam's other transcripts when the rules read nothing in the chosen one.
Heard = dict[str, object]


@dataclasses.dataclass(frozen=True)
class Transcript:
    text: str
    log_prob: float | None = None  # Whisper's mean log probability per token of ``text``
    beam: list[tuple[str, float]] = dataclasses.field(default_factory=list)  # with theirs, best first


def transcript(recognizer: Recognizer, pcm16: bytes) -> Transcript:
    """The turn's transcript with Whisper's scores (a recogniser without ``hear``, such as
    the grammar, gives its text alone)."""
    hear = getattr(recognizer, "hear", None)
    if hear is None:
        return Transcript(recognizer.transcribe(pcm16, RATE))
    hearing = hear(pcm16, RATE)
    if hearing is None:
        return Transcript("")
    beam = list(zip(hearing.alternatives, hearing.scores, strict=False))
    return Transcript(hearing.text, beam[0][1] if beam else None, beam)


def heard_turn(heard: Transcript, guess: Guess | None, reader: Reader | None) -> Heard:
    others: list[Guess | None] = []
    if reader is not None and heard.beam and reads_nothing(heard.text):
        others = [reader.guess(t, s) for t, s in heard.beam[1:]]
    return dataclasses.asdict(heard) | {"guess": _plain(guess), "beam_guesses": [_plain(g) for g in others]}


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
        turn = transcript(recognizer, seg)
        spent += time.perf_counter() - t0
        said.append(turn.text)
        reader = READER[0]
        guess = reader.guess(turn.text, turn.log_prob) if reader is not None else None
        read_in = read(turn.text, guess)
        other = runner_up(reader, turn.text, guess, turn.beam) if reader is not None else None
        if other is not None and not any(isinstance(i, dialogue.ToolCall) for i in read_in):
            read_in = read(*other)  # as the brain reads it (``brains.AssistantBrain.understand``)
        intents.extend(read_in)
        if heard is not None:
            heard.append(heard_turn(turn, guess, READER[0]))
    return said, intents, spent
