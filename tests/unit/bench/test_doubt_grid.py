"""A spoken run's records replayed under other readings: what ``heldout`` keeps of a turn
(``bench/heard.py``) and the rules read over it (``bench/doubt_grid.py``), with stand-ins
for Whisper and the reader."""

from __future__ import annotations

from typing import Any

from voicertc.assistant import whisper
from voicertc.assistant.reader.head import FILL, VETO, Doubt, Guess
from voicertc.bench.corpus import Case, parse_call
from voicertc.bench.doubt_grid import Alternatives, Replay
from voicertc.bench.heard import Transcript, guess_of, heard_turn, transcript


class Hears:
    """A recogniser with Whisper's beam and scores."""

    def __init__(self, beam: list[tuple[str, float]]) -> None:
        self.beam = beam

    def hear(self, pcm16: bytes, sample_rate: int) -> whisper.Hearing:
        texts = [t for t, _ in self.beam]
        return whisper.Hearing(texts[0], None, 10, texts, scores=[s for _, s in self.beam])


class TextOnly:
    def transcribe(self, pcm16: bytes, sample_rate: int) -> str:
        return "add reverb"


class Reads:
    """A reader that guesses what it was told for each text."""

    def __init__(self, guesses: dict[str, Guess]) -> None:
        self.guesses = guesses

    def guess(self, text: str, heard: float | None = None) -> Guess | None:
        g = self.guesses.get(text)
        return None if g is None else Guess(g.effect, g.likelihood, g.action, g.none, heard)


def test_a_turn_keeps_whisper_s_score_of_its_transcript_and_the_beam() -> None:
    beam = [("Add the river.", -0.8), ("Add reverb.", -0.9)]
    assert transcript(Hears(beam), b"") == Transcript("Add the river.", -0.8, beam)  # type: ignore[arg-type]
    assert transcript(TextOnly(), b"") == Transcript("add reverb")  # type: ignore[arg-type]


def test_the_beam_is_guessed_at_only_where_the_rules_read_nothing() -> None:
    reader: Any = Reads({"Add reverb.": Guess("reverb", 0.9, "add", 0.05)})
    beam = [("The weather is nice.", -0.4), ("Add reverb.", -1.2)]
    kept = heard_turn(Transcript("The weather is nice.", -0.4, beam), None, reader)
    assert [guess_of(g) for g in kept["beam_guesses"]] == [Guess("reverb", 0.9, "add", 0.05, -1.2)]  # type: ignore[union-attr]
    beam = [("Add delay.", -0.4), ("Add reverb.", -1.2)]
    assert heard_turn(Transcript("Add delay.", -0.4, beam), None, reader)["beam_guesses"] == []


REVERB_CASE = Case("reverb.add", "put some reverb on", (parse_call("reverb add"),))
SMALL_TALK = Case("off", "the weather is nice", ())


def _record(n: int, text: str, log_prob: float, guess: Guess, ok: bool, beam: list | None = None) -> dict:
    reader: Any = Reads({text: guess, **{t: guess for t, _ in beam or []}})
    heard = Transcript(text, log_prob, beam or [(text, log_prob)])
    turn = heard_turn(heard, reader.guess(text, log_prob), reader)
    return {"condition": "white10", "n": n, "voice": "flite:slt", "ok": ok, "turns": [turn]}


def test_a_doubted_fill_is_replayed_as_declined() -> None:
    misheard = Guess("reverb", 0.8, "add", 0.15)
    records = [
        _record(0, "Put some rubber on.", -0.3, misheard, True),  # sure of its words: filled, right
        _record(1, "The feather is ice.", -0.9, misheard, False),  # doubted: filled, wrongly
    ]
    replay = Replay(records, [REVERB_CASE, SMALL_TALK])
    never = Doubt(float("-inf"), FILL, VETO)
    assert replay.verdicts(never) == [True, False]  # as the run judged them
    assert replay.verdicts(Doubt(-0.5, 0.9, VETO)) == [True, True]
    assert replay.table(replay.verdicts(Doubt(-0.5, 0.9, VETO))) == {"white10": [1, 1, 1, 1]}


def test_a_runner_up_the_rules_read_is_taken_only_where_the_reader_agrees() -> None:
    unsure = Guess("reverb", 0.5, "add", 0.3)
    beam = [("Put some rubber on.", -0.6), ("Put some reverb on.", -0.7)]
    record = _record(0, "Put some rubber on.", -0.6, unsure, False, beam)
    replay = Replay([record], [REVERB_CASE])
    never = Doubt(float("-inf"), FILL, VETO)
    assert replay.verdicts(never) == [False]
    assert replay.verdicts(never, Alternatives(none_below=0.5, fill=None)) == [True]
    assert replay.verdicts(never, Alternatives(none_below=0.2, fill=None)) == [False]  # "none" 0.3
