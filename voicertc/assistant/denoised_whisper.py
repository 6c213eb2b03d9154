"""Whisper's best transcript of the denoised turn: the offline recogniser by default.

The turn is denoised (``denoise.py``) and Whisper tiny.en, with its packaged adapter
(``whisper_adapter.py``), writes it once; its best transcript goes to the dialogue. Nothing
else listens: no grammar, no runner-up of the beam, no second listen with the commands
prompt, no third within the grammar's words.

Chosen on the tune3 corpus in session 13 (docs/speech.md): with the adapter and session
13's dialogue, the combined rule (``asr.CombinedRecognizer``) got 0.3 points more commands
right in clean speech and 1.8 more in white noise at 10 dB, but made commands out of 7-8
points more off-topic speech in both, from the extra transcripts it looks through; and it
took ~3.5x as long (recognition p50 0.40 s against 0.11 s).
"""

from __future__ import annotations

from typing import Any

from voicertc.assistant.denoise import denoise
from voicertc.assistant.sphinx import ASR_RATE, resample_16k


class DenoisedWhisper:
    """The ``Recognizer`` protocol (``sphinx.Recognizer``) over a ``WhisperRecognizer``."""

    def __init__(self, whisper: Any = None) -> None:
        if whisper is None:
            from voicertc.assistant.whisper import WhisperRecognizer

            whisper = WhisperRecognizer()
        self.whisper = whisper

    def warm_up(self) -> None:
        self.whisper.warm_up()

    def transcribe(self, pcm16: bytes, sample_rate: int = 24000) -> str:
        hearing = self.hear(pcm16, sample_rate)
        return hearing.text if hearing is not None else ""

    def hear(self, pcm16: bytes, sample_rate: int = 24000) -> Any:
        """Whisper's ``Hearing`` of the turn (its text, the beam's transcripts and their
        mean log probabilities per token), or None for under 100 ms: a click, not a word.
        The sentence reader asks a surer guess of a transcript Whisper doubted."""
        samples = resample_16k(pcm16, sample_rate)
        if samples.size < ASR_RATE // 10:
            return None
        return self.whisper.listen(denoise(samples))
