"""The text entry points shared by recognisers that ``listen`` to 16 kHz samples.

Whisper and Moonshine each turn samples into a ``Hearing`` (text plus what the caller
needs to rescore it); the ``Recognizer`` protocol (``sphinx.Recognizer``) wants text from
PCM16 at the call's rate. Both ways in are the same two steps for every such recogniser.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from voicertc.assistant.sphinx import resample_16k


class Heard(Protocol):
    text: str


class Listener:
    """Base of a recogniser whose ``listen`` hears 16 kHz float samples (PCM16 scale)."""

    def listen(self, samples: np.ndarray) -> Heard | None:
        raise NotImplementedError

    def transcribe(self, pcm16: bytes, sample_rate: int = 24000) -> str:
        return self.transcribe_16k(resample_16k(pcm16, sample_rate))

    def transcribe_16k(self, samples: np.ndarray) -> str:
        """Float samples at 16 kHz (PCM16 scale, as the other recognisers take) to text."""
        hearing = self.listen(samples)
        return hearing.text if hearing is not None else ""
