"""The caller's Opus decoded straight to 24 kHz mono: what the FFmpeg path and the FIR gave."""

from __future__ import annotations

import asyncio
from fractions import Fraction

import numpy as np
from aiortc.codecs.opus import OpusDecoder, OpusEncoder
from aiortc.jitterbuffer import JitterFrame
from aiortc.mediastreams import MediaStreamError
from av import AudioFrame

from voicertc.audio import opus24
from voicertc.audio.inbound import InboundPump
from voicertc.audio.resample import Downsampler
from voicertc.bench.utterance import vowel

_FIR_DELAY = 15  # the Downsampler's 61-tap filter: 30 samples at 48 kHz, 15 at 24 kHz


def packets() -> list[bytes]:
    """Six vowels at different pitches over a little noise, as a browser would send them."""
    sung = np.concatenate([vowel(0.4, -12.0, (140.0 + 20 * k, 100.0 + 10 * k)) for k in range(6)])
    mono48 = np.repeat(sung, 2) + np.random.default_rng(0).normal(0, 100, 2 * sung.size)
    mono48 = mono48.astype(np.int16)
    encoder, out = OpusEncoder(), []
    for k in range(mono48.size // 960):
        frame = AudioFrame.from_ndarray(
            np.repeat(mono48[k * 960 : (k + 1) * 960], 2).reshape(1, -1), format="s16", layout="stereo"
        )
        frame.sample_rate, frame.pts, frame.time_base = 48000, k * 960, Fraction(1, 48000)
        out += encoder.encode(frame)[0]
    return out


def test_libopus_is_found() -> None:
    assert opus24.available()  # PyAV's wheel bundles it; without it the server takes the slow path


def test_24k_mono_matches_48k_stereo_then_the_fir() -> None:
    stream = packets()
    ffmpeg, down, ours = OpusDecoder(), Downsampler(), opus24.Opus24Decoder()
    before, after = [], []
    for k, payload in enumerate(stream):
        (frame,) = ffmpeg.decode(JitterFrame(payload, k * 960))
        before.append(np.frombuffer(down.process(frame.to_ndarray(), 2), np.int16))
        (pcm,) = ours.decode(JitterFrame(payload, k * 960))
        assert isinstance(pcm, opus24.PcmFrame) and len(pcm.pcm) == 960  # 20 ms at 24 kHz, PCM16
        after.append(np.frombuffer(pcm.pcm, np.int16))
    a = np.concatenate(before).astype(np.float64)[200 + _FIR_DELAY :]
    b = np.concatenate(after).astype(np.float64)[200 : 200 + a.size]
    snr = 10 * np.log10(np.sum(a**2) / np.sum((a - b) ** 2))
    assert snr > 40  # the same audio, and 0.625 ms sooner (no FIR delay)


def test_a_bad_packet_raises_and_the_stream_goes_on() -> None:
    stream = packets()
    decoder = opus24.Opus24Decoder()
    decoder.decode(JitterFrame(stream[0], 0))
    try:
        decoder.decode(JitterFrame(b"\xff" * 3, 960))
    except ValueError:
        pass
    (pcm,) = decoder.decode(JitterFrame(stream[1], 1920))
    assert len(pcm.pcm) == 960


def test_the_inbound_pump_passes_24k_frames_through() -> None:
    class Track:
        def __init__(self) -> None:
            self.frames = [opus24.PcmFrame(bytes([k]) * 960, k * 960) for k in range(3)]

        async def recv(self) -> opus24.PcmFrame:
            if not self.frames:
                raise MediaStreamError
            return self.frames.pop(0)

    async def run() -> list[tuple[bytes, int | None]]:
        got: list[tuple[bytes, int | None]] = []
        pump = InboundPump(Track(), lambda pcm, pts: got.append((pcm, pts)))  # type: ignore[arg-type]
        await asyncio.wait_for(pump._task, 5)  # the track's end ends the pump
        assert pump.done and pump.frames == 3
        await pump.close()
        return got

    assert asyncio.run(run()) == [(bytes([k]) * 960, k * 960) for k in range(3)]
