"""Speech recognition in worker processes.

pocketsphinx holds the GIL while it decodes (measured: the event loop froze for up to
0.9 s per utterance when it ran in a thread), which would stall every call's 20 ms audio
frames. In a process of its own it cannot: each worker process loads the model once and
decodes one utterance at a time. With the ``whisper`` extra the worker also loads Whisper
tiny.en when it starts (~1 s, ~130-160 MB), never in the server process; and, when its
wheel is installed, the sentence reader (``reader``: ~70 MB, ~0.2 s), whose guess at what
each transcript asks for comes back with it (``hear``: ~15-20 ms more a turn); text that
was never heard (typed, or a Live delegation's joined transcript) is guessed here too
(``read``). A worker loads the recogniser on its first turn to hear (``warm_up`` makes
one), so a pool that only reads (a server whose calls go to OpenAI Live) holds the reader
alone, started when the server starts (``warm_up_reader``).
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import multiprocessing
import multiprocessing.context
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from .asr import PocketsphinxRecognizer, Recognizer, create_recognizer
from .reader import MISSING, Guess, Reader, model_folder
from .reader.beam import runner_up

logger = logging.getLogger(__name__)
T = TypeVar("T")

_recognizer: Recognizer | None = None
_reader: Reader | None = None
_reader_tried = False


def _load_reader() -> None:
    """Loads the sentence reader in this worker process, once (None without its wheel)."""
    global _reader, _reader_tried
    if _reader_tried:
        return
    _reader_tried = True
    try:
        _reader = Reader.load()
    except Exception:
        logger.exception("could not load the sentence reader: reading with the rules alone")


def _load() -> None:
    """Loads the recogniser's models in this worker process, once."""
    global _recognizer
    if _recognizer is not None:
        return
    recognizer = create_recognizer()
    warm_up = getattr(recognizer, "warm_up", None)
    if warm_up is not None and not isinstance(recognizer, PocketsphinxRecognizer):
        try:
            warm_up()  # Whisper: ~1 s and ~100 MB, here rather than on a caller's turn
        except Exception:
            logger.exception("could not load the Whisper recogniser: using the grammar alone")
            recognizer = PocketsphinxRecognizer()
    _recognizer = recognizer


class _WorkerProcess(multiprocessing.context.SpawnProcess):
    """A speech worker, started with numpy's OpenBLAS on one thread (unless the operator
    chose otherwise): the reader's products are small, and on a busy machine two BLAS
    threads spin against each other and every call's work (one guess: 33 ms on one
    thread, 1.3 s on two, measured at a load of 9 on 2 cores). Whisper has threads of its own."""

    def start(self) -> None:
        chosen = BLAS_THREADS in os.environ
        os.environ.setdefault(BLAS_THREADS, "1")  # read by the child's numpy as it loads
        try:
            super().start()
        finally:
            if not chosen:
                del os.environ[BLAS_THREADS]


class _WorkerContext(multiprocessing.context.SpawnContext):
    Process = _WorkerProcess


BLAS_THREADS = "OPENBLAS_NUM_THREADS"
#: How many texts' guesses the pool remembers (``read``).
GUESSES_KEPT = 64
#: How long text waits for its guess (seconds): a guess takes ~20-30 ms, a worker starting
#: (at a server's start, or after one died) several seconds.
READ_WAIT_S = 0.5


def _start_worker(server_pid: int) -> None:
    """A worker's initializer: follow the server out, then load the models."""

    # A server killed outright (SIGKILL, OOM) never shuts its pool down, and a worker
    # blocked on its call queue never sees EOF, since every worker holds that pipe's write
    # end too: it would live on with its ~280 MB. So each worker watches for its parent.
    def watch() -> None:
        while os.getppid() == server_pid:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="voicertc-parent-watch", daemon=True).start()
    _load_reader()


def _transcribe(pcm16: bytes, sample_rate: int) -> str:
    if _recognizer is None:
        _load()
    assert _recognizer is not None
    return _recognizer.transcribe(pcm16, sample_rate)


def _read(text: str) -> Guess | None:
    """The sentence reader's guess at what ``text`` asks for (None without it)."""
    _load_reader()
    return _reader.guess(text) if _reader is not None else None


#: A turn heard: the transcript, the reader's guess at it, and a runner-up of Whisper's
#: beam with its guess, to read instead if the turn reads as nothing (``reader.beam``).
Heard = tuple[str, Guess | None, tuple[str, Guess] | None]


def _hear(pcm16: bytes, sample_rate: int) -> Heard:
    """The transcript, and the sentence reader's guess at what it asks for (None without
    it), which carries Whisper's mean log probability per token of the transcript where
    the recogniser gives it (``Guess.heard``: a transcript needs a surer guess than text)."""
    if _recognizer is None:
        _load()
    hear = getattr(_recognizer, "hear", None)
    if hear is None:
        return _transcribe(pcm16, sample_rate), None, None
    hearing = hear(pcm16, sample_rate)
    if hearing is None:
        return "", None, None
    beam = list(zip(hearing.alternatives, hearing.scores, strict=False))
    heard = beam[0][1] if beam else None
    _load_reader()
    if _reader is None:
        return hearing.text, None, None
    guess = _reader.guess(hearing.text, heard)
    return hearing.text, guess, runner_up(_reader, hearing.text, guess, beam)


class SpeechPool:
    """A small process pool for recognition, started on first use and owned by the server."""

    def __init__(self, processes: int = 1) -> None:
        self._processes = processes
        self._executor: ProcessPoolExecutor | None = None
        #: False from a worker's death or a failed warm-up until recognition works again:
        #: a server is not ready for new calls meanwhile (/readyz).
        self.healthy = True
        #: Whether the reader's wheel is installed (``read``), found on the first read.
        self._reads: bool | None = None
        # The latest guesses by text: a Live call's turn is read twice, by the endpoint that
        # heard it (or was sent it typed) and by the session that carries out its delegation.
        self._guesses: OrderedDict[str, Guess | None] = OrderedDict()

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._reader_installed()
            self._executor = ProcessPoolExecutor(
                self._processes,
                mp_context=_WorkerContext(),
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
        return self._executor

    async def warm_up(self) -> None:
        """Start the workers and load the model before the first caller speaks."""
        await self._start_workers(_transcribe, b"\0\0" * 2400, 24000)

    async def warm_up_reader(self) -> None:
        """Start the workers with the sentence reader alone (no recogniser), for a server
        that only reads (its calls go to OpenAI Live): a worker starting takes seconds,
        longer than text waits for its guess (``READ_WAIT_S``), so the first delegation
        would otherwise start it and be read by the rules alone. Nothing without the wheel."""
        if self._reader_installed():
            await self._start_workers(_load_reader)

    async def _start_workers(self, work: Callable[..., object], *args: object) -> None:
        loop = asyncio.get_running_loop()
        try:
            await asyncio.gather(
                *(loop.run_in_executor(self._pool(), work, *args) for _ in range(self._processes))
            )
        except Exception:
            self.healthy = False
            raise
        self.healthy = True

    async def transcribe(self, pcm16: bytes, sample_rate: int = 24000) -> str:
        return await self._run(_transcribe, pcm16, sample_rate)

    async def hear(self, pcm16: bytes, sample_rate: int = 24000) -> Heard:
        """The transcript, the sentence reader's guess and a runner-up (``_hear``)."""
        text, guess, runner_up = await self._run(_hear, pcm16, sample_rate)
        self._keep(text, guess)
        return text, guess, runner_up

    def _reader_installed(self) -> bool:
        """Whether the reader's wheel is here; said in the log once a pool, not again each
        time its workers are started anew after one died."""
        if self._reads is None:
            folder = model_folder()
            self._reads = folder is not None
            if folder is None:
                logger.warning(MISSING)
            else:
                logger.info("sentence reader: all-MiniLM-L6-v2 from %s, in each speech worker", folder)
        return self._reads

    def _keep(self, text: str, guess: Guess | None) -> None:
        self._guesses[text] = guess
        self._guesses.move_to_end(text)
        while len(self._guesses) > GUESSES_KEPT:
            self._guesses.popitem(last=False)

    async def read(self, text: str) -> Guess | None:
        """The sentence reader's guess at text no one spoke (typed, or a Live delegation's
        turns joined), made in a worker as a heard turn's is: ~15-20 ms of numpy that would
        otherwise stall every call's audio. None at once without the reader's wheel, so a
        server without it starts no worker for this; None after ``READ_WAIT_S`` when the
        worker is busy or still starting (a turn being heard, the models loading): typed
        text is then answered by the rules, not kept waiting."""
        if not self._reader_installed() or not text.strip():
            return None
        if text in self._guesses:
            return self._guesses[text]
        try:
            # asyncio.timeout: wait_for can swallow the turn's cancel (barge-in, hang-up)
            # on 3.11 (cpython gh-86296).
            async with asyncio.timeout(READ_WAIT_S):
                guess = await self._run(_read, text)
        except TimeoutError:
            logger.info("the sentence reader's worker is busy or starting: this text read by the rules")
            return None
        except Exception:
            logger.exception("the sentence reader failed: reading this text with the rules alone")
            return None
        self._keep(text, guess)
        return guess

    async def _run(self, work: Callable[..., T], *args: object) -> T:
        loop = asyncio.get_running_loop()
        pool = self._pool()
        try:
            result = await loop.run_in_executor(pool, work, *args)
        except BrokenProcessPool:
            # A worker died (killed for memory, a crash in a native library): the pool
            # refuses all work from then on. A new one serves this turn and every session.
            logger.error("a speech worker process died; starting new ones")
            if self._executor is pool:
                self._executor = None
                pool.shutdown(wait=False, cancel_futures=True)
            self.healthy = False
            result = await loop.run_in_executor(self._pool(), work, *args)
        self.healthy = True
        return result

    def close(self) -> None:
        if self._executor is not None:
            # Recognition in flight is worthless once we stop, and a worker process left
            # waiting on its queue would keep this process from exiting: end them now.
            for process in list(getattr(self._executor, "_processes", {}).values()):
                process.terminate()
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    @classmethod
    def shared(cls) -> SpeechPool:
        """The process's pool: servers in one process (tests, mounted apps) share its workers."""
        global _shared
        if _shared is None:
            _shared = cls()
            atexit.register(_shared.close)
        return _shared


_shared: SpeechPool | None = None
