"""CombinedRecognizer's keywords that take parts of its rule away (runner-up, second
listen, the grammar's rescue), with stand-ins for Whisper and the grammar; the defaults
keep every part."""

from __future__ import annotations

from typing import Any

import numpy as np
from support.recognizers import FakeGrammar

from voicertc.assistant import whisper
from voicertc.assistant.asr import CombinedRecognizer
from voicertc.bench import variants

RATE = 24000
AUDIO = b"\1\0" * RATE  # one second of something


class FakeWhisper:
    """Whisper's beam, its second listen and its scores, as given."""

    def __init__(self, beam: tuple[str, ...], again: tuple[str, ...] = (), log_prob: float = -0.5) -> None:
        self.beam, self.again, self._log_prob = beam, again, log_prob

    def listen(self, samples: np.ndarray) -> whisper.Hearing:
        return whisper.Hearing(self.beam[0], None, samples.size // 160, list(self.beam))

    def log_prob(self, hearing: whisper.Hearing, text: str) -> float:
        return -0.5 if text == self.beam[0] else self._log_prob

    def listen_again(self, hearing: whisper.Hearing) -> list[str]:
        return list(self.again)

    def listen_within(self, hearing: whisper.Hearing, words: frozenset[str]) -> list[str]:
        return []


def hear(whisper_: FakeWhisper, grammar_says: str = "", **options: Any) -> tuple[str, CombinedRecognizer]:
    recognizer = CombinedRecognizer(FakeGrammar(grammar_says), whisper_, **options)  # type: ignore[arg-type]
    try:
        return recognizer.transcribe(AUDIO, RATE), recognizer
    finally:
        recognizer.close()


def test_without_the_runner_up_whispers_best_transcript_stands() -> None:
    beam = ("Put the oil pass fielder.", "Put on the high pass filter.")
    assert hear(FakeWhisper(beam), noisy_snr_db=float("-inf"))[0] == beam[1]
    heard, recognizer = hear(FakeWhisper(beam), runner_up=False, listen_again=False, rescue=False)
    assert heard == beam[0]
    assert recognizer.stats["again"] == 0


def test_without_the_second_listen_whisper_listens_once() -> None:
    lost = FakeWhisper(("Molly bobbin.",), again=("More reverb, please.",))
    assert hear(lost)[0] == "More reverb, please."
    heard, recognizer = hear(lost, listen_again=False)
    assert heard == "Molly bobbin."
    assert recognizer.stats["again"] == 0
    assert recognizer.grammar.calls == 1  # type: ignore[attr-defined]  # the rescue still looked
    # A dispute the second listen would have settled for the grammar stays Whisper's.
    disputed = FakeWhisper(("Take out the lows.",), again=("Take out the highs.",), log_prob=-2.5)
    assert hear(disputed, "cut the highs")[0] == "cut the highs"
    heard, recognizer = hear(disputed, "cut the highs", listen_again=False)
    assert heard == "Take out the lows."
    assert recognizer.stats["again"] == 0


def test_without_the_rescue_the_grammar_only_cross_checks() -> None:
    lost = FakeWhisper(("Get rid of the receiver.",), log_prob=-0.8)
    assert hear(lost, "remove the reverb")[0] == "remove the reverb"
    assert hear(lost, "remove the reverb", rescue=False)[0] == "Get rid of the receiver."
    # Whisper understood a command: the grammar may still overrule it.
    near = FakeWhisper(("Turn it up, free NASA bills.",), log_prob=-0.4)
    heard, recognizer = hear(near, "turn it up three decibels", rescue=False)
    assert heard == "turn it up three decibels"
    assert recognizer.stats["switched"] == 1


def test_without_cross_check_and_rescue_the_grammar_never_runs() -> None:
    for beam in (("Turn it up.",), ("Get rid of the receiver.",)):
        heard, recognizer = hear(
            FakeWhisper(beam, log_prob=-0.2), "remove the reverb", cross_check=False, rescue=False
        )
        assert heard == beam[0]
        assert recognizer.grammar.calls == 0  # type: ignore[attr-defined]


def test_the_session_13_variants_set_the_options_for_their_run_only() -> None:
    with variants.applied("whisper-best"):
        best = CombinedRecognizer(grammar=object(), whisper=object())  # type: ignore[arg-type]
    with variants.applied("no-rescue"):
        no_rescue = CombinedRecognizer(grammar=object(), whisper=object())  # type: ignore[arg-type]
    default = CombinedRecognizer(grammar=object(), whisper=object())  # type: ignore[arg-type]
    assert (best.runner_up, best.listen_again, best.rescue, best.cross_check) == (False, False, False, False)
    assert best.noisy_snr_db == float("-inf")
    assert (no_rescue.rescue, no_rescue.cross_check, no_rescue.listen_again) == (False, True, True)
    assert (default.runner_up, default.listen_again, default.rescue, default.cross_check) == (
        True,
        True,
        True,
        True,
    )
