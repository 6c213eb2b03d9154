"""``Listener``: the text ways into a recogniser that hears 16 kHz samples."""

from __future__ import annotations

import dataclasses

import numpy as np

from voicertc.assistant.listener import Listener


@dataclasses.dataclass
class _Heard:
    text: str


class _Counting(Listener):
    def __init__(self) -> None:
        self.sizes: list[int] = []

    def listen(self, samples: np.ndarray) -> _Heard | None:
        self.sizes.append(samples.size)
        return _Heard(f"{samples.size} samples") if samples.size else None


def test_transcribe_resamples_the_call_rate_to_16k() -> None:
    listener = _Counting()
    pcm = np.zeros(24000, dtype="<i2").tobytes()  # one second at 24 kHz
    assert listener.transcribe(pcm, 24000) == "16000 samples"
    assert listener.sizes == [16000]


def test_nothing_heard_is_empty_text() -> None:
    assert _Counting().transcribe_16k(np.zeros(0, np.float32)) == ""
