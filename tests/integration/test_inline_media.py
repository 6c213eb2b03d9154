"""Opus inline on the event loop: a real call takes that path, and it sounds the same."""

from __future__ import annotations

import asyncio
import fractions
import threading
from typing import Any

import numpy as np
import pytest
from aiortc import RTCPeerConnection
from aiortc.codecs.opus import OpusDecoder, OpusEncoder
from aiortc.jitterbuffer import JitterFrame
from aiortc.rtcrtpparameters import RTCRtpCodecParameters
from aiortc.rtcrtpreceiver import RemoteStreamTrack
from av import AudioFrame
from conftest import listening_call

from voicertc.audio import readers
from voicertc.audio.inbound import InboundPump
from voicertc.audio.opus24 import Opus24Decoder, PcmFrame
from voicertc.edge.jitter import JitterBatch
from voicertc.patches import inline_media, rtp_history
from voicertc.patches.inline_media import DirectOpusEncoder, _InlineDecoderQueue, _InlineExecutorLoop


def _frames(pattern: str, layout: str = "stereo") -> list[AudioFrame]:
    """20 ms frames (packed stereo or mono): 't' a 330 Hz tone, '.' digital silence."""
    t = np.arange(960 * len(pattern)) / 48000
    tone = (np.sin(2 * np.pi * 330 * t) * 6000).astype(np.int16)
    frames = []
    for i, kind in enumerate(pattern):
        mono = tone[i * 960 : (i + 1) * 960] if kind == "t" else np.zeros(960, dtype=np.int16)
        samples = np.repeat(mono, 2) if layout == "stereo" else mono
        frame = AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout=layout)
        frame.sample_rate = 48000
        frame.pts = i * 960
        frame.time_base = fractions.Fraction(1, 48000)
        frames.append(frame)
    return frames


def _decode(sent: list[tuple[list[bytes], int]]) -> np.ndarray:
    decoder = OpusDecoder()
    return np.concatenate(
        [
            decoder.decode(JitterFrame(data=payloads[0], timestamp=ts))[0].to_ndarray().reshape(-1)[0::2]
            for payloads, ts in sent
        ]
    ).astype(np.float64)


def _audio_ends(pc: RTCPeerConnection) -> tuple[object, object]:
    transceiver = next(t for t in pc.getTransceivers() if t.kind == "audio")
    return transceiver.sender, transceiver.receiver


async def test_a_call_encodes_and_decodes_inline_on_both_ends(server) -> None:
    async with listening_call(server.url) as client:
        session = next(iter(server.server.sessions.values()))
        for pc in (session.pc, client.pc):
            sender, receiver = _audio_ends(pc)
            assert isinstance(sender._RTCRtpSender__loop, _InlineExecutorLoop)
            assert isinstance(sender._RTCRtpSender__encoder, DirectOpusEncoder)
            queue = receiver._RTCRtpReceiver__decoder_queue
            assert isinstance(queue, _InlineDecoderQueue)
        # Frames flow through the inline decoders in both directions (silence counts).
        server_queue = _audio_ends(session.pc)[1]._RTCRtpReceiver__decoder_queue
        client_queue = _audio_ends(client.pc)[1]._RTCRtpReceiver__decoder_queue
        await client.wait_frames(len(client.received) + 25)
        assert client_queue.decoded >= 25
        assert server_queue.decoded >= 25
        # The server's decoder gives the inbound pump 24 kHz mono; the client's stays 48 kHz.
        assert isinstance(server_queue._decoder, Opus24Decoder)
        assert not isinstance(client_queue._decoder, Opus24Decoder)
        # Audio keeps no retransmission history (no NACK for Opus): frames went out, none kept.
        for pc in (session.pc, client.pc):
            sender = _audio_ends(pc)[0]
            assert sender._RTCRtpSender__rtp_history == {}
            assert client_queue.decoded >= 25  # so packets were sent both ways meanwhile
        # The server's inbound pump takes its frames from the decoder, not the track's queue.
        assert readers.reader_of(_audio_ends(session.pc)[1].track) is not None


async def test_direct_encoder_sounds_like_aiortcs_and_skips_settled_silence() -> None:
    pattern = "t" * 15 + "." * 40 + "t" * 15 + "." * 3 + "t" * 10 + "." * 20
    ours, theirs = DirectOpusEncoder(), OpusEncoder()
    sent_ours = [ours.encode(f) for f in _frames(pattern)]
    sent_theirs = [theirs.encode(f) for f in _frames(pattern)]
    assert [ts for _, ts in sent_ours] == [ts for _, ts in sent_theirs]
    # Long silences reuse a packet after settling; the 3-frame gap is encoded normally.
    assert ours.reused == (40 - 4) + (20 - 4)
    a, b = _decode(sent_ours), _decode(sent_theirs)
    for start, length in ((0, 15), (55, 15), (73, 10)):
        part = slice((start + 2) * 960, (start + length) * 960)
        assert np.corrcoef(a[part], b[part])[0, 1] > 0.99
        assert abs(20 * np.log10(np.std(a[part]) / np.std(b[part]))) < 0.5
        assert np.std(a[part]) > 2000  # the tone, not silence
    for start, length in ((15, 40), (83, 20)):
        quiet = a[(start + 4) * 960 : (start + length) * 960]
        assert np.max(np.abs(quiet)) < 50  # the reused packet decodes as silence


async def test_mono_frames_go_out_as_mono_opus_heard_at_full_level_on_both_channels() -> None:
    pattern = "t" * 15 + "." * 10 + "t" * 10
    ours, theirs = DirectOpusEncoder(), OpusEncoder()
    sent_ours = [ours.encode(f) for f in _frames(pattern, layout="mono")]
    sent_theirs = [theirs.encode(f) for f in _frames(pattern)]  # the same voice as stereo
    assert [ts for _, ts in sent_ours] == [ts for _, ts in sent_theirs]
    # The TOC byte's stereo flag: one coded channel; its configuration: CELT-only fullband
    # 20 ms (31), the low-delay mode, where aiortc's voip mode may pick SILK or hybrid.
    assert all(not (payloads[0][0] >> 2) & 1 for payloads, _ in sent_ours)
    assert {payloads[0][0] >> 3 for payloads, _ in sent_ours} == {31}
    decoder = OpusDecoder()
    stereo = np.concatenate(
        [decoder.decode(JitterFrame(p[0], ts))[0].to_ndarray().reshape(-1) for p, ts in sent_ours]
    )
    left, right = stereo[0::2], stereo[1::2]
    assert np.array_equal(left, right)
    b = _decode(sent_theirs)
    # Low delay: the second tone starts ~4 ms (192 samples) sooner than with aiortc's voip
    # mode; the onset tells the lead roughly, the correlation exactly (a tone repeats).
    onset = 24 * 960
    rough = int(np.argmax(np.abs(b[onset:]) > 1000) - np.argmax(np.abs(left[onset:]) > 1000))
    assert 150 <= rough <= 230
    for start, length in ((0, 15), (25, 10)):
        part = slice((start + 2) * 960, (start + length) * 960)
        match, lead = max(
            (np.corrcoef(left[part.start - lag : part.stop - lag], b[part])[0, 1], lag)
            for lag in range(rough - 20, rough + 21)
        )
        assert match > 0.99
        ahead = slice(part.start - lead, part.stop - lead)
        assert abs(20 * np.log10(np.std(left[ahead]) / np.std(b[part]))) < 0.5


async def test_decoder_queue_decodes_reports_bad_frames_and_ends() -> None:
    pc = RTCPeerConnection()
    receiver = pc.addTransceiver("audio").receiver
    receiver._track = RemoteStreamTrack(kind="audio")  # what setRemoteDescription does
    output = receiver._track._queue
    error = threading.Event()
    queue = _InlineDecoderQueue(receiver, error)
    codec = RTCRtpCodecParameters(mimeType="audio/opus", clockRate=48000, channels=2, payloadType=111)
    encoder = OpusEncoder()
    payloads, timestamp = encoder.encode(_frames("t")[0])
    queue.put((codec, JitterFrame(data=payloads[0], timestamp=timestamp)))
    frame = output.get_nowait()
    assert isinstance(frame, AudioFrame) and frame.samples == 960
    # Frames the jitter buffer released together are decoded in order, each at its time.
    batch = []
    for i, f in enumerate(_frames("tt")):
        data, _ = encoder.encode(f)
        batch.append(JitterFrame(data=data[0], timestamp=50000 + 960 * i))
    joined = JitterBatch(batch)
    joined.timestamp = 7  # what the receiver's timestamp mapper makes of the first
    queue.put((codec, joined))
    assert [f.timestamp for f in batch] == [7, 7 + 960]
    assert [output.get_nowait().samples for _ in range(2)] == [960, 960]
    # An empty packet is ignored: decoding it would drain FFmpeg's decoder for good.
    queue.put((codec, JitterFrame(data=b"", timestamp=960)))
    payloads, timestamp = encoder.encode(_frames("t")[0])
    queue.put((codec, JitterFrame(data=payloads[0], timestamp=timestamp)))
    assert output.get_nowait().samples == 960 and not error.is_set()
    # A corrupt packet is reported to the receiver (as aiortc's thread does), not raised.
    queue.put((codec, JitterFrame(data=b"\xff" * 3, timestamp=960)))
    assert error.is_set()
    # The idle decoder thread's get() returns once the receiver stops.
    got: list[object] = []
    thread = threading.Thread(target=lambda: got.append(queue.get()))
    thread.start()
    queue.put(None)
    thread.join(timeout=5)
    assert not thread.is_alive() and got == [None]
    await pc.close()


async def test_a_registered_reader_takes_frames_as_decoded_once_nothing_waits_in_the_queue() -> None:
    pc = RTCPeerConnection()
    receiver = pc.addTransceiver("audio").receiver
    track = receiver._track = RemoteStreamTrack(kind="audio")
    output = track._queue
    queue = _InlineDecoderQueue(receiver, threading.Event(), pcm24=True)
    codec = RTCRtpCodecParameters(mimeType="audio/opus", clockRate=48000, channels=2, payloadType=111)
    encoder = OpusEncoder()
    packets = [encoder.encode(f)[0][0] for f in _frames("tttt")]
    try:
        queue.put((codec, JitterFrame(data=packets[0], timestamp=0)))  # no reader yet: queued
        taken: list[Any] = []
        readers.register(track, taken.append)
        queue.put((codec, JitterFrame(data=packets[1], timestamp=960)))  # behind the first
        assert taken == [] and output.qsize() == 2
        output.get_nowait(), output.get_nowait()  # the reader's task empties the queue
        queue.put((codec, JitterFrame(data=packets[2], timestamp=1920)))
        assert len(taken) == 1 and output.empty()
        assert isinstance(taken[0], PcmFrame) and len(taken[0].pcm) == 960
        readers.unregister(track)
        queue.put((codec, JitterFrame(data=packets[3], timestamp=2880)))
        assert len(taken) == 1 and output.qsize() == 1
    finally:
        await pc.close()


async def test_the_inbound_pump_is_fed_by_the_decoder_and_still_ends_with_the_track() -> None:
    pc = RTCPeerConnection()
    receiver = pc.addTransceiver("audio").receiver
    track = receiver._track = RemoteStreamTrack(kind="audio")
    queue = _InlineDecoderQueue(receiver, threading.Event(), pcm24=True)
    codec = RTCRtpCodecParameters(mimeType="audio/opus", clockRate=48000, channels=2, payloadType=111)
    got: list[tuple[bytes, int | None]] = []
    pump = InboundPump(track, lambda pcm, pts: got.append((pcm, pts)))
    try:
        encoder = OpusEncoder()
        for k, f in enumerate(_frames("tt")):
            queue.put((codec, JitterFrame(data=encoder.encode(f)[0][0], timestamp=960 * k)))
        assert len(got) == 2 and pump.frames == 2  # synchronously, no task switch
        assert [pts for _, pts in got] == [0, 960]  # each frame's RTP time, for the recording
        track._queue.put_nowait(None)  # how aiortc ends a remote track
        await asyncio.wait_for(pump._task, 5)
        assert readers.reader_of(track) is None
    finally:
        await pump.close()
        await pc.close()


async def test_only_audio_senders_lose_their_history_and_a_nack_then_finds_nothing() -> None:
    pc = RTCPeerConnection()
    try:
        audio, video = pc.addTransceiver("audio"), pc.addTransceiver("video")
        assert rtp_history.drop_audio_history(audio.sender) is True
        assert rtp_history.drop_audio_history(audio.sender) is True  # idempotent
        assert rtp_history.drop_audio_history(video.sender) is False
        history = audio.sender._RTCRtpSender__rtp_history
        history[5] = object()
        assert history.get(5) is None and len(history) == 0
        await audio.sender._retransmit(5)  # a NACK's path: nothing to send, no error
        assert video.sender._RTCRtpSender__rtp_history == {}
        video.sender._RTCRtpSender__rtp_history[5] = "kept"
        assert video.sender._RTCRtpSender__rtp_history[5] == "kept"
    finally:
        await pc.close()


async def test_started_or_video_transceivers_keep_aiortcs_path() -> None:
    pc = RTCPeerConnection()
    try:
        audio = pc.addTransceiver("audio")
        video = pc.addTransceiver("video")
        # a receiver whose decoder thread already runs must not be touched
        audio.receiver._RTCRtpReceiver__decoder_thread = threading.current_thread()
        assert inline_media.inline_receiver(audio.receiver) is False
        audio.receiver._RTCRtpReceiver__decoder_thread = None
        assert inline_media.inline_receiver(video.receiver) is False
        assert inline_media.inline_sender(video.sender) is False
        assert inline_media.inline_media(pc) == 2
        assert inline_media.inline_media(pc) == 2  # idempotent
    finally:
        await pc.close()


@pytest.mark.parametrize("fails", [False, True])
async def test_inline_executor_hands_back_results_and_errors(fails: bool) -> None:
    loop = _InlineExecutorLoop(asyncio.get_running_loop())

    def work(x: int) -> int:
        if fails:
            raise ValueError("bad frame")
        return x * 2

    future = loop.run_in_executor(None, work, 21)
    assert future.done()
    if fails:
        with pytest.raises(ValueError):
            await future
    else:
        assert await future == 42
    # everything else is the real loop's
    assert loop.create_future().get_loop() is asyncio.get_running_loop()


async def test_the_assistants_24khz_frames_are_coded_as_they_come() -> None:
    """The track's 24 kHz mono frames (pts on the 48 kHz clock) are Opus-coded without
    upsampling: mono CELT packets 960 ticks apart that decode at 48 kHz as the 48 kHz
    frames of the same sound do, at the same level."""
    t = np.arange(24000) / 24000
    tone24 = (np.sin(2 * np.pi * 330 * t) * 6000).astype(np.int16)
    ours, reference = DirectOpusEncoder(), DirectOpusEncoder()
    sent, expected = [], []
    for i in range(40):
        frame = AudioFrame.from_ndarray(
            tone24[i * 480 : (i + 1) * 480].reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate, frame.pts, frame.time_base = 24000, 1000 + i * 960, fractions.Fraction(1, 48000)
        sent.append(ours.encode(frame))
    for frame in _frames("t" * 40, layout="mono"):
        expected.append(reference.encode(frame))
    assert [ts for _, ts in sent] == [i * 960 for i in range(40)]
    assert all(not (p[0][0] >> 2) & 1 and p[0][0] >> 3 >= 16 for p, _ in sent)  # mono, CELT
    assert set(ours._mono) == {24000}  # no 48 kHz coder was made
    decoded, reference_decoded = _decode(sent), _decode(expected)
    part = slice(10 * 960, 38 * 960)
    level = 20 * np.log10(np.std(decoded[part]) / np.std(reference_decoded[part]))
    assert abs(level) < 0.5
    spectrum = np.abs(np.fft.rfft(decoded[part]))
    assert np.argmax(spectrum) == round(330 * len(decoded[part]) / 48000)  # the tone, at 48 kHz
    # A 24 kHz frame counted in its own samples is put on the 48 kHz clock too.
    own = DirectOpusEncoder()
    stamps = []
    for i in range(3):
        frame = AudioFrame.from_ndarray(tone24[:480].reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate, frame.pts, frame.time_base = 24000, i * 480, fractions.Fraction(1, 24000)
        stamps.append(own.encode(frame)[1])
    assert stamps == [0, 960, 1920]


def test_the_tracks_silence_mark_is_taken_without_reading_the_samples() -> None:
    from voicertc.audio.outbound import SILENT_FRAME

    encoder = DirectOpusEncoder()
    frames = _frames("." * 8, layout="mono")
    for frame in frames:
        frame.opaque = SILENT_FRAME
        encoder.encode(frame)
        assert encoder.last_silent
    assert encoder.reused == 8 - 4  # coded while it settles (four frames), reused after
    # The mark is trusted, not checked: it only ever sits on the track's own silent
    # frame, whose samples are never written. A tone carrying it goes out as silence.
    loud = _frames("t", layout="mono")[0]
    loud.pts = 8 * 960
    loud.opaque = SILENT_FRAME
    payloads, _ = encoder.encode(loud)
    assert encoder.last_silent and payloads == [encoder._silent_packet]
    loud.opaque = None
    payloads, _ = encoder.encode(loud)
    assert not encoder.last_silent and payloads != [encoder._silent_packet]
