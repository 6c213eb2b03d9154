"""The scorer's input: resampled as the resampler alone would, digital silence for less."""

from __future__ import annotations

import numpy as np
import soxr

from voicertc.assistant import vad_input
from voicertc.assistant.vad import VoiceActivityDetector
from voicertc.assistant.vad_input import ScorerInput
from voicertc.bench.utterance import make_syllables


def _chunks(seed: int) -> list[bytes]:
    """Speech-like noise and digital silence in runs, mostly 20 ms frames, some of other
    sizes (one that maps to no whole number of 16 kHz samples, one too long to check)."""
    rng = np.random.default_rng(seed)
    out = []
    for run in range(40):
        silent = run % 2 == 0
        for _ in range(int(rng.integers(1, 12))):
            n = int(rng.choice([480, 480, 480, 480, 240, 100, 6000]))
            samples = np.zeros(n) if silent else rng.normal(0, 3000, n)
            out.append(samples.astype("<i2").tobytes())
    return out


class _Counted:
    def __init__(self, resampler: soxr.ResampleStream) -> None:
        self._resampler = resampler
        self.calls = 0

    def resample_chunk(self, samples: np.ndarray) -> np.ndarray:
        self.calls += 1
        return self._resampler.resample_chunk(samples)


def test_the_same_samples_as_the_resampler_fed_everything() -> None:
    for seed in range(5):
        chunks = _chunks(seed)
        reference = soxr.ResampleStream(24000, 16000, 1, dtype="float32", quality="QQ")
        expected = np.concatenate(
            [
                reference.resample_chunk(np.frombuffer(c, dtype="<i2").astype(np.float32) / 32768.0)
                for c in chunks
            ]
        )
        scorer_input = ScorerInput(24000, 16000)
        counted = _Counted(scorer_input._resampler)
        scorer_input._resampler = counted  # type: ignore[assignment]
        got = np.concatenate([scorer_input.process(c) for c in chunks])
        assert np.array_equal(got, expected), seed
        assert counted.calls < len(chunks), seed


def test_silence_after_40_ms_of_silence_skips_the_resampler() -> None:
    scorer_input = ScorerInput(24000, 16000)
    counted = _Counted(scorer_input._resampler)
    scorer_input._resampler = counted  # type: ignore[assignment]
    speech = np.random.default_rng(0).normal(0, 3000, 480).astype("<i2").tobytes()
    for _ in range(3):
        scorer_input.process(speech)
        for _ in range(20):
            assert scorer_input.process(bytes(960)).size == 320
    assert counted.calls == 3 * (1 + 2)  # each utterance's frame and the 40 ms after it


def test_the_shared_silence_cannot_be_written() -> None:
    for _ in range(3):
        out = ScorerInput(24000, 16000).process(bytes(960))
    silent = ScorerInput(24000, 16000)
    for _ in range(4):
        out = silent.process(bytes(960))
    assert out.size == 320 and not out.any() and not out.flags.writeable
    assert not ScorerInput(16000, 16000).process(bytes(640)).flags.writeable


def test_long_silent_chunks_are_not_kept_as_zeros_to_compare() -> None:
    ScorerInput(24000, 16000).process(bytes(vad_input._CHECKED_BYTES + 2))
    assert vad_input._CHECKED_BYTES + 2 not in vad_input._zero_bytes


def test_a_client_appending_every_size_keeps_few_zeros() -> None:
    scorer_input = ScorerInput(24000, 16000)
    for size in range(6, 6000, 6):
        for _ in range(4):  # silence after silence: the zeros' way
            assert not scorer_input.process(bytes(size)).any()
    assert len(vad_input._zero_bytes) <= vad_input._KEPT_SIZES
    assert len(vad_input._zero_floats) <= vad_input._KEPT_SIZES


def test_the_detector_finds_the_benchmark_utterance_where_it_did() -> None:
    """The bench's two syllables after and before digital silence: the turn's start and
    end in stream time (the figures before silence skipped the resampler)."""
    speech = make_syllables().pcm16
    frames = [bytes(960)] * 50 + [speech[i : i + 960].ljust(960, b"\0") for i in range(0, len(speech), 960)]
    frames += [bytes(960)] * 60
    detector = VoiceActivityDetector(engine="silero")
    events = [e for frame in frames for e in detector.process(frame)]
    assert [(e.kind, e.audio_ms) for e in events] == [("speech_started", 992), ("speech_stopped", 1472)]
