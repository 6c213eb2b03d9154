"""The endpoint's input buffer: where turns start and end, and what audio each holds."""

from __future__ import annotations

import numpy as np

from voicertc.assistant.endpoint.input_buffer import (
    IDLE_KEEP_MS,
    MAX_TURN_MS,
    InputBuffer,
    SpeechStarted,
    TurnEnded,
)
from voicertc.assistant.vad import VadEvent, VoiceActivityDetector
from voicertc.protocol.realtime import BYTES_PER_MS


class ScriptedVad:
    """Reports the events scripted for each call of process(), in detector time."""

    def __init__(self, script: dict[int, list[VadEvent]]) -> None:
        self.script = script
        self.calls = 0
        self.resets = 0

    def process(self, pcm: bytes) -> list[VadEvent]:
        self.calls += 1
        return self.script.get(self.calls, [])

    def reset(self) -> None:
        self.resets += 1


def ms(n: int, fill: int = 0) -> bytes:
    """`n` ms of PCM16 whose every sample is `fill` (so slices can be told apart)."""
    return np.full(n * BYTES_PER_MS // 2, fill, dtype="<i2").tobytes()


def ids() -> object:
    counter = iter(range(1000))
    return lambda: f"item_{next(counter)}"


def test_a_turn_starts_with_prefix_padding_and_holds_exactly_its_audio() -> None:
    vad = ScriptedVad({3: [VadEvent("speech_started", 1000)], 5: [VadEvent("speech_stopped", 2000)]})
    buffer = InputBuffer(ids())  # type: ignore[arg-type]
    buffer.use_detector(vad, prefix_padding_ms=300)  # type: ignore[arg-type]
    events = []
    for k in range(6):
        events += buffer.append(ms(500, fill=k))  # block k covers [500k, 500k+500) ms
    assert events == [SpeechStarted("item_0", 700), TurnEnded("item_0", 2000, events[1].pcm)]
    turn = events[1]
    assert isinstance(turn, TurnEnded)
    assert len(turn.pcm) == 1300 * BYTES_PER_MS  # 700 .. 2000 ms
    samples = np.frombuffer(turn.pcm, dtype="<i2")
    # 700-1000 ms is block 1, 1000-1500 block 2, 1500-2000 block 3.
    assert samples[0] == 1 and samples[-1] == 3
    assert buffer.speech_item is None


def test_padding_never_reaches_before_audio_that_was_trimmed() -> None:
    vad = ScriptedVad({10: [VadEvent("speech_started", 4950)]})
    buffer = InputBuffer(ids())  # type: ignore[arg-type]
    buffer.use_detector(vad, prefix_padding_ms=300)  # type: ignore[arg-type]
    events = []
    for _ in range(10):
        events += buffer.append(ms(500))
    # Idle audio is trimmed to the last second before each append's detection.
    assert events == [SpeechStarted("item_0", 4650)]


def test_idle_audio_is_trimmed_to_the_last_second() -> None:
    buffer = InputBuffer(ids())  # type: ignore[arg-type]
    buffer.use_detector(ScriptedVad({}))  # type: ignore[arg-type]
    for _ in range(20):
        buffer.append(ms(500))
    assert buffer.stream_ms == 10_000
    assert buffer.buffered_bytes == IDLE_KEEP_MS * BYTES_PER_MS


def test_a_turn_longer_than_the_limit_is_cut() -> None:
    vad = ScriptedVad({1: [VadEvent("speech_started", 0)]})
    buffer = InputBuffer(ids())  # type: ignore[arg-type]
    buffer.use_detector(vad, prefix_padding_ms=0)  # type: ignore[arg-type]
    events = []
    for _ in range(MAX_TURN_MS // 1000 + 2):
        events += buffer.append(ms(1000))
    ended = [e for e in events if isinstance(e, TurnEnded)]
    assert len(ended) == 1
    assert ended[0].audio_end_ms == MAX_TURN_MS + 1000
    assert len(ended[0].pcm) == (MAX_TURN_MS + 1000) * BYTES_PER_MS


def test_positions_of_a_new_detector_count_from_where_it_started() -> None:
    buffer = InputBuffer(ids())  # type: ignore[arg-type]
    buffer.use_detector(ScriptedVad({}))  # type: ignore[arg-type]
    buffer.append(ms(3000))
    buffer.use_detector(ScriptedVad({1: [VadEvent("speech_started", 200)]}), prefix_padding_ms=100)  # type: ignore[arg-type]
    assert buffer.append(ms(500)) == [SpeechStarted("item_0", 3100)]


def test_without_detection_audio_accumulates_until_a_manual_commit() -> None:
    buffer = InputBuffer(ids())  # type: ignore[arg-type]
    buffer.use_detector(None)
    assert buffer.append(ms(3000, fill=7)) == []
    assert buffer.buffered_bytes == 3000 * BYTES_PER_MS
    item_id, pcm = buffer.commit()
    assert item_id == "item_0" and len(pcm) == 3000 * BYTES_PER_MS
    assert buffer.buffered_bytes == 0
    assert buffer.stream_ms == 3000


def test_a_manual_commit_mid_speech_takes_the_speech_item() -> None:
    vad = ScriptedVad({1: [VadEvent("speech_started", 100)]})
    buffer = InputBuffer(ids())  # type: ignore[arg-type]
    buffer.use_detector(vad)  # type: ignore[arg-type]
    started = buffer.append(ms(500))
    item_id, _ = buffer.commit()
    assert started == [SpeechStarted("item_0", 0)] and item_id == "item_0"
    assert buffer.speech_item is None


def test_clear_drops_audio_resets_the_detector_and_keeps_stream_time() -> None:
    vad = ScriptedVad({1: [VadEvent("speech_started", 0)], 2: [VadEvent("speech_started", 100)]})
    buffer = InputBuffer(ids())  # type: ignore[arg-type]
    buffer.use_detector(vad, prefix_padding_ms=0)  # type: ignore[arg-type]
    buffer.append(ms(1000))
    buffer.clear()
    assert vad.resets == 1 and buffer.buffered_bytes == 0 and buffer.speech_item is None
    # After the reset the detector counts from the clear: 100 ms in is 1100 ms of stream.
    assert buffer.append(ms(500)) == [SpeechStarted("item_1", 1100)]


def test_the_real_energy_detector_splits_two_bursts_into_two_turns() -> None:
    rng = np.random.default_rng(1)
    noise = lambda n: (rng.normal(0, 30, n * 24)).astype("<i2").tobytes()  # noqa: E731
    tone = lambda n: (8000 * np.sin(np.arange(n * 24) * 2 * np.pi * 440 / 24000)).astype("<i2").tobytes()  # noqa: E731
    stream = noise(1000) + tone(600) + noise(1000) + tone(600) + noise(1000)
    buffer = InputBuffer(ids())  # type: ignore[arg-type]
    buffer.use_detector(
        VoiceActivityDetector(silence_duration_ms=500, engine="energy"), prefix_padding_ms=300
    )
    events = []
    for i in range(0, len(stream), 960):
        events += buffer.append(stream[i : i + 960])
    kinds = [type(e).__name__ for e in events]
    assert kinds == ["SpeechStarted", "TurnEnded", "SpeechStarted", "TurnEnded"]
    first, second = events[1], events[3]
    assert isinstance(first, TurnEnded) and isinstance(second, TurnEnded)
    assert abs(events[0].audio_start_ms - 700) <= 40  # onset 1000 ms, 300 ms padding
    assert abs(first.audio_end_ms - 1600) <= 40
    assert abs(events[2].audio_start_ms - 2300) <= 40
    assert abs(second.audio_end_ms - 3200) <= 40
    assert first.item_id != second.item_id
