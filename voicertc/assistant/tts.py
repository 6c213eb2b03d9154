"""Speech synthesis with espeak-ng, streamed as 24 kHz mono PCM16 little-endian.

espeak-ng writes 22050 Hz WAV to stdout as it synthesises; the stream is resampled on
the fly so the first chunk is ready within milliseconds of the process starting.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import struct
import subprocess
from collections.abc import AsyncIterator

import numpy as np
import soxr

OUTPUT_RATE = 24000
DEFAULT_VOICE = "alloy"
DEFAULT_WPM = 175

# Realtime API voice names -> espeak-ng voice+variant. The variants differ in pitch and
# timbre; OpenAI's voices are matched loosely by gender and accent.
VOICES: dict[str, str] = {
    "alloy": "en-us+f3",
    "ash": "en-us+m3",
    "ballad": "en-gb-x-rp+m4",
    "coral": "en-us+f2",
    "echo": "en-us+m1",
    "sage": "en-gb+f4",
    "shimmer": "en-us+f5",
    "verse": "en-gb-x-rp+m2",
    "marin": "en-us+f1",
    "cedar": "en-us+m7",
}
_ESPEAK_PREFIX = "espeak:"  # "espeak:en-us+m5" selects an espeak-ng voice directly


class TtsError(RuntimeError):
    pass


def espeak_voice(voice: str | None) -> str:
    """The espeak-ng voice for a Realtime voice name; unknown names get the default."""
    if voice and voice.startswith(_ESPEAK_PREFIX):
        return voice[len(_ESPEAK_PREFIX) :]
    return VOICES.get((voice or "").lower(), VOICES[DEFAULT_VOICE])


def _command(voice: str | None, speed_wpm: int | None) -> list[str]:
    exe = shutil.which("espeak-ng")
    if exe is None:
        raise TtsError("espeak-ng is not installed (apt-get install espeak-ng)")
    wpm = max(80, min(450, int(speed_wpm or DEFAULT_WPM)))
    # Text goes through stdin so that no text can be read as an option.
    return [exe, "--stdin", "--stdout", "-v", espeak_voice(voice), "-s", str(wpm)]


def _parse_header(head: bytes) -> tuple[int, int] | None:
    """(sample rate, offset of the samples) once ``head`` holds the whole WAV header."""
    if len(head) < 12:
        return None
    if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        raise TtsError("espeak-ng did not write a WAV stream")
    pos, rate = 12, 0
    while len(head) >= pos + 8:
        chunk_id, size = head[pos : pos + 4], struct.unpack("<I", head[pos + 4 : pos + 8])[0]
        if chunk_id == b"data":
            return rate, pos + 8
        if len(head) < pos + 8 + size:
            return None
        if chunk_id == b"fmt ":
            fmt, channels, rate = struct.unpack("<HHI", head[pos + 8 : pos + 16])
            bits = struct.unpack("<H", head[pos + 22 : pos + 24])[0]
            if fmt != 1 or channels != 1 or bits != 16:
                raise TtsError("espeak-ng wrote an unexpected WAV format")
        pos += 8 + size + (size & 1)
    return None


class PcmConverter:
    """Turns the byte stream after the header into 24 kHz PCM16 bytes."""

    def __init__(self, rate: int) -> None:
        self._carry = b""
        self._resampler = (
            soxr.ResampleStream(rate, OUTPUT_RATE, 1, dtype="int16", quality="HQ")
            if rate != OUTPUT_RATE
            else None
        )

    def feed(self, data: bytes, last: bool = False) -> bytes:
        data = self._carry + data
        cut = len(data) & ~1  # a read can end inside a sample
        self._carry = data[cut:]
        samples = np.frombuffer(data[:cut], dtype="<i2")
        if self._resampler is None:
            return samples.tobytes()
        return self._resampler.resample_chunk(samples, last=last).astype("<i2").tobytes()


async def synthesize(
    text: str, *, voice: str | None = None, speed_wpm: int | None = None
) -> AsyncIterator[bytes]:
    """Yields 24 kHz mono PCM16 LE chunks as espeak-ng produces them.

    Closing the generator early or cancelling the task kills and reaps espeak-ng.
    """
    if not text.strip():
        return
    proc = await asyncio.create_subprocess_exec(
        *_command(voice, speed_wpm),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(text.encode("utf-8"))
        with contextlib.suppress(ConnectionError):
            await proc.stdin.drain()
        proc.stdin.close()
        head = b""
        parsed = None
        while parsed is None:
            data = await proc.stdout.read(4096)
            if not data:
                raise TtsError("espeak-ng produced no audio (is the voice installed?)")
            head += data
            parsed = _parse_header(head)
        rate, offset = parsed
        conv = PcmConverter(rate)
        data = head[offset:]
        while True:
            out = conv.feed(data)
            if out:
                yield out
            data = await proc.stdout.read(8192)
            if not data:
                break
        tail = conv.feed(b"", last=True)
        if tail:
            yield tail
        await proc.wait()
    finally:
        if proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
        # Reading to EOF matters even when espeak-ng has exited (a paced consumer closes the
        # generator long after): its pipe, an fd, closes only at EOF. And with the stream's
        # buffer full, reading is paused, the pipe never reports EOF and wait() never
        # returns. Shielded so that a second cancellation cannot leave the child unreaped.
        await asyncio.shield(proc.communicate())


def render(text: str, *, voice: str | None = None, speed_wpm: int | None = None) -> bytes:
    """Blocking: the whole utterance as 24 kHz mono PCM16 LE (for tests and tools)."""
    done = subprocess.run(
        _command(voice, speed_wpm), input=text.encode("utf-8"), capture_output=True, check=True
    )
    parsed = _parse_header(done.stdout)
    if parsed is None:
        raise TtsError("espeak-ng produced no audio")
    rate, offset = parsed
    return PcmConverter(rate).feed(done.stdout[offset:], last=True)
