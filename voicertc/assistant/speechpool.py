"""Speech recognition in worker processes.

pocketsphinx holds the GIL while it decodes (measured: the event loop froze for up to
0.9 s per utterance when it ran in a thread), which would stall every call's 20 ms audio
frames. In a process of its own it cannot: each worker process loads the model once and
decodes one utterance at a time. With the ``whisper`` extra the worker also loads Whisper
tiny.en when it starts (~1 s, ~130-160 MB), never in the server process; and, when its
wheel is installed, the sentence reader (``reader``: ~70 MB, ~0.2 s), whose guess at what
each transcript asks for comes back with it (``hear``: ~15-20 ms more a turn).
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import multiprocessing
import os
import threading
import time
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


def _load() -> None:
    """Loads the recogniser's models and the sentence reader in this worker process, once."""
    global _recognizer, _reader
    if _recognizer is not None:
        return
    try:
        _reader = Reader.load()
    except Exception:
        logger.exception("could not load the sentence reader: reading with the rules alone")
    recognizer = create_recognizer()
    warm_up = getattr(recognizer, "warm_up", None)
    if warm_up is not None and not isinstance(recognizer, PocketsphinxRecognizer):
        try:
            warm_up()  # Whisper: ~1 s and ~100 MB, here rather than on a caller's turn
        except Exception:
            logger.exception("could not load the Whisper recogniser: using the grammar alone")
            recognizer = PocketsphinxRecognizer()
    _recognizer = recognizer


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
    _load()


def _transcribe(pcm16: bytes, sample_rate: int) -> str:
    if _recognizer is None:
        _load()
    assert _recognizer is not None
    return _recognizer.transcribe(pcm16, sample_rate)


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

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            folder = model_folder()
            if folder is None:
                logger.warning(MISSING)
            else:
                logger.info("sentence reader: all-MiniLM-L6-v2 from %s, in each speech worker", folder)
            self._executor = ProcessPoolExecutor(
                self._processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
        return self._executor

    async def warm_up(self) -> None:
        """Start the workers and load the model before the first caller speaks."""
        loop = asyncio.get_running_loop()
        try:
            await asyncio.gather(
                *(
                    loop.run_in_executor(self._pool(), _transcribe, b"\0\0" * 2400, 24000)
                    for _ in range(self._processes)
                )
            )
        except Exception:
            self.healthy = False
            raise
        self.healthy = True

    async def transcribe(self, pcm16: bytes, sample_rate: int = 24000) -> str:
        return await self._run(_transcribe, pcm16, sample_rate)

    async def hear(self, pcm16: bytes, sample_rate: int = 24000) -> Heard:
        """The transcript, the sentence reader's guess and a runner-up (``_hear``)."""
        return await self._run(_hear, pcm16, sample_rate)

    async def _run(self, work: Callable[[bytes, int], T], pcm16: bytes, sample_rate: int) -> T:
        loop = asyncio.get_running_loop()
        pool = self._pool()
        try:
            result = await loop.run_in_executor(pool, work, pcm16, sample_rate)
        except BrokenProcessPool:
            # A worker died (killed for memory, a crash in a native library): the pool
            # refuses all work from then on. A new one serves this turn and every session.
            logger.error("a speech worker process died; starting new ones")
            if self._executor is pool:
                self._executor = None
                pool.shutdown(wait=False, cancel_futures=True)
            self.healthy = False
            result = await loop.run_in_executor(self._pool(), work, pcm16, sample_rate)
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
