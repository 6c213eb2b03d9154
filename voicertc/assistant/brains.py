"""What the embedded endpoint thinks with: a brain hears, decides and speaks.

The endpoint owns the Realtime protocol; a brain owns the speech work. The default
`AssistantBrain` is the offline audio-engineering assistant; `EchoBrain` answers every
turn with the caller's own audio, so benchmarks measure the transport, not recognition.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Protocol

from . import small_talk
from .clauses import declined
from .dialogue import FALLBACK_TEXT, Say, ToolCall, reply_after_tool
from .followups import FollowUps
from .piper_tts import PiperProcess
from .reader import Guess
from .speechpool import SpeechPool
from .tts import synthesize
from .words import tokens

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Play:
    """Answer with this audio (24 kHz PCM16) and transcript, no synthesis."""

    pcm16: bytes
    text: str = ""


@dataclass(frozen=True)
class Calls:
    """Several tool calls for one turn ("add reverb and delay"): one response makes them all,
    in order, and the answer after their outputs speaks of every one."""

    calls: tuple[ToolCall, ...]


Reply = ToolCall | Calls | Say | Play


class Brain(Protocol):
    async def transcribe(self, pcm16: bytes) -> str:
        """24 kHz PCM16 of one user turn to text; must not block the event loop."""
        ...

    async def read(self, text: str) -> None:
        """Prepares to understand ``text`` that was not transcribed (typed); off the loop."""
        ...

    def understand(self, text: str, audio: bytes) -> Reply: ...

    def reply_after_tool(self, name: str, output: dict[str, Any]) -> Reply: ...

    def synthesize(self, text: str, voice: str | None) -> AsyncIterator[bytes]: ...


class AssistantBrain:
    """Offline recognition (in a process pool), rule-based dialogue and espeak-ng speech
    (or piper's, when the server owns a piper process)."""

    def __init__(self, speech: SpeechPool, piper: PiperProcess | None = None) -> None:
        self._speech = speech
        self._piper = piper
        # A brain per session: "more" is about its last change, "lower the cutoff" its last filter.
        self._follow_ups = FollowUps()
        # The sentence reader's guess of the last transcript or typed text, made in the
        # speech worker (off the event loop), and for a transcript a runner-up of the
        # recogniser's to read instead if it asks for nothing; other text: the rules alone.
        self._guessed: tuple[str, Guess | None, tuple[str, Guess] | None] = ("", None, None)
        # "add reverb and chorus": the decline of the chorus, said after the last of the
        # turn's calls is answered (``_owed`` of them still are).
        self._declined: str | None = None
        self._owed = 0
        # The last answer spoken, for "say that again".
        self._said: str | None = None

    async def transcribe(self, pcm16: bytes) -> str:
        text, guess, runner_up = await self._speech.hear(pcm16, 24000)
        self.heard(text, guess, runner_up)
        return text

    async def read(self, text: str) -> None:
        if self._guessed[0] != text:  # a transcript was guessed as it was heard
            self.heard(text, await self._speech.read(text))

    def heard(self, text: str, guess: Guess | None, runner_up: tuple[str, Guess] | None = None) -> None:
        """The sentence reader's guess at ``text``, for the turn that reads it, and a
        runner-up of the recogniser's to read instead if the turn asks for nothing."""
        self._guessed = (text, guess, runner_up)

    def understand(self, text: str, audio: bytes) -> Reply:
        _, guess, runner_up = self._guessed if self._guessed[0] == text else (text, None, None)
        if self._said is not None and small_talk.asks_again(tokens(text)):
            return Say(self._said)
        intents = self._read(text, guess)
        if runner_up is not None and intents == [Say(FALLBACK_TEXT)]:
            # read in context first: "push it one further" is a follow-up, not a miss.
            # A fallback reading leaves the session as it was.
            intents = self._read(*runner_up)
        calls = tuple(i for i in intents if isinstance(i, ToolCall))
        self._declined, self._owed = (declined(text) if calls else None), len(calls)
        if isinstance(intents[0], Say) and not calls:
            self._said = intents[0].text
        return Calls(calls) if len(calls) > 1 else intents[0]

    def _read(self, text: str, guess: Guess | None) -> list[ToolCall | Say]:
        """The turn's reading; a rule that raises on some sentence (session 44's main carried one,
        for a lone "why", for three commits) costs that turn its reading, never the call: it is
        answered as a sentence not understood."""
        try:
            return self._follow_ups.understand_all(text, guess)
        except Exception:
            logger.exception("reading %.80r failed", text)
            return [Say(FALLBACK_TEXT)]

    def reply_after_tool(self, name: str, output: dict[str, Any]) -> Reply:
        self._follow_ups.saw(output)  # the chain as it now is: what an undo of a setting restores
        said = reply_after_tool(name, output)
        self._owed -= 1
        if self._owed == 0 and self._declined is not None:
            said, self._declined = f"{said} {self._declined}", None
        self._said = said
        return Say(said)

    def synthesize(self, text: str, voice: str | None) -> AsyncIterator[bytes]:
        if self._piper is not None:
            return self._piper.synthesize(text)  # one voice: the Realtime voice name is moot
        return synthesize(text, voice=voice)


class EchoBrain:
    """Plays each user turn straight back: a deterministic upstream for benchmarks."""

    def __init__(self, speech: SpeechPool | None = None, piper: PiperProcess | None = None) -> None:
        pass

    async def transcribe(self, pcm16: bytes) -> str:
        return ""

    async def read(self, text: str) -> None:
        pass

    def understand(self, text: str, audio: bytes) -> Reply:
        return Play(audio, text="(echo)")

    def reply_after_tool(self, name: str, output: dict[str, Any]) -> Reply:
        return Say("")

    async def synthesize(self, text: str, voice: str | None) -> AsyncIterator[bytes]:
        return
        yield b""


BRAINS = {"assistant": AssistantBrain, "echo": EchoBrain}
