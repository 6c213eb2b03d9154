"""Moonshine's second opinion on what the combined recogniser chose (not the default).

``CombinedRecognizer`` weighs every sentence with Whisper alone. Here Moonshine tiny
(``moonshine.py``), a model trained on other data, listens to the same cleaned audio
beside Whisper (on its own thread: onnxruntime lets go of the GIL). When its beam heard
a command other than the rule's choice, both are rated by both models, teacher-forced:
Whisper's mean log probability per token plus ``weight`` times Moonshine's; Moonshine's
command replaces the rule's if it rates ``switch_margin`` higher and above ``floor``.
Only the first sentence of each distinct command is rated, so a turn where the two
agree costs no scoring.

Chosen on the held-out corpus's tune split from a dump of every turn's candidates and
both models' scores (docs/speech.md, session 7): +1.5 points of commands clean and +0.5
in white noise at 10 dB, off-topic unchanged, for ~130 MB a worker and ~0.1-0.2 s a turn.
Letting Moonshine's command also stand in for words that ask nothing, or using its
scores only to re-rank Whisper's own beam, gained nothing. So it is a choice
(``VOICERTC_ASR=combined-moonshine``) kept for comparison, not the default.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from voicertc.assistant import dialogue
from voicertc.assistant.denoise import denoise, snr_db
from voicertc.assistant.moonshine import RATE, Hearing, MoonshineRecognizer
from voicertc.assistant.sphinx import resample_16k
from voicertc.assistant.whisper_text import written

WEIGHT = 1.0
SWITCH_MARGIN = 0.5
FLOOR = -6.0


class MoonshineChecked:
    """A ``CombinedRecognizer`` (``combined``) with Moonshine's transcripts and scores
    (module docstring). It hears each turn as the combined recogniser does, but starts
    Moonshine before Whisper listens and asks the combined rule for its choice."""

    def __init__(
        self,
        combined: Any,
        moonshine: MoonshineRecognizer | None = None,
        *,
        weight: float = WEIGHT,
        switch_margin: float = SWITCH_MARGIN,
        floor: float = FLOOR,
    ) -> None:
        self.combined = combined
        self.moonshine = moonshine or MoonshineRecognizer(beam_size=3)
        self.weight = weight
        self.switch_margin = switch_margin
        self.floor = floor
        self.stats = {"calls": 0, "switched": 0}
        self._moon = ThreadPoolExecutor(max_workers=1, thread_name_prefix="moonshine")

    def warm_up(self) -> None:
        self.combined.warm_up()
        self.moonshine.warm_up()

    def transcribe(self, pcm16: bytes, sample_rate: int = 24000) -> str:
        samples = resample_16k(pcm16, sample_rate)
        if samples.size < RATE // 10:
            return ""
        self.stats["calls"] += 1
        cleaned = denoise(samples)
        pending = self._moon.submit(self.moonshine.listen, cleaned)
        hearing = self.combined.whisper.listen(cleaned)
        moon = pending.result()
        if hearing is None:
            return self.combined.grammar.transcribe_16k(cleaned, denoised=True)
        text = self.combined.choose(cleaned, hearing, snr_db(samples))
        return text if moon is None else self.second_opinion(text, hearing, moon)

    def second_opinion(self, text: str, hearing: Any, moon: Hearing) -> str:
        """The rule's ``text`` unless Moonshine heard another command both models rate better."""
        chosen = dialogue.understand(text)
        if not isinstance(chosen, dialogue.ToolCall):
            return text
        heard: dict[str, str] = {}  # a command (its repr) -> the first sentence that gave it
        for sentence in moon.alternatives:
            intent = dialogue.understand(sentence)
            if isinstance(intent, dialogue.ToolCall) and intent != chosen:
                heard.setdefault(repr(intent), sentence)
        if not heard:
            return text

        def rating(sentence: str) -> float:
            whisper = self.combined.whisper.log_prob(hearing, sentence)
            return whisper + self.weight * self.moonshine.log_prob(moon, written(sentence))

        rated = {sentence: rating(sentence) for sentence in heard.values()}
        best = max(rated, key=rated.__getitem__)
        if rated[best] >= max(self.floor, rating(text) + self.switch_margin):
            self.stats["switched"] += 1
            return best
        return text

    def close(self) -> None:
        self.combined.close()
        self._moon.shutdown(wait=True)
