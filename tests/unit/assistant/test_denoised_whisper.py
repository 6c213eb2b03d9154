"""DenoisedWhisper: the denoised turn, Whisper's best transcript and nothing else, with a
stand-in for Whisper that records what it was given."""

from __future__ import annotations

import numpy as np
import pytest

from voicertc.assistant import whisper
from voicertc.assistant.denoise import denoise
from voicertc.assistant.denoised_whisper import DenoisedWhisper
from voicertc.assistant.sphinx import resample_16k

RATE = 24000


class FakeWhisper:
    """A beam, as given; keeps the samples it was asked to listen to."""

    def __init__(self, *beam: str) -> None:
        self.beam, self.heard, self.warmed = beam, [], False

    def warm_up(self) -> None:
        self.warmed = True

    def listen(self, samples: np.ndarray) -> whisper.Hearing:
        self.heard.append(samples)
        return whisper.Hearing(self.beam[0], None, samples.size // 160, list(self.beam))

    def listen_again(self, hearing: whisper.Hearing) -> list[str]:
        raise AssertionError("the default recogniser never listens twice")


def _noise_then_tone() -> bytes:
    """Half a second of steady noise (the denoiser's estimate), then a loud tone."""
    rng = np.random.default_rng(7)
    noise = rng.normal(0, 300, RATE // 2)
    tone = 8000 * np.sin(2 * np.pi * 440 * np.arange(RATE) / RATE) + rng.normal(0, 300, RATE)
    return np.concatenate([noise, tone]).astype("<i2").tobytes()


def test_the_best_transcript_is_taken_even_if_a_runner_up_is_a_command() -> None:
    fake = FakeWhisper("My flight leaves at nine.", "My delay leaves at nine.")
    assert DenoisedWhisper(fake).transcribe(_noise_then_tone(), RATE) == "My flight leaves at nine."


def test_whisper_hears_the_denoised_turn_at_16k() -> None:
    fake = FakeWhisper("More reverb.")
    pcm = _noise_then_tone()
    DenoisedWhisper(fake).transcribe(pcm, RATE)
    (heard,) = fake.heard
    at_16k = resample_16k(pcm, RATE)
    assert heard.size == at_16k.size
    np.testing.assert_allclose(heard, denoise(at_16k))
    assert np.abs(heard[:4000]).mean() < 0.8 * np.abs(at_16k[:4000]).mean()  # the noise turned down


def test_a_click_under_100_ms_is_not_listened_to() -> None:
    fake = FakeWhisper("Anything.")
    assert DenoisedWhisper(fake).transcribe(b"\1\0" * (RATE // 20), RATE) == ""
    assert fake.heard == []


def test_warm_up_loads_whisper() -> None:
    fake = FakeWhisper("x")
    DenoisedWhisper(fake).warm_up()
    assert fake.warmed


def test_the_speech_worker_gives_the_reader_whisper_s_score(monkeypatch: pytest.MonkeyPatch) -> None:
    from voicertc.assistant import speechpool

    class Scored(FakeWhisper):
        def listen(self, samples: np.ndarray) -> whisper.Hearing:
            hearing = super().listen(samples)
            hearing.scores = [-0.8, -1.1]
            return hearing

    asked: list[tuple[str, float | None]] = []

    class Reader:
        def guess(self, text: str, heard: float | None = None) -> None:
            asked.append((text, heard))

    monkeypatch.setattr(
        speechpool, "_recognizer", DenoisedWhisper(Scored("The feather is ice.", "Add reverb."))
    )
    monkeypatch.setattr(speechpool, "_reader", Reader())
    monkeypatch.setattr(speechpool, "_reader_tried", True)
    assert speechpool._hear(_noise_then_tone(), RATE) == ("The feather is ice.", None, None)
    assert asked == [("The feather is ice.", -0.8)]
    hearing = DenoisedWhisper(Scored("x")).hear(b"\1\0" * (RATE // 20), RATE)
    assert hearing is None  # a click: nothing heard, nothing scored
