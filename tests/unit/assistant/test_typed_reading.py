"""Text no one spoke (typed, or a Live model's delegation) is read with the sentence
reader's guess too, made where a heard turn's is (the speech pool): here with a fake
pool and no processes or weights (tests/integration/test_reader.py has the real ones)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import AsyncIterator
from typing import Any, cast

import pytest

from voicertc.assistant import dialogue, speechpool
from voicertc.assistant.brains import AssistantBrain
from voicertc.assistant.endpoint.live import LiveServerSession
from voicertc.assistant.endpoint.realtime import RealtimeServerSession
from voicertc.assistant.reader import Guess
from voicertc.assistant.speechpool import SpeechPool
from voicertc.protocol import live as lv

# Words the rules read nothing in: only a guess makes them a command.
NONSENSE = "zap the wobble"
DELAY = Guess("delay", 0.9, "add", 0.05)
ADD_DELAY = dialogue.ToolCall(dialogue.APPLY, {"effect": "delay", "action": "add"})


class FakePool:
    """Guesses ``guess`` for every text, and notes what it was asked to read."""

    def __init__(self, guess: Guess | None = DELAY) -> None:
        self.guess = guess
        self.read_texts: list[str] = []

    async def read(self, text: str) -> Guess | None:
        self.read_texts.append(text)
        return self.guess


def brain_on(pool: FakePool) -> AssistantBrain:
    return AssistantBrain(cast(Any, pool))


async def test_typed_text_is_read_with_the_guess_the_pool_makes_of_it() -> None:
    pool = FakePool()
    brain = brain_on(pool)
    assert brain.understand(NONSENSE, b"") == dialogue.Say(dialogue.FALLBACK_TEXT)  # not read yet
    await brain.read(NONSENSE)
    assert pool.read_texts == [NONSENSE] and brain.understand(NONSENSE, b"") == ADD_DELAY


async def test_a_transcript_guessed_as_it_was_heard_is_not_read_again() -> None:
    pool = FakePool(guess=None)
    brain = brain_on(pool)
    brain.heard(NONSENSE, DELAY)
    await brain.read(NONSENSE)
    assert pool.read_texts == [] and brain.understand(NONSENSE, b"") == ADD_DELAY


class ReadingBrain:
    """Answers what the brain would, and notes each text read before it is understood."""

    def __init__(self) -> None:
        self.log: list[tuple[str, str]] = []

    async def transcribe(self, pcm16: bytes) -> str:
        return ""

    async def read(self, text: str) -> None:
        await asyncio.sleep(0)  # off the loop, as the pool's worker is
        self.log.append(("read", text))

    def understand(self, text: str, audio: bytes) -> Any:
        self.log.append(("understand", text))
        return ADD_DELAY

    def reply_after_tool(self, name: str, output: dict[str, Any]) -> Any:
        return dialogue.Say("done")

    async def synthesize(self, text: str, voice: str | None) -> AsyncIterator[bytes]:
        yield bytes(480)


async def test_the_realtime_endpoint_reads_a_typed_message_before_answering_it() -> None:
    events: list[dict[str, Any]] = []

    async def send(event: dict[str, Any]) -> None:
        events.append(event)

    brain = ReadingBrain()
    session = RealtimeServerSession(send, cast(Any, brain), None, "test-model")
    await session.start()
    item = {"type": "message", "role": "user", "content": [{"type": "input_text", "text": NONSENSE}]}
    await session.handle({"type": "conversation.item.create", "item": item})
    await session.handle({"type": "response.create"})
    for _ in range(200):
        if any(e["type"] == "response.done" for e in events):
            break
        await asyncio.sleep(0.01)
    await session.close()
    assert brain.log == [("read", NONSENSE), ("understand", NONSENSE)]


async def test_the_live_endpoint_reads_typed_commentary_before_delegating() -> None:
    events: list[dict[str, Any]] = []

    async def send(event: dict[str, Any]) -> None:
        events.append(event)

    brain = ReadingBrain()
    session = LiveServerSession(send, cast(Any, brain), None)
    await session.handle(lv.session_start("test-model", "marin", ""))
    await session.handle(lv.append(lv.COMMENTARY_APPEND, f"The user typed: {NONSENSE}"))
    for _ in range(200):
        if any(e["type"] == lv.DELEGATION_CREATED for e in events):
            break
        await asyncio.sleep(0.01)
    await session.close()
    assert brain.log == [("read", NONSENSE), ("understand", NONSENSE)]
    assert any(e["type"] == lv.DELEGATION_CREATED for e in events)


async def test_without_the_wheel_the_pool_reads_nothing_and_starts_no_worker(monkeypatch) -> None:
    monkeypatch.setattr(speechpool, "model_folder", lambda: None)
    pool = SpeechPool()
    assert await pool.read(NONSENSE) is None
    assert pool._executor is None


async def test_a_failed_read_leaves_the_text_to_the_rules(monkeypatch) -> None:
    pool = SpeechPool()
    pool._reads = True

    async def broken(work: Any, *args: object) -> Any:
        raise RuntimeError("the worker is gone")

    monkeypatch.setattr(pool, "_run", broken)
    assert await pool.read(NONSENSE) is None


class FakeReader:
    def guess(self, text: str) -> Guess | None:
        return DELAY if text else None


@pytest.fixture
def worker(monkeypatch) -> None:
    """The worker's module state as a fresh worker has it, with a fake reader to load."""
    monkeypatch.setattr(speechpool, "_reader", None)
    monkeypatch.setattr(speechpool, "_reader_tried", False)
    monkeypatch.setattr(speechpool, "_recognizer", None)
    monkeypatch.setattr(speechpool.Reader, "load", classmethod(lambda cls: FakeReader()))


def test_a_worker_reads_text_without_loading_the_recogniser(worker) -> None:
    assert speechpool._read(NONSENSE) == DELAY
    assert speechpool._recognizer is None  # a pool that only reads holds no recogniser


async def test_a_text_read_or_heard_once_is_not_read_again(monkeypatch) -> None:
    pool = SpeechPool()
    pool._reads = True
    ran: list[tuple[object, ...]] = []

    async def run(work: Any, *args: object) -> Any:
        ran.append(args)
        return ("zap the wobble", DELAY, None) if work is speechpool._hear else DELAY

    monkeypatch.setattr(pool, "_run", run)
    assert await pool.hear(b"\0\0") == (NONSENSE, DELAY, None)
    assert await pool.read(NONSENSE) == DELAY  # the endpoint heard it; the Live session reads it
    assert await pool.read("something typed") == DELAY
    assert await pool.read("something typed") == DELAY
    assert len(ran) == 2


def test_a_worker_starts_with_numpy_on_one_blas_thread_unless_the_operator_chose(monkeypatch) -> None:
    seen: list[str | None] = []
    monkeypatch.setattr(
        speechpool.multiprocessing.context.SpawnProcess,
        "start",
        lambda self: seen.append(speechpool.os.environ.get(speechpool.BLAS_THREADS)),
    )
    monkeypatch.delenv(speechpool.BLAS_THREADS, raising=False)
    speechpool._WorkerProcess().start()
    assert seen == ["1"] and speechpool.BLAS_THREADS not in speechpool.os.environ  # the server's unchanged
    monkeypatch.setenv(speechpool.BLAS_THREADS, "4")
    speechpool._WorkerProcess().start()
    assert seen[-1] == "4" and speechpool.os.environ[speechpool.BLAS_THREADS] == "4"


async def test_text_is_not_kept_waiting_for_a_busy_or_starting_worker(monkeypatch) -> None:
    pool = SpeechPool()
    pool._reads = True

    async def starting(work: Any, *args: object) -> Any:
        await asyncio.sleep(5)  # the models loading, or a long turn being heard first

    monkeypatch.setattr(pool, "_run", starting)
    monkeypatch.setattr(speechpool, "READ_WAIT_S", 0.01)
    assert await asyncio.wait_for(pool.read(NONSENSE), 1) is None


def test_the_reader_is_reported_once_a_pool_not_at_each_restart(monkeypatch, caplog) -> None:
    """A pool whose worker died starts new ones: the reader's line is not said again."""
    monkeypatch.setattr(speechpool, "model_folder", lambda: None)
    monkeypatch.setattr(speechpool, "ProcessPoolExecutor", lambda *a, **k: object())
    pool = SpeechPool()
    with caplog.at_level(logging.INFO, logger=speechpool.logger.name):
        pool._pool()
        pool._executor = None  # as ``_run`` leaves it after a worker's death
        pool._pool()
    assert [r.getMessage() for r in caplog.records].count(speechpool.MISSING) == 1


async def test_a_pool_that_only_reads_starts_its_worker_with_the_reader_alone(worker, monkeypatch) -> None:
    pool = SpeechPool()
    pool._reads = True
    ran: list[object] = []

    class InThisProcess:
        def submit(self, work: Any, *args: object) -> Any:
            ran.append(work)
            future: Any = concurrent.futures.Future()
            future.set_result(work(*args))
            return future

    monkeypatch.setattr(pool, "_pool", InThisProcess)
    await pool.warm_up_reader()
    assert ran == [speechpool._load_reader] and pool.healthy
    assert isinstance(speechpool._reader, FakeReader) and speechpool._recognizer is None


async def test_without_the_wheel_warming_the_reader_starts_no_worker(monkeypatch) -> None:
    monkeypatch.setattr(speechpool, "model_folder", lambda: None)
    pool = SpeechPool()
    await pool.warm_up_reader()
    assert pool._executor is None
