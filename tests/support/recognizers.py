"""Stand-ins for the recognisers the combined rule (``asr.CombinedRecognizer``) consults."""

from __future__ import annotations

import numpy as np


class FakeGrammar:
    """The grammar recogniser, always hearing ``text``; counts how often it was asked."""

    def __init__(self, text: str) -> None:
        self.text, self.calls = text, 0

    def transcribe_16k(self, samples: np.ndarray, *, denoised: bool = False) -> str:
        self.calls += 1
        return self.text
