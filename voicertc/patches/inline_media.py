"""Opus on the event loop: no per-frame thread hand-offs in aiortc's audio path.

aiortc encodes every outbound frame through `loop.run_in_executor` and decodes every
inbound frame on a decoder thread that posts each frame back to the loop with
`run_coroutine_threadsafe`. For 20 ms Opus frames those hand-offs cost far more than the
codec: profiles of a duplex call put them at a quarter to a third of its CPU, against
~0.1-0.2 ms of libopus per frame. So, for audio transceivers only, encoding runs inline
in the sender's task and decoding inline where the receiver reassembles a frame, behind
a jitter buffer that holds nothing back from packets in order (`jitter.py`).

What: per peer connection (not process-wide), the name-mangled private attributes
`RTCRtpSender.__loop` and `__encoder` and `RTCRtpReceiver.__decoder_queue` and
`__jitter_buffer` of its audio transceivers, and the sender's `send`. Every step checks
that what it replaces is there and leaves aiortc's own path in place otherwise;
`tests/integration/test_inline_media.py` fails if a new aiortc stops taking the inline path.
Upstream: aiortc/aiortc#155 (decoding in a coroutine instead of a thread, declined) and
aiortc/aiortc#744 (aiortc's CPU use); no option in aiortc.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from typing import Any

import av
import numpy as np
from aiortc import RTCPeerConnection, RTCRtpReceiver, RTCRtpSender
from aiortc.codecs import get_decoder
from aiortc.codecs.opus import SAMPLE_RATE, SAMPLES_PER_FRAME, OpusEncoder
from aiortc.jitterbuffer import JitterBuffer
from aiortc.rtcrtpparameters import RTCRtpCodecParameters, RTCRtpSendParameters
from av import AudioFrame

from ..audio import opus24, readers
from ..audio.outbound import SILENT_FRAME
from ..edge.jitter import AudioJitterBuffer, JitterBatch
from .lean_receive import lean_receiver
from .lean_send import lean_sender
from .rtp_history import drop_audio_history

logger = logging.getLogger(__name__)

_SENDER_LOOP = "_RTCRtpSender__loop"
_SENDER_ENCODER = "_RTCRtpSender__encoder"
_RECEIVER_QUEUE = "_RTCRtpReceiver__decoder_queue"
_RECEIVER_THREAD = "_RTCRtpReceiver__decoder_thread"
_RECEIVER_ERROR = "_RTCRtpReceiver__decoder_error"
_RECEIVER_KIND = "_RTCRtpReceiver__kind"
_RECEIVER_JITTER = "_RTCRtpReceiver__jitter_buffer"


# Digital silence is encoded normally this many frames in a row (long enough for the
# encoder's 6.5 ms look-ahead and overlap to flush what came before) before its packet
# is reused.
_SILENCE_SETTLE_FRAMES = 4
# aiortc codes stereo at 96 kbit/s; one channel of speech needs no more than this.
MONO_BIT_RATE = 64000
# The assistant's mono stream is coded CELT-only ("restricted low delay") at complexity 5,
# the complexity libwebrtc uses on phones: 2.5 ms of codec look-ahead instead of 6.5, and
# ~30% less libopus time a speech frame (64 against 91 us here), for 1.3 dB of waveform SNR
# at ~100 kbit/s (26 against 27 dB; voip mode's own pre-filter puts it lower still).
# At this rate Opus codes speech with CELT anyway, so nothing audible is given up.
MONO_OPTIONS = {"application": "lowdelay", "compression_level": "5"}
# A 24 kHz frame's pts to RTP's 48 kHz clock, by its time base.
_TICKS_24K = {SAMPLE_RATE: 1, SAMPLE_RATE // 2: 2}  # by the time base's denominator (1/N)


class DirectOpusEncoder(OpusEncoder):
    """aiortc's Opus encoder, minus work that changes nothing the listener hears.

    - aiortc resamples every frame to 48 kHz stereo s16 in 960-sample frames even when it
      already is one (the assistant's track always sends exactly that): a no-op costing
      ~20% of the encode.
    - The assistant is silent most of a call, and encoding digital silence costs as much
      as encoding speech (~0.15 ms a frame). Once the encoder has settled on silence, the
      same silent packet is sent again until there is sound, without running libopus.
    - A mono frame is coded as a mono Opus stream: the assistant's voice is mono, coding it
      as two identical channels cost ~75% more libopus time (180 against 104 us a frame
      here) for nothing a listener hears; every Opus decoder plays a mono packet on both
      channels at full level, so the "opus/48000/2" the SDP names still holds (RFC 7587
      lets the sender choose). aiortc's own encoder would upmix mono at -3 dB instead.
      It is coded with less look-ahead and effort than aiortc's (`MONO_OPTIONS`), and at
      the rate it comes in: 24 kHz mono from the assistant's track is coded as it is
      (Opus takes 24 kHz input; its decoders play it at 48 kHz).
    """

    def __init__(self) -> None:
        super().__init__()
        self._mono: dict[int, Any] = {}
        self._silent_run = 0
        self._silent_packet: bytes | None = None
        self._first_pts: int | None = None
        self.reused = 0
        #: Whether the last frame encoded was digital silence (its audio level is -127 dBov).
        self.last_silent = False

    def encode(self, frame: av.frame.Frame, force_keyframe: bool = False) -> tuple[list[bytes], int]:
        ticks = self._ticks_per_pts(frame)
        if ticks is None:
            self._silent_run = 0
            self.last_silent = False
            return super().encode(frame, force_keyframe)
        # The RTP timestamp comes from the frame, not the codec: libopus numbers its packets
        # by the frames it saw, and it does not see the silent frames skipped below.
        if self._first_pts is None:
            self._first_pts = frame.pts
        timestamp = (frame.pts - self._first_pts) * ticks
        mono = frame.layout.name == "mono"
        if frame.opaque is SILENT_FRAME:  # the track's own silent frame: no need to read it
            silent = True
        else:
            samples = np.frombuffer(frame.planes[0], dtype=np.int16, count=frame.samples * (1 if mono else 2))
            silent = not samples.any()
        self.last_silent = silent
        self._silent_run = self._silent_run + 1 if silent else 0
        if silent and self._silent_packet is not None and self._silent_run > _SILENCE_SETTLE_FRAMES:
            self.reused += 1
            return [self._silent_packet], timestamp
        packets = (self._mono_codec(frame.sample_rate) if mono else self.codec).encode(frame)
        if not packets:
            return [], 0
        if silent and self._silent_run == _SILENCE_SETTLE_FRAMES:
            self._silent_packet = bytes(packets[0])
        return [bytes(p) for p in packets], timestamp

    @staticmethod
    def _ticks_per_pts(frame: av.frame.Frame) -> int | None:
        """RTP clock ticks per unit of the frame's `pts`, for the frames coded here: 20 ms
        of s16 at 48 kHz (mono or stereo, `pts` in samples) or of mono at 24 kHz (the
        assistant's track: `pts` on the 48 kHz clock, or in its own samples). None for the
        rest, which aiortc's encoder takes."""
        if not (isinstance(frame, AudioFrame) and frame.pts is not None and frame.format.name == "s16"):
            return None
        if frame.sample_rate == SAMPLE_RATE and frame.samples == SAMPLES_PER_FRAME:
            return 1 if frame.layout.name in ("mono", "stereo") else None
        if frame.sample_rate == SAMPLE_RATE // 2 and frame.samples == SAMPLES_PER_FRAME // 2:
            time_base = frame.time_base  # a Fraction's hash costs more than its fields
            if frame.layout.name == "mono" and time_base is not None and time_base.numerator == 1:
                return _TICKS_24K.get(time_base.denominator)
        return None

    def _mono_codec(self, rate: int) -> Any:
        codec = self._mono.get(rate)
        if codec is None:
            codec = av.CodecContext.create("libopus", "w")
            codec.bit_rate = MONO_BIT_RATE
            codec.format = "s16"
            codec.layout = "mono"
            codec.options = dict(MONO_OPTIONS)
            codec.sample_rate = rate
            codec.time_base = self.codec.time_base
            self._mono[rate] = codec
        return codec


class _InlineExecutorLoop:
    """The sender's loop, except that `run_in_executor` runs the call at once.

    aiortc's sender uses its loop for that one call only; everything else is passed on.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def run_in_executor(self, executor: Any, func: Callable[..., Any], *args: Any) -> asyncio.Future[Any]:
        future = self._loop.create_future()
        try:
            future.set_result(func(*args))
        except Exception as exc:  # the awaiting sender gets it, as from an executor
            future.set_exception(exc)
        return future

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loop, name)


class _InlineDecoderQueue:
    """Stands in for the receiver's decoder queue and decodes as frames are put in.

    The receiver still starts its decoder thread; it waits here, idle, until the receiver
    stops, then ends the track exactly as aiortc's worker does. Frames go to the reader
    registered for the receiver's track (`audio/readers.py`), else to its queue, looked up
    on first use: the track only exists once the remote description is set.
    """

    def __init__(self, receiver: RTCRtpReceiver, decode_error: threading.Event, pcm24: bool = False) -> None:
        self._receiver = receiver
        self._pcm24 = pcm24 and opus24.available()
        self._output: asyncio.Queue[Any] | None = None
        self._track: Any = None
        self._decode_error = decode_error
        self._stopped = threading.Event()
        self._codec_name: str | None = None
        self._decoder: Any = None
        self.decoded = 0

    def put(self, task: tuple[RTCRtpCodecParameters, Any] | None) -> None:
        if task is None:
            self._decoder = None
            self._stopped.set()
            return
        codec, encoded_frame = task
        if isinstance(encoded_frame, JitterBatch):
            # The receiver mapped the first frame's timestamp; the rest keep their spacing.
            first = encoded_frame.frames[0].timestamp
            for frame in encoded_frame.frames:
                frame.timestamp = encoded_frame.timestamp + ((frame.timestamp - first) & 0xFFFFFFFF)
                self._decode(codec, frame)
        else:
            self._decode(codec, encoded_frame)

    def _decode(self, codec: RTCRtpCodecParameters, encoded_frame: Any) -> None:
        if not encoded_frame.data:
            # An empty packet tells FFmpeg to drain: every later frame would then fail with
            # "End of file" and the call would go deaf. (aiortc's own path has this hole.)
            return
        if codec.name != self._codec_name:
            opus = codec.name.lower() == "opus"
            self._decoder = opus24.Opus24Decoder() if self._pcm24 and opus else get_decoder(codec)
            self._codec_name = codec.name
        try:
            frames = self._decoder.decode(encoded_frame)
        except Exception as exc:
            # Inline, an exception would unwind into aiortc's transport receive loop and end
            # the whole call; aiortc's decoder thread only ever lost the frame.
            logger.warning("failed to decode %s frame: %s", codec.name, exc)
            self._decode_error.set()
            return
        if self._output is None:
            self._track = self._receiver.track
            self._output = self._track._queue
        output = self._output
        reader = readers.reader_of(self._track)
        for frame in frames:
            # Straight to a registered reader, unless frames queued before it still wait.
            if reader is not None and output.empty():
                reader(frame)
            else:
                output.put_nowait(frame)
        self.decoded += len(frames)

    def get(self) -> None:
        self._stopped.wait()
        return None


def inline_sender(sender: RTCRtpSender) -> bool:
    """Encode `sender`'s audio inline; False (and aiortc's path kept) if it cannot."""
    loop = getattr(sender, _SENDER_LOOP, None)
    if sender.kind != "audio" or loop is None or not hasattr(sender, _SENDER_ENCODER):
        return False
    if isinstance(loop, _InlineExecutorLoop):
        return True
    setattr(sender, _SENDER_LOOP, _InlineExecutorLoop(loop))
    send = sender.send

    async def send_with_direct_opus(parameters: RTCRtpSendParameters) -> None:
        codec = parameters.codecs[0] if parameters.codecs else None
        opus = codec is not None and codec.mimeType.lower() == "audio/opus"
        if opus and getattr(sender, _SENDER_ENCODER) is None:
            setattr(sender, _SENDER_ENCODER, DirectOpusEncoder())
        await send(parameters)

    sender.send = send_with_direct_opus  # type: ignore[method-assign]
    return True


def inline_receiver(receiver: RTCRtpReceiver, pcm24: bool = False) -> bool:
    """Decode `receiver`'s audio inline; False (and aiortc's path kept) if it cannot.

    With `pcm24`, Opus comes out of the track as `opus24.PcmFrame`s (24 kHz mono bytes)
    instead of 48 kHz stereo `AudioFrame`s, for a reader that wants that (`InboundPump`).
    Must run before the receiver starts (aiortc starts it once the transport connects).
    """
    queue = getattr(receiver, _RECEIVER_QUEUE, None)
    error = getattr(receiver, _RECEIVER_ERROR, None)
    if isinstance(queue, _InlineDecoderQueue):
        return True
    if (
        getattr(receiver, _RECEIVER_KIND, None) != "audio"
        or queue is None
        or not isinstance(error, threading.Event)
        or getattr(receiver, _RECEIVER_THREAD, "missing") is not None
    ):
        return False
    setattr(receiver, _RECEIVER_QUEUE, _InlineDecoderQueue(receiver, error, pcm24))
    if isinstance(getattr(receiver, _RECEIVER_JITTER, None), JitterBuffer):
        # Only with the inline decoder: it is what takes a JitterBatch apart.
        setattr(receiver, _RECEIVER_JITTER, AudioJitterBuffer())
    return True


def inline_media(pc: RTCPeerConnection, pcm24: bool = False) -> int:
    """Run the audio codecs of `pc`'s current transceivers inline; returns how many ends.

    Call it after each set{Local,Remote}Description, before the connection comes up.
    `pcm24`: the caller's Opus decoded to 24 kHz mono (see `inline_receiver`). Senders
    also write their packets the lean way (`lean_send`) and the connection handles RTP as
    it arrives (`lean_receive`), uncounted.
    """
    done = 0
    for transceiver in pc.getTransceivers():
        if transceiver.kind != "audio":
            continue
        drop_audio_history(transceiver.sender)
        lean_sender(transceiver.sender)
        lean_receiver(transceiver.receiver.transport)
        done += inline_sender(transceiver.sender)
        done += inline_receiver(transceiver.receiver, pcm24)
    return done
