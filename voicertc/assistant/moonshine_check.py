"""Moonshine's second opinion on what the combined recogniser chose.

``CombinedRecognizer`` weighs every sentence with Whisper alone. Here Moonshine tiny
(``moonshine.py``), a model trained on other data that fails on other voices, listens to
the same cleaned audio beside it (started before the rule runs, on its own thread:
onnxruntime lets go of the GIL) and its transcripts join the candidates. Each command
heard is then rated by both models, teacher-forced: Whisper's mean log probability per
token plus ``weight`` times Moonshine's. A different command replaces the rule's when it
rates ``switch_margin`` higher (and above ``floor``); when the rule's choice asks for
nothing, the best command stands in for it if it rates above ``floor`` and no more than
``rescue_margin`` below Whisper's own words, as both models rate them.

Only one sentence per distinct command is rated (the first heard: the rule's choice,
then Whisper's beam, then Moonshine's), so a turn where everything agrees costs no
scoring at all. Settings chosen on the held-out corpus's tune split (docs/speech.md).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from voicertc.assistant import dialogue
from voicertc.assistant.denoise import denoise, snr_db
from voicertc.assistant.moonshine import RATE, Hearing, MoonshineRecognizer
from voicertc.assistant.sphinx import resample_16k
from voicertc.assistant.whisper_text import written

WEIGHT = 1.0
SWITCH_MARGIN = 0.5
FLOOR = -6.0
RESCUE_MARGIN = 1.0


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
        rescue_margin: float = RESCUE_MARGIN,
    ) -> None:
        self.combined = combined
        self.moonshine = moonshine or MoonshineRecognizer()
        self.weight = weight
        self.switch_margin = switch_margin
        self.floor = floor
        self.rescue_margin = rescue_margin
        self.stats = {"calls": 0, "switched": 0, "rescued": 0}
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
        """The rule's ``text`` unless a command heard by either model rates better."""
        chosen = dialogue.understand(text)
        heard: dict[str, str] = {}  # a command (its repr) -> the first sentence that gave it
        for sentence in [text, *(hearing.alternatives or [hearing.text]), *moon.alternatives]:
            intent = dialogue.understand(sentence) if sentence != text else chosen
            if sentence.strip() and isinstance(intent, dialogue.ToolCall):
                heard.setdefault(repr(intent), sentence)
        others = [s for s in heard.values() if s != text]
        if not others:
            return text
        scores: dict[str, float] = {}

        def rating(sentence: str) -> float:
            if sentence not in scores:
                scores[sentence] = self.combined.whisper.log_prob(
                    hearing, sentence
                ) + self.weight * self.moonshine.log_prob(moon, written(sentence))
            return scores[sentence]

        best = max(others, key=rating)
        if isinstance(chosen, dialogue.ToolCall):
            if rating(best) >= max(self.floor, rating(text) + self.switch_margin):
                self.stats["switched"] += 1
                return best
            return text
        own = rating(hearing.text) if hearing.text.strip() else -np.inf
        if rating(best) >= max(self.floor, own - self.rescue_margin):
            self.stats["rescued"] += 1
            return best
        return text

    def close(self) -> None:
        self.combined.close()
        self._moon.shutdown(wait=True)
