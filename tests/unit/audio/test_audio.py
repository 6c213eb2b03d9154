"""The audio path's pieces: resampling quality, outbound framing, pacing and clearing."""

from __future__ import annotations

import asyncio
import types

import numpy as np
import pytest

from voicertc.audio import outbound
from voicertc.audio.outbound import FRAME_SAMPLES, AssistantTrack
from voicertc.audio.resample import Downsampler, Upsampler
from voicertc.metrics import Counter


def _tone(freq: float, rate: int, seconds: float, amplitude: float = 0.5) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return (amplitude * 32767 * np.sin(2 * np.pi * freq * t)).astype(np.int16)


def _snr_db(reference: np.ndarray, output: np.ndarray) -> float:
    error = output.astype(np.float64) - reference.astype(np.float64)
    return float(10 * np.log10(np.sum(reference.astype(np.float64) ** 2) / max(np.sum(error**2), 1e-9)))


@pytest.mark.parametrize("freq", [440.0, 1000.0, 3000.0, 7000.0])
def test_downsampler_keeps_speech_band_tones_clean(freq: float) -> None:
    tone = _tone(freq, 48000, 1.0)
    stereo = np.repeat(tone, 2)  # packed stereo, as aiortc decodes
    down = Downsampler()
    out = np.concatenate(
        [np.frombuffer(down.process(stereo[i : i + 1920], 2), np.int16) for i in range(0, len(stereo), 1920)]
    )
    assert len(out) == len(tone) // 2
    delay = 15  # 30 samples at 48 kHz
    assert _snr_db(tone[::2][1000 : len(out) - delay], out[1000 + delay :]) > 60


def test_downsampler_rejects_aliases_above_12khz() -> None:
    tone = _tone(16000, 48000, 0.5)
    down = Downsampler()
    out = np.concatenate(
        [np.frombuffer(down.process(tone[i : i + 960], 1), np.int16) for i in range(0, len(tone), 960)]
    )
    # A 16 kHz tone would alias to 8 kHz at 24 kHz; the filter must remove it.
    assert np.sqrt(np.mean(out[200:].astype(np.float64) ** 2)) < 0.001 * 32767


def test_upsampler_round_trip_is_clean() -> None:
    tone = _tone(1000, 24000, 1.0)
    up = Upsampler()
    out = np.concatenate([up.process(tone[i : i + 480].tobytes()) for i in range(0, len(tone), 480)])
    assert len(out) == 2 * len(tone)
    reference = _tone(1000, 48000, 1.0)
    delay = 30
    assert _snr_db(reference[2000 : len(out) - delay], out[2000 + delay :]) > 60


async def test_track_emits_20ms_frames_of_silence_then_audio_and_counts_sent() -> None:
    track = AssistantTrack()
    track._start = None
    first = await track.recv()
    # 24 kHz mono as it came, stamped on the 48 kHz RTP clock.
    assert first.samples == FRAME_SAMPLES == 480 and first.sample_rate == 24000
    assert not first.to_ndarray().any()
    tone = _tone(500, 24000, 0.1)
    track.feed("item1", tone.tobytes())  # 100 ms
    assert track.buffered_ms == 100
    frames = [await track.recv() for _ in range(6)]
    assert [f.pts for f in frames] == [960 * (i + 1) for i in range(6)]
    assert np.array_equal(np.concatenate([f.to_ndarray().reshape(-1) for f in frames[:5]]), tone)
    assert all(f.to_ndarray().any() for f in frames[:5])
    assert not frames[5].to_ndarray().any()
    assert track.sent_ms("item1") == 100
    track.stop()


async def test_clear_drops_queued_audio_and_reports_only_what_was_sent() -> None:
    track = AssistantTrack()
    started: list[str] = []
    track.on_item_started = started.append
    track.feed("a", _tone(500, 24000, 1.0).tobytes())
    for _ in range(3):
        await track.recv()
    cleared = track.clear()
    assert cleared.item_id == "a"
    assert cleared.audio_end_ms == 60
    assert cleared.dropped_ms == 940
    assert started == ["a"]
    assert not (await track.recv()).to_ndarray().any()
    assert track.buffered_ms == 0
    track.stop()


async def test_pacing_follows_the_clock_and_never_bursts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Frames are due every 20 ms from the first; a stall re-anchors instead of bursting."""
    clock = {"now": 1000.0}
    sleeps: list[float] = []

    async def fake_sleep(self: AssistantTrack, seconds: float) -> bool:
        sleeps.append(seconds)
        clock["now"] += seconds
        return False

    monkeypatch.setattr(outbound.time, "monotonic", lambda: clock["now"])
    monkeypatch.setattr(AssistantTrack, "_sleep", fake_sleep)
    late = Counter("late", "test")
    track = AssistantTrack(late=late)
    await track.recv()
    for _ in range(50):
        await track.recv()
    assert clock["now"] == pytest.approx(1000.0 + 50 * 0.02)
    clock["now"] += 0.5  # the event loop stalled for half a second
    sleeps.clear()
    await track.recv()
    for _ in range(5):
        await track.recv()
    assert track.late_frames == 1
    assert late.value() == 1  # counted as it happens, not when the call ends
    # After the stall each frame waits its full 20 ms again: no catch-up burst.
    assert sleeps == pytest.approx([0.02] * 5)
    track.stop()


@pytest.mark.parametrize("amplitude", [0, 1, 10, 300, 3000, 32767])
def test_fast_audio_level_matches_aiortc(amplitude: int) -> None:
    from av import AudioFrame

    from voicertc.patches import audio_level as speedups

    rng = np.random.default_rng(amplitude)
    for layout, channels in (("mono", 1), ("stereo", 2)):
        samples = (rng.standard_normal(960 * channels) * amplitude).clip(-32768, 32767).astype(np.int16)
        frame = AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout=layout)
        frame.sample_rate = 48000
        assert speedups.compute_audio_level_dbov(frame) == speedups._original(frame)


async def test_audio_on_an_idle_track_goes_out_at_once_and_the_lead_is_given_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first frame of new audio does not wait for its slot; the schedule then moves
    with it, and the next quiet frame waits that much longer, so nothing drifts."""
    clock = {"now": 1000.0}
    monkeypatch.setattr(outbound.time, "monotonic", lambda: clock["now"])
    track = AssistantTrack()
    await track.recv()  # the first frame anchors the schedule at t = 1000.000
    waiting = asyncio.create_task(track.recv())  # due at 1000.020, waiting for its slot
    await asyncio.sleep(0)  # one loop turn: the task runs up to its wait for the slot
    assert track._waker is not None
    clock["now"] += 0.005
    track.feed("reply", _tone(500, 24000, 0.06).tobytes())  # 60 ms, 15 ms before the slot
    frame = await asyncio.wait_for(waiting, 5)
    assert frame.to_ndarray().any() and track.early_starts == 1
    assert track._lead == pytest.approx(0.015)

    sleeps: list[float] = []

    async def fake_sleep(self: AssistantTrack, seconds: float) -> bool:
        sleeps.append(seconds)
        clock["now"] += seconds
        return False

    monkeypatch.setattr(AssistantTrack, "_sleep", fake_sleep)
    frames = [await track.recv() for _ in range(4)]
    assert [f.to_ndarray().any() for f in frames] == [True, True, False, False]
    # 20 ms apart while the reply plays, then one quiet frame 15 ms later than usual
    assert sleeps == pytest.approx([0.02, 0.02, 0.035, 0.02])
    assert track._lead == 0
    # Over the whole stretch the stream kept real time: 6 frames, 100 ms after the first.
    assert clock["now"] == pytest.approx(1000.0 + 5 * 0.02)
    track.stop()


async def test_a_track_already_playing_is_never_pulled_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    # The track's clock stands still (the loop's does not, so its timer still fires): on a
    # loaded machine more than a frame's 20 ms could pass between the two recv() calls, and
    # the second would then be due at once and never wait.
    monkeypatch.setattr(outbound, "time", types.SimpleNamespace(monotonic=lambda: 1000.0))
    track = AssistantTrack()
    track.feed("a", _tone(500, 24000, 0.2).tobytes())
    await track.recv()
    waiting = asyncio.create_task(track.recv())
    await asyncio.sleep(0)  # one loop turn: the task runs up to its wait for the slot
    assert track._waker is not None
    track.feed("a", _tone(500, 24000, 0.1).tobytes())  # more of the same reply: not idle
    await asyncio.wait_for(waiting, 5)
    assert track.early_starts == 0 and track._lead == 0
    track.stop()


async def test_silence_goes_out_as_one_frame_with_each_frames_own_pts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def no_wait(self: AssistantTrack, seconds: float) -> bool:
        return False

    monkeypatch.setattr(AssistantTrack, "_sleep", no_wait)
    track = AssistantTrack()
    pts, silent = [], []
    for _ in range(3):
        frame = await track.recv()
        pts.append(frame.pts)
        silent.append(frame)
        assert frame.samples == FRAME_SAMPLES and frame.sample_rate == 24000 and frame.layout.name == "mono"
        assert frame.format.name == "s16" and not frame.to_ndarray().any()
    assert pts == [0, 960, 1920]
    assert silent[0] is silent[1] is silent[2]  # made once: the idle track's frames cost no frame
    assert silent[0].opaque is outbound.SILENT_FRAME  # marked, so the coder need not read it
    track.feed("item1", _tone(500, 24000, 0.02).tobytes())
    spoken = await track.recv()
    assert spoken is not silent[0] and spoken.pts == 2880 and spoken.to_ndarray().any()
    assert spoken.opaque is None
    after = await track.recv()
    assert after is silent[0] and after.pts == 3840 and not after.to_ndarray().any()
    track.stop()
