"""Moonshine tiny (the ``moonshine`` extra) on speech espeak-ng says: the real model.

The extra is a test dependency (`scripts/setup --test`): these tests fail, never skip,
when it is missing.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from voicertc.assistant import asr, moonshine
from voicertc.assistant.asr import create_recognizer
from voicertc.assistant.dialogue import ToolCall, understand
from voicertc.assistant.whisper_text import written

RATE = 24000


@pytest.fixture(scope="module")
def recognizer() -> moonshine.MoonshineRecognizer:
    recognizer = moonshine.MoonshineRecognizer(beam_size=3)
    recognizer.warm_up()
    return recognizer


def test_the_package_ships_the_model() -> None:
    assert moonshine.available()
    path = moonshine.model_dir()
    assert (path / "encoder_model.ort").stat().st_size > 10_000_000
    assert (path / "decoder_model_merged.ort").stat().st_size > 20_000_000


def test_tokenizer_round_trip(recognizer: moonshine.MoonshineRecognizer) -> None:
    ids = recognizer.tokenizer.encode("Set the delay to 300 milliseconds.")
    assert recognizer.tokenizer.decode(ids) == "Set the delay to 300 milliseconds."
    assert all(i >= moonshine.BYTE_BASE + 256 for i in ids)  # pieces, not bytes
    assert len(ids) <= 11  # whole words; digits are a piece each, as the model writes them


@pytest.mark.parametrize("text", ["remove the echo", "make it louder"])
def test_hears_clean_commands(
    recognizer: moonshine.MoonshineRecognizer, text: str, speech: Callable[..., bytes]
) -> None:
    heard = recognizer.transcribe(speech(text, lead_s=0.3, tail_s=0.3), RATE)
    assert understand(heard) == understand(text), heard


def test_log_prob_prefers_what_was_said(
    recognizer: moonshine.MoonshineRecognizer, speech: Callable[..., bytes]
) -> None:
    pcm = speech("set the delay to three hundred milliseconds", lead_s=0.3, tail_s=0.3)
    hearing = recognizer.listen(asr.resample_16k(pcm, RATE))
    assert hearing is not None and len(hearing.alternatives) == 3
    right = recognizer.log_prob(hearing, written("set the delay to three hundred milliseconds"))
    wrong = recognizer.log_prob(hearing, written("what is the low cut"))
    assert right > -2.0 > -5.0 > wrong
    # its own transcript as decoded scores as it was found
    assert recognizer.log_prob(hearing, hearing.text) == pytest.approx(hearing.log_prob, abs=0.05)


def test_silence_gives_nothing(recognizer: moonshine.MoonshineRecognizer) -> None:
    assert recognizer.transcribe(b"", RATE) == ""
    assert recognizer.transcribe(b"\0\0" * (RATE // 20), RATE) == ""


def test_chosen_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOICERTC_ASR", "moonshine")
    assert isinstance(create_recognizer(), moonshine.MoonshineRecognizer)
    monkeypatch.setattr(moonshine, "available", lambda: False)
    assert isinstance(create_recognizer(), asr.PocketsphinxRecognizer)


def test_second_opinion_on_the_combined_recogniser(speech: Callable[..., bytes]) -> None:
    from voicertc.assistant.moonshine_check import MoonshineChecked

    recognizer = create_recognizer("combined-moonshine")
    assert isinstance(recognizer, MoonshineChecked)
    try:
        heard = recognizer.transcribe(speech("remove the echo", lead_s=0.3, tail_s=0.3), RATE)
        assert understand(heard) == understand("remove the echo"), heard
        heard = recognizer.transcribe(speech("what is the weather like today", lead_s=0.3, tail_s=0.3), RATE)
        assert not isinstance(understand(heard), ToolCall), heard
        assert recognizer.stats["calls"] == 2
    finally:
        recognizer.close()
