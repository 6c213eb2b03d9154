"""Paces a spoken answer as OpenAI's service does, with its transcript in step.

Protocol-neutral: it yields audio chunks and the words due with each; the protocol
adapter wraps them in its own events.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

from ...protocol.realtime import BYTES_PER_MS

LEAD_S = 1.0  # audio streamed at once at the start of a response
SPEEDUP = 4.0  # then this many times real time
# Transcript deltas keep pace with the audio: roughly 60 ms of speech per character.
MS_PER_CHARACTER = 60
CHUNK_BYTES = 4800  # 100 ms, like OpenAI's deltas


@dataclass(frozen=True)
class Chunk:
    audio: bytes  # empty for the last words after the audio ended
    words: str  # transcript delta due with this audio, "" if none


async def chunks_of(pcm: bytes) -> AsyncIterator[bytes]:
    for i in range(0, len(pcm), CHUNK_BYTES):
        yield pcm[i : i + CHUNK_BYTES]


async def paced(
    text: str,
    audio: AsyncIterator[bytes],
    on_sent: Callable[[int], None] = lambda ms: None,
    clock: Callable[[], float] | None = None,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
) -> AsyncIterator[Chunk]:
    """`audio` in step with `text`'s words, faster than real time but not all at once:
    the response stays cancellable while it plays, and no client buffers a whole answer.
    `on_sent(ms)` hears how much audio is out before each wait."""
    words = text.split()
    expected_bytes = max(1, len(text) * MS_PER_CHARACTER * BYTES_PER_MS)
    said = 0
    sent_bytes = 0
    clock = clock or asyncio.get_running_loop().time
    began = clock()
    async with contextlib.aclosing(audio):  # type: ignore[type-var]
        async for chunk in audio:
            if not chunk:
                continue
            sent_bytes += len(chunk)
            on_sent(sent_bytes // BYTES_PER_MS)
            ahead = sent_bytes / (BYTES_PER_MS * 1000) - LEAD_S - (clock() - began) * SPEEDUP
            if ahead > 0:
                await sleep(ahead / SPEEDUP)
            due = min(len(words), 1 + len(words) * sent_bytes // expected_bytes)
            yield Chunk(chunk, _words(words, said, due))
            said = max(said, due)
    if said < len(words):
        yield Chunk(b"", _words(words, said, len(words)))


def _words(words: list[str], start: int, end: int) -> str:
    if end <= start:
        return ""
    return (" " if start else "") + " ".join(words[start:end])
