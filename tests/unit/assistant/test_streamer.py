"""The response streamer: words in step with audio, and pacing faster than real time."""

from __future__ import annotations

from collections.abc import AsyncIterator

from voicertc.assistant.endpoint.streamer import CHUNK_BYTES, LEAD_S, SPEEDUP, Chunk, chunks_of, paced
from voicertc.protocol.realtime import BYTES_PER_MS


async def collect(text: str, pcm: bytes, **kwargs: object) -> list[Chunk]:
    return [chunk async for chunk in paced(text, chunks_of(pcm), **kwargs)]  # type: ignore[arg-type]


class FrozenClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


async def test_chunks_are_100_ms_and_cover_the_audio() -> None:
    pcm = bytes(range(256)) * 100
    chunks = [c async for c in chunks_of(pcm)]
    assert all(len(c) == CHUNK_BYTES for c in chunks[:-1]) and b"".join(chunks) == pcm


async def test_the_words_arrive_with_the_audio_and_add_up_to_the_text() -> None:
    text = "Reverb added, with a medium room size."
    pcm = bytes(len(text) * 60 * BYTES_PER_MS)  # the length the transcript pace expects
    clock = FrozenClock()
    chunks = await collect(text, pcm, clock=clock, sleep=clock.sleep)
    assert b"".join(c.audio for c in chunks) == pcm
    assert "".join(c.words for c in chunks) == text
    spoken = [c for c in chunks if c.words]
    assert len(spoken) > 3  # spread over the answer, not all at the start
    assert chunks[0].words == "Reverb"


async def test_words_left_when_the_audio_ends_early_come_last() -> None:
    clock = FrozenClock()
    chunks = await collect("one two three four", bytes(CHUNK_BYTES), clock=clock, sleep=clock.sleep)
    assert chunks[-1].audio == b"" and "".join(c.words for c in chunks) == "one two three four"


async def test_the_first_second_goes_at_once_then_four_times_real_time() -> None:
    clock = FrozenClock()
    seconds = 5
    await collect("", bytes(seconds * 1000 * BYTES_PER_MS), clock=clock, sleep=clock.sleep)
    assert sum(clock.sleeps) == (seconds - LEAD_S) / SPEEDUP
    assert len(clock.sleeps) == (seconds - LEAD_S) * 10  # one wait per 100 ms chunk after the lead


async def test_progress_is_reported_before_each_wait() -> None:
    sent: list[int] = []
    clock = FrozenClock()
    await collect("", bytes(300 * BYTES_PER_MS), on_sent=sent.append, clock=clock, sleep=clock.sleep)
    assert sent == [100, 200, 300]


async def test_empty_chunks_are_skipped() -> None:
    async def gaps() -> AsyncIterator[bytes]:
        for chunk in (b"", bytes(CHUNK_BYTES), b""):
            yield chunk

    chunks = [c async for c in paced("hi", gaps())]
    assert [len(c.audio) for c in chunks] == [CHUNK_BYTES]
