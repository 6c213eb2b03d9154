"""Offline speech components on audio made by espeak-ng: VAD, recognition, synthesis."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
from collections.abc import Callable

import numpy as np
import pytest

from voicertc.assistant import asr, sphinx, tts
from voicertc.assistant.asr import Recognizer, create_recognizer
from voicertc.assistant.denoise import denoise, snr_db
from voicertc.assistant.dialogue import Say, ToolCall, understand
from voicertc.assistant.vad import VadEvent, VoiceActivityDetector, silero_available

RATE = 24000
CHUNK = 960  # 20 ms of PCM16 at 24 kHz
ENGINES = ["energy", "silero"]


def test_silero_is_installed() -> None:
    # onnxruntime is a dependency and the model ships: the default VAD must not quietly fall
    # back to energy.
    assert silero_available()


def speech_bounds_ms(pcm: bytes) -> tuple[float, float]:
    """First and last 10 ms frame within 40 dB of the loudest one."""
    x = np.frombuffer(pcm, "<i2").astype(np.float64)
    frames = x[: x.size // 240 * 240].reshape(-1, 240)
    power = np.mean(frames**2, axis=1)
    active = np.nonzero(power > power.max() * 1e-4)[0]
    return active[0] * 10.0, (active[-1] + 1) * 10.0


def feed(vad: VoiceActivityDetector, pcm: bytes) -> list[tuple[VadEvent, float]]:
    """Events with the stream position (ms) at which each was returned."""
    out = []
    for pos in range(0, len(pcm), CHUNK):
        out += [(ev, (pos + CHUNK) / 48) for ev in vad.process(pcm[pos : pos + CHUNK])]
    return out


def with_noise(pcm: bytes, snr_db: float, seed: int = 1) -> bytes:
    x = np.frombuffer(pcm, "<i2").astype(np.float64)
    t0, t1 = (int(v * 24) for v in speech_bounds_ms(pcm))
    noise_rms = np.sqrt(np.mean(x[t0:t1] ** 2) / 10 ** (snr_db / 10))
    x = x + np.random.default_rng(seed).normal(0, noise_rms, x.size)
    return np.clip(x, -32768, 32767).astype("<i2").tobytes()


@pytest.mark.parametrize("engine", ENGINES)
def test_vad_finds_start_and_end_of_an_utterance(engine: str, speech: Callable[..., bytes]) -> None:
    pcm = speech("set the delay to three hundred milliseconds", lead_s=1.0, tail_s=1.2)
    start, end = speech_bounds_ms(pcm)
    events = feed(VoiceActivityDetector(engine=engine), pcm)  # type: ignore[arg-type]
    assert [e.kind for e, _ in events] == ["speech_started", "speech_stopped"]
    (started, started_at), (stopped, stopped_at) = events
    assert abs(started.audio_ms - start) <= 100
    assert abs(stopped.audio_ms - end) <= 120  # where speech ended, not the timer
    # Start is announced once min_speech_ms of speech is in; a soft onset ("s") can
    # take the detector a little longer to be sure of.
    assert started_at - start <= 150 + 200
    # Stop comes after silence_duration_ms of quiet, not before.
    assert 500 <= stopped_at - stopped.audio_ms <= 500 + 100


@pytest.mark.parametrize("engine", ENGINES)
def test_vad_ignores_steady_noise(engine: str) -> None:
    rng = np.random.default_rng(3)
    for level in (300, 3000):  # about -40 and -20 dBFS
        noise = rng.normal(0, level, RATE * 6).clip(-32768, 32767).astype("<i2").tobytes()
        assert feed(VoiceActivityDetector(engine=engine), noise) == []  # type: ignore[arg-type]


def test_silero_vad_finds_speech_in_noise(speech: Callable[..., bytes]) -> None:
    pcm = with_noise(speech("remove the echo", lead_s=1.0, tail_s=1.0), snr_db=10)
    start, end = speech_bounds_ms(speech("remove the echo", lead_s=1.0, tail_s=1.0))
    events = [e for e, _ in feed(VoiceActivityDetector(engine="silero"), pcm)]
    assert [e.kind for e in events] == ["speech_started", "speech_stopped"]
    assert abs(events[0].audio_ms - start) <= 100
    assert abs(events[1].audio_ms - end) <= 200


def test_silero_skips_silent_windows_but_still_hears_speech_after_them(
    speech: Callable[..., bytes],
) -> None:
    vad = VoiceActivityDetector(engine="silero")
    model = vad._scorer._model  # type: ignore[attr-defined]
    calls = 0

    class Counting:
        def process(self, buf: memoryview) -> float:
            nonlocal calls
            calls += 1
            return model.process(buf)

        def reset(self) -> None:
            model.reset()

        def restart_after_silence(self, windows: int) -> None:
            model.restart_after_silence(windows)

    vad._scorer._model = Counting()  # type: ignore[attr-defined]
    quiet = (np.random.default_rng(5).normal(0, 10, RATE * 3)).astype("<i2").tobytes()  # ~ -70 dBFS
    assert vad.process(quiet) == [] and calls == 0  # 3 s of a quiet pause: the model never ran
    pcm = speech("add some reverb", lead_s=0.5, tail_s=1.0)
    start, _ = speech_bounds_ms(pcm)
    events = vad.process(pcm)
    assert [e.kind for e in events] == ["speech_started", "speech_stopped"]
    assert abs(events[0].audio_ms - (3000 + start)) <= 100
    assert calls > 0


def test_vad_chunking_and_reset(speech: Callable[..., bytes]) -> None:
    pcm = speech("add some reverb", lead_s=0.6, tail_s=1.0)
    vad = VoiceActivityDetector()
    whole = vad.process(pcm)
    assert [e.kind for e in whole] == ["speech_started", "speech_stopped"]
    vad.reset()  # positions start again from zero
    odd = [e for pos in range(0, len(pcm), 334) for e in vad.process(pcm[pos : pos + 334])]
    assert [(e.kind, e.audio_ms) for e in odd] == [(e.kind, e.audio_ms) for e in whole]


def test_vad_longer_silence_setting_keeps_a_pause_inside_one_turn(
    speech: Callable[..., bytes],
) -> None:
    first = speech("add some reverb", lead_s=0.5, tail_s=0.0)
    second = speech("and more delay", lead_s=0.0, tail_s=1.5)
    pause = b"\0\0" * (RATE * 3 // 10)  # with espeak-ng's own trailing quiet: ~650 ms
    pcm = first + pause + second
    short = [e.kind for e, _ in feed(VoiceActivityDetector(silence_duration_ms=500), pcm)]
    long = [e.kind for e, _ in feed(VoiceActivityDetector(silence_duration_ms=1000), pcm)]
    assert short == ["speech_started", "speech_stopped"] * 2
    assert long == ["speech_started", "speech_stopped"]


@pytest.fixture(scope="module")
def recognizer() -> Recognizer:
    # The grammar recogniser whether or not the whisper extra is installed (the combined
    # one has tests of its own in test_whisper.py).
    return create_recognizer("grammar")


@pytest.mark.parametrize(
    "text",
    [
        "add some reverb",
        "set the delay to three hundred milliseconds",
        "cut the lows",
        "remove the echo",
        "low pass at two kilohertz",
        "turn it down six decibels",
        "what effects are on",
        "clear everything",
    ],
)
def test_recognised_commands_give_the_right_call(
    recognizer: Recognizer, text: str, speech: Callable[..., bytes]
) -> None:
    heard = recognizer.transcribe(speech(text, lead_s=0.3, tail_s=0.3), RATE)
    intent = understand(heard)
    assert isinstance(intent, ToolCall), heard
    assert intent == understand(text), heard


@pytest.mark.parametrize("text", ["hello", "thank you", "help", "what can you do"])
def test_recognised_small_talk(recognizer: Recognizer, text: str, speech: Callable[..., bytes]) -> None:
    heard = recognizer.transcribe(speech(text, lead_s=0.3, tail_s=0.3), RATE)
    assert understand(heard) == understand(text), heard
    assert isinstance(understand(heard), Say)


def test_recogniser_on_command_in_noise(recognizer: Recognizer, speech: Callable[..., bytes]) -> None:
    pcm = with_noise(speech("add some reverb", lead_s=0.3, tail_s=0.3), snr_db=20)
    assert understand(recognizer.transcribe(pcm, RATE)) == understand("add some reverb")


def test_denoiser_lowers_steady_noise_and_keeps_speech() -> None:
    rng = np.random.default_rng(5)
    t = np.arange(16000 * 2) / 16000
    bursts = 8000 * np.sin(2 * np.pi * 440 * t) * ((t % 0.5) < 0.25)  # on a quarter second in two
    noise = rng.normal(0, 800, t.size)
    out = denoise(bursts + noise)
    gaps, tones = (t % 0.5) > 0.3, ((t % 0.5) > 0.05) & ((t % 0.5) < 0.2)
    # Between the bursts only noise is left: a mild subtractor (gain floor -6 dB) takes
    # off about 3.4 dB of it.
    assert 20 * np.log10(np.std(noise[gaps]) / np.std(out[gaps])) >= 3
    # Inside them the tone comes through within 1 dB.
    assert abs(20 * np.log10(np.std(out[tones]) / np.std((bursts + noise)[tones]))) <= 1


def test_snr_estimate_tells_noisy_turns_from_clean_ones(speech: Callable[..., bytes]) -> None:
    pcm = speech("set the delay to three hundred milliseconds", lead_s=0.3, tail_s=0.3)
    estimates = [snr_db(asr.resample_16k(p, RATE)) for p in (with_noise(pcm, 10), with_noise(pcm, 20), pcm)]
    assert 8 < estimates[0] < asr.NOISY_SNR_DB < estimates[1] < 30 < estimates[2], estimates
    assert snr_db(np.zeros(100)) == 0.0  # too short to tell


def test_denoiser_leaves_quiet_input_alone() -> None:
    assert denoise(np.zeros(100)).tolist() == [0.0] * 100  # shorter than one FFT
    silence = np.random.default_rng(2).normal(0, 30, 16000)  # dither-level floor
    assert np.std(denoise(silence)) >= 0.5 * np.std(silence)


@pytest.mark.parametrize("text", ["cut the lows", "turn it down six dB"])
def test_denoising_recovers_commands_lost_in_white_noise(
    recognizer: Recognizer, text: str, speech: Callable[..., bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    pcm = with_noise(speech(text, lead_s=0.3, tail_s=0.3), snr_db=10)
    assert understand(recognizer.transcribe(pcm, RATE)) == understand(text)
    # The same audio without the denoiser is misheard ("cut the lows" -> nothing at all,
    # "six" -> "fifty"): the front end is what makes these work.
    monkeypatch.setattr(sphinx, "denoise", lambda samples: samples)
    assert understand(recognizer.transcribe(pcm, RATE)) != understand(text)


def test_recogniser_returns_nothing_for_silence_or_a_click(recognizer: Recognizer) -> None:
    assert recognizer.transcribe(b"", RATE) == ""
    assert recognizer.transcribe(b"\0\0" * (RATE // 20), RATE) == ""  # 50 ms
    heard = recognizer.transcribe(b"\0\0" * RATE, RATE)
    assert not isinstance(understand(heard), ToolCall), heard


def test_recogniser_accepts_16k_input(recognizer: Recognizer, speech: Callable[..., bytes]) -> None:
    pcm = speech("add some reverb", rate=16000, lead_s=0.3, tail_s=0.3)
    assert understand(recognizer.transcribe(pcm, 16000)) == understand("add some reverb")


async def collect(text: str, **kwargs: object) -> list[bytes]:
    return [chunk async for chunk in tts.synthesize(text, **kwargs)]  # type: ignore[arg-type]


async def test_synthesize_streams_plausible_pcm() -> None:
    chunks = await collect("Added reverb, decay two seconds, mix thirty percent.")
    pcm = b"".join(chunks)
    assert all(len(c) % 2 == 0 for c in chunks)
    seconds = len(pcm) / 2 / RATE
    assert 1.5 < seconds < 6.0
    x = np.frombuffer(pcm, "<i2").astype(np.float64)
    assert np.sqrt(np.mean(x**2)) > 500  # speech, not silence
    # As long as the blocking renderer's, which resamples espeak-ng's output in one go.
    whole = tts.render("Added reverb, decay two seconds, mix thirty percent.")
    assert abs(len(pcm) - len(whole)) <= 2 * 24


async def test_voices_differ_and_unknown_names_fall_back() -> None:
    alloy = b"".join(await collect("Hello there.", voice="alloy"))
    ash = b"".join(await collect("Hello there.", voice="ash"))
    assert alloy != ash
    # Streamed chunking varies with pipe reads, so compare whole renders here.
    assert tts.render("Hello.", voice="no-such-voice") == tts.render("Hello.", voice="alloy")
    assert tts.render("Hello.", voice="ASH") == tts.render("Hello.", voice="ash")
    assert len(set(tts.VOICES.values())) == len(tts.VOICES)
    slow = b"".join(await collect("Hello there.", speed_wpm=100))
    assert len(slow) > len(alloy) * 1.3


async def test_synthesize_nothing_for_blank_text() -> None:
    assert await collect("   ") == []


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.fixture
def spawned(monkeypatch: pytest.MonkeyPatch) -> list[asyncio.subprocess.Process]:
    """Records the espeak-ng processes synthesize starts."""
    procs: list[asyncio.subprocess.Process] = []
    real = asyncio.create_subprocess_exec

    async def spy(*args: object, **kwargs: object) -> asyncio.subprocess.Process:
        proc = await real(*args, **kwargs)  # type: ignore[arg-type]
        procs.append(proc)
        return proc

    monkeypatch.setattr(tts.asyncio, "create_subprocess_exec", spy)
    return procs


def assert_reaped(proc: asyncio.subprocess.Process) -> None:
    assert proc.returncode is not None
    assert not os.path.exists(f"/proc/{proc.pid}")  # no zombie left behind


LONG = "This sentence is long enough to keep the synthesiser busy for a while. " * 200


async def test_closing_synthesis_after_espeak_exited_reads_its_pipe_to_the_end(
    spawned: list[asyncio.subprocess.Process],
) -> None:
    # A paced consumer (the endpoint plays a reply at speaking pace) is cut off long after
    # espeak-ng wrote everything and exited. The pipe, an fd, closes only at EOF: left
    # unread, it stayed open until garbage collection.
    before = open_fds()
    gen = tts.synthesize("I can add, remove or adjust six effects.")
    assert await gen.__anext__()
    await asyncio.wait_for(spawned[0].wait(), 10)
    await gen.aclose()
    assert spawned[0].stdout is not None and spawned[0].stdout.at_eof()
    assert_reaped(spawned[0])
    assert open_fds() == before


async def test_consumer_stopping_early_kills_espeak(spawned: list[asyncio.subprocess.Process]) -> None:
    before = open_fds()
    gen = tts.synthesize(LONG)
    first = await gen.__anext__()
    assert first
    assert spawned[0].returncode is None  # still producing: the pipe is full
    await gen.aclose()
    assert_reaped(spawned[0])
    assert open_fds() == before


async def test_cancelling_the_consumer_kills_espeak(spawned: list[asyncio.subprocess.Process]) -> None:
    before = open_fds()
    got_audio = asyncio.Event()
    never = asyncio.Event()

    async def consume() -> None:
        # aclosing: a cancelled "async for" alone leaves the generator to the GC.
        async with contextlib.aclosing(tts.synthesize(LONG)) as chunks:
            async for _ in chunks:
                got_audio.set()
                await never.wait()

    task = asyncio.create_task(consume())
    await got_audio.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert_reaped(spawned[0])
    assert open_fds() == before


async def test_abandoned_generator_still_kills_espeak(spawned: list[asyncio.subprocess.Process]) -> None:
    got_audio = asyncio.Event()
    never = asyncio.Event()

    async def consume() -> None:
        async for _ in tts.synthesize(LONG):
            got_audio.set()
            await never.wait()

    task = asyncio.create_task(consume())
    await got_audio.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    del task
    gc.collect()  # asyncio's finaliser hook schedules the generator's aclose()
    # espeak-ng is blocked on a full pipe: it only exits if it was killed.
    await asyncio.wait_for(spawned[0].wait(), timeout=10)
    assert_reaped(spawned[0])
