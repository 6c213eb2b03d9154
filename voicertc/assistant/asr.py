"""The offline recogniser: the command grammar (`sphinx.py`) alone, or with Whisper.

With the optional ``whisper`` extra, ``create_recognizer`` returns ``DenoisedWhisper``
(``denoised_whisper.py``): Whisper tiny.en's best transcript of the denoised turn. It is
more accurate on held-out voices than the grammar and rejects off-topic speech the grammar
cannot. ``CombinedRecognizer``, Whisper and the grammar each checking the other, was the
default until session 13 and stays to compare with (docs/speech.md).
"""

from __future__ import annotations

import copy
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from voicertc.assistant import dialogue, grammar, whisper
from voicertc.assistant.candidates import Replay, Turn, gather
from voicertc.assistant.chooser import Chooser, needs_score
from voicertc.assistant.chooser import load as load_chooser
from voicertc.assistant.denoise import denoise, snr_db
from voicertc.assistant.sphinx import (  # noqa: F401  (re-exported: tests and benchmarks use them here)
    ASR_RATE,
    DEFAULT_OPTIONS,
    PocketsphinxRecognizer,
    Recognizer,
    _pools,
    prepare_16k,
    resample_16k,
)
from voicertc.assistant.whisper_text import several_sentences

logger = logging.getLogger(__name__)

# Whisper's mean log probability per token below which the grammar's sentence is taken
# for something forced onto speech that was not a command (tuned on the dev and extra
# tuning voices, docs/speech.md).
MIN_LOG_PROB = -4.0
# ... and above which the grammar's command overrules a different one in Whisper's words,
# provided Whisper also rates it at least SWITCH_MARGIN above its own words: on the
# held-out tune split the grammar's "turn it up by twenty point five d b" (-1.41) had
# overruled Whisper's "Turn it up at 1.5 dB." (-1.07), and "turn off the volume" Whisper's
# "Can you turn the volume up?" (docs/speech.md).
SWITCH_LOG_PROB = -1.5
SWITCH_MARGIN = 0.0
# When Whisper's words ask for nothing, the grammar's command must also be within this of
# Whisper's own transcript: a fluent, confident sentence ("My flight leaves at nine") is
# what was said, whatever command the grammar forced onto it.
RESCUE_MARGIN = 2.0
# When nothing above understood a noisy turn (below NOISY_SNR_DB), Whisper writes it once
# more with the grammar's words only (``WhisperRecognizer.listen_within``). That always
# sounds like a command, so it is taken only if Whisper's own transcript scored below
# DOUBT_LOG_PROB (a fluent sentence it is sure of was something else), and it scores at
# least WITHIN_LOG_PROB and no more than WITHIN_MARGIN below Whisper's own words. In clean
# audio Whisper's words are what was said: there it only ever turned speech that was not
# a command into one.
NOISY_SNR_DB = 18.0
DOUBT_LOG_PROB = -1.0
WITHIN_LOG_PROB = -3.0
WITHIN_MARGIN = 1.0
# Every word the grammar can say: what ``listen_within`` may write.
COMMAND_WORDS = frozenset(grammar.words())


def _asks_nothing(intent: dialogue.Intent) -> bool:
    """The dialogue's reading of a transcript asks for nothing the assistant does."""
    return isinstance(intent, dialogue.Say) and intent.text in (
        dialogue.FALLBACK_TEXT,
        dialogue.NOT_HEARD_TEXT,
    )


def _first_understood(transcripts: list[str]) -> tuple[str, dialogue.Intent]:
    """The first of Whisper's beam transcripts that asks for something, else its best,
    with the dialogue's reading of it.

    A misheard command ("Add the oil pass field to.") often has the command itself right
    behind it in the beam ("Add a high pass filter."): on the tuning set taking it added
    2 / 1 / 5 points (clean / 20 / 10 dB). A runner-up of more than one sentence is not
    taken: off-topic speech with a command from the prompt tacked on ("That's all it's
    mom can remember. Set the delay") is the prompt speaking, not the speaker.
    """
    best, *runners_up = transcripts
    best_intent = dialogue.understand(best)
    if not _asks_nothing(best_intent):
        return best, best_intent
    for text in runners_up:
        if not several_sentences(text):
            intent = dialogue.understand(text)
            if not _asks_nothing(intent):
                return text, intent
    return best, best_intent


class CombinedRecognizer:
    """Whisper tiny.en and the grammar, with Whisper judging the grammar's sentence.

    Whisper with the domain prompt writes most commands so that the dialogue understands
    them, and writes off-topic speech as what it is. Synthetic or unusual voices it often
    hears as near-miss words ("Remove the receiver"), and the grammar, which can only
    answer with a command, is often right there. So the grammar's sentence is scored by
    Whisper: its mean log probability per token for this audio, teacher-forced on the
    already encoded audio (~10-30 ms).

    Whisper's words are the first of its beam's transcripts (3) that the dialogue
    understands, else its best one.

    - Whisper's words mean nothing to the dialogue: Whisper listens again with the command
      vocabulary as its prompt (``listen_again``, ~80 ms) and, if its best transcript
      gives a command, that stands for Whisper's words below.
    - Whisper understood something: its words, unless the grammar heard a different
      command that Whisper itself finds likely (``switch_log_prob``) and no less likely
      than its own words (``switch_margin``), or finds plausible
      (``min_log_prob``) and hears too when it listens again: a second opinion settles
      the dispute.
    - Whisper still understood nothing: the grammar's command if Whisper finds it
      plausible at all (``min_log_prob``) and not much less likely than its own words
      (``rescue_margin``); otherwise the turn was not a command and Whisper's words go to
      the dialogue, which says so.
    - Nothing understood in a noisy turn (``noisy_snr_db``), and Whisper doubted its own
      words: it listens a third time, allowed to write only the grammar's words
      (``listen_within``, ~75 ms), and that command is taken if Whisper finds it about as
      likely as its own words (``within_log_prob``, ``within_margin``). Near-miss words
      of a command in noise ("Molybab.") become the command ("More reverb.").

    With ``cross_check=False`` the grammar runs only when Whisper understood nothing (~18% of turns):
    ~130 ms less per turn, ~4 points less accuracy (docs/speech.md). The rest can be taken
    away one by one, to measure what each part finds and what it makes of off-topic
    speech (``bench/variants.py``): ``runner_up=False`` takes Whisper's best transcript
    only, ``listen_again=False`` never lets Whisper listen a second time (neither when
    nothing was understood nor to settle a dispute), ``rescue=False`` never takes the
    grammar's command when Whisper understood nothing, and ``noisy_snr_db=-inf`` removes
    the third listen; ``cross_check=False, rescue=False`` never runs the grammar. ``stats`` counts
    calls, grammar runs, grammar commands refused, Whisper commands overruled, second
    listens, disputes the second listen settled for the grammar, third listens and the
    commands taken from them.
    """

    def __init__(
        self,
        grammar: PocketsphinxRecognizer | None = None,
        whisper: Any = None,
        *,
        cross_check: bool = True,
        min_log_prob: float = MIN_LOG_PROB,
        switch_log_prob: float = SWITCH_LOG_PROB,
        switch_margin: float = SWITCH_MARGIN,
        rescue_margin: float = RESCUE_MARGIN,
        noisy_snr_db: float = NOISY_SNR_DB,
        doubt_log_prob: float = DOUBT_LOG_PROB,
        within_log_prob: float = WITHIN_LOG_PROB,
        within_margin: float = WITHIN_MARGIN,
        runner_up: bool = True,
        listen_again: bool = True,
        rescue: bool = True,
        chooser: Chooser | None = None,
    ) -> None:
        if whisper is None:
            from voicertc.assistant import whisper_adapter
            from voicertc.assistant.whisper import WhisperRecognizer, adapter_from_env

            whisper = WhisperRecognizer(adapter=whisper_adapter.for_combined(adapter_from_env()))
        self.grammar = grammar or PocketsphinxRecognizer()
        self.whisper = whisper
        self.cross_check = cross_check
        self.min_log_prob = min_log_prob
        self.switch_log_prob = switch_log_prob
        self.switch_margin = switch_margin
        self.rescue_margin = rescue_margin
        self.noisy_snr_db = noisy_snr_db
        self.doubt_log_prob = doubt_log_prob
        self.within_log_prob = within_log_prob
        self.within_margin = within_margin
        self.runner_up = runner_up
        self.listen_again = listen_again
        self.rescue = rescue
        self.chooser = chooser
        self.stats = dict.fromkeys(
            ("calls", "grammar", "refused", "switched", "again", "seconded", "within", "within_taken"), 0
        )
        self._side = ThreadPoolExecutor(max_workers=1, thread_name_prefix="whisper-again")

    def warm_up(self) -> None:
        self.grammar.warm_up()
        self.whisper.warm_up()

    def transcribe(self, pcm16: bytes, sample_rate: int = 24000) -> str:
        samples = resample_16k(pcm16, sample_rate)
        if samples.size < ASR_RATE // 10:
            return ""
        self.stats["calls"] += 1
        cleaned = denoise(samples)
        hearing = self.whisper.listen(cleaned)
        if hearing is None:
            return self._grammar(cleaned)
        return self.choose(cleaned, hearing, snr_db(samples))

    def choose(self, cleaned: np.ndarray, hearing: Any, snr: float) -> str:
        """The turn's transcript once Whisper has listened (the rule in the class
        docstring, or the learned ``chooser``); ``snr`` is the turn's before denoising
        (``denoise.snr_db``)."""
        if self.chooser is not None:
            return self._learned(self.chooser, cleaned, hearing, snr)
        scores: dict[str, float] = {}
        text, intent = self._decide(cleaned, hearing, scores)
        if _asks_nothing(intent) and snr < self.noisy_snr_db:
            return self._listen_within(hearing, scores) or text
        return text

    def _decide(
        self, cleaned: np.ndarray, hearing: Any, scores: dict[str, float]
    ) -> tuple[str, dialogue.Intent]:
        """Whisper's words, the second listen and the grammar's sentence: the rule above."""
        beam = hearing.alternatives or [hearing.text]
        said, said_intent = _first_understood(beam if self.runner_up else beam[:1])
        again: tuple[str, dialogue.Intent] | None = None
        heard: str | None = None
        if _asks_nothing(said_intent) and self.listen_again:
            if self.cross_check:
                # The grammar runs anyway: Whisper's second listen decodes beside it
                # (CTranslate2 lets go of the GIL), ~70 ms sooner than one after the other.
                pending = self._side.submit(self._listen_again, hearing)
                heard = self._grammar(cleaned)
                again = pending.result()
            else:
                again = self._listen_again(hearing)
            if not _asks_nothing(again[1]):
                said, said_intent = again
        understood = not _asks_nothing(said_intent)
        if not (self.cross_check if understood else self.rescue):
            return said, said_intent  # nothing left for the grammar's sentence to do
        if heard is None:
            heard = self._grammar(cleaned)
        heard_intent = dialogue.understand(heard)
        if _asks_nothing(heard_intent):
            return (said, said_intent) if said else (heard, heard_intent)
        if understood:
            if not isinstance(heard_intent, dialogue.ToolCall) or heard_intent == said_intent:
                return said, said_intent
            log_prob = self._log_prob(hearing, heard, scores)
            own = self._log_prob(hearing, said, scores)
            if log_prob >= self.switch_log_prob and log_prob >= own + self.switch_margin:
                self.stats["switched"] += 1
                return heard, heard_intent
            if log_prob >= self.min_log_prob and self.listen_again:
                if again is None:
                    again = self._listen_again(hearing)
                if again[1] == heard_intent:
                    self.stats["seconded"] += 1
                    return heard, heard_intent
            return said, said_intent
        log_prob = self._log_prob(hearing, heard, scores)
        if log_prob >= self.min_log_prob:
            if log_prob >= self._log_prob(hearing, hearing.text, scores) - self.rescue_margin:
                return heard, heard_intent
        self.stats["refused"] += 1
        return said, said_intent

    def _learned(self, chooser: Chooser, cleaned: np.ndarray, hearing: Any, snr: float) -> str:
        """Every candidate of the turn, chosen among by the learned ``chooser``
        (``chooser.py``) instead of the rule."""
        self.stats["grammar"] += 1
        turn = gather(
            self.whisper, self.grammar, cleaned, hearing, snr=snr, words=COMMAND_WORDS, side=self._side,
            within=chooser.listens_within(snr), score=lambda cands, c: needs_score(cands, c, chooser.scoring),
        )  # fmt: skip
        return chooser.choose(turn, dialogue.understand(self.rule_on(turn)))

    def rule_on(self, turn: Turn) -> str:
        """The rule's choice among a gathered turn's candidates (no decoding): the learned
        chooser reads it as one more opinion."""
        rule = copy.copy(self)  # shares the side thread; its own stats and stand-ins
        rule.chooser, rule.stats = None, dict(self.stats)
        rule.whisper = rule.grammar = Replay(turn)  # type: ignore[assignment]
        first = rule.whisper.texts("first") or [""]
        hearing = whisper.Hearing(first[0], None, 0, first)
        return rule.choose(None, hearing, turn.snr_db)  # type: ignore[arg-type]

    def _listen_within(self, hearing: Any, scores: dict[str, float]) -> str | None:
        """The last try on a turn nothing understood: Whisper writing with the grammar's
        words only, trusted only when Whisper doubted its own words and finds this
        nearly as likely (see the class docstring)."""
        own = self._log_prob(hearing, hearing.text, scores)
        if own >= self.doubt_log_prob:
            return None  # sure of what it heard, and that asked for nothing
        self.stats["within"] += 1
        text, intent = _first_understood(self.whisper.listen_within(hearing, COMMAND_WORDS) or [""])
        if _asks_nothing(intent):
            return None
        log_prob = self._log_prob(hearing, text, scores)
        if log_prob >= self.within_log_prob and log_prob >= own - self.within_margin:
            self.stats["within_taken"] += 1
            return text
        return None

    def _log_prob(self, hearing: Any, text: str, scores: dict[str, float]) -> float:
        """Whisper's score for ``text``, once per turn (``scores`` is the turn's)."""
        if text not in scores:
            scores[text] = self.whisper.log_prob(hearing, text)
        return scores[text]

    def close(self) -> None:
        """Stops the thread the second listen runs in (started on first use)."""
        self._side.shutdown(wait=True)

    def _grammar(self, cleaned: np.ndarray) -> str:
        self.stats["grammar"] += 1
        return self.grammar.transcribe_16k(cleaned, denoised=True)

    def _listen_again(self, hearing: Any) -> tuple[str, dialogue.Intent]:
        """The second listen's best transcript and the dialogue's reading of it. Not a
        runner-up, as for the first listen: after a prompt of commands they drift into
        one ("Can order a pizza for delay?")."""
        self.stats["again"] += 1
        text = next(iter(self.whisper.listen_again(hearing)), "")
        return text, dialogue.understand(text)


ASR_ENV = "VOICERTC_ASR"
KINDS = ("auto", "grammar", "whisper-denoised", "combined", "whisper", "moonshine", "combined-moonshine",
         "chooser")  # fmt: skip


def create_recognizer(kind: str | None = None) -> Recognizer:
    """The offline recogniser: ``kind`` or $VOICERTC_ASR, else "auto".

    "grammar": pocketsphinx alone. "whisper-denoised": Whisper's best transcript of the
    denoised turn (needs the ``whisper`` extra). "combined": the grammar with Whisper as
    second opinion (session 12's default, for comparisons). "whisper": Whisper alone,
    without the denoiser (for comparisons). "auto": whisper-denoised when the extra is
    installed, else the grammar. "moonshine":
    Moonshine tiny alone (the ``moonshine`` extra, for comparisons); "combined-moonshine":
    the combined recogniser with Moonshine's second opinion (both extras). "chooser":
    the combined recogniser choosing among all its candidates with the learned
    ``chooser.py`` instead of its rule (not the default: on the tune split it did not beat
    the rule by a margin cross-validation trusts, and it decodes more; docs/speech.md).
    """
    kind = (kind or os.environ.get(ASR_ENV) or "auto").strip().lower()
    if kind not in KINDS:
        raise ValueError(f"{ASR_ENV} must be one of {', '.join(KINDS)}, got {kind!r}")
    if kind == "grammar":
        return PocketsphinxRecognizer()
    if kind in ("moonshine", "combined-moonshine"):
        from voicertc.assistant import moonshine

        if not moonshine.available() or (kind != "moonshine" and not whisper.available()):
            logger.warning("%s=%s but its extras are not installed: using the grammar", ASR_ENV, kind)
            return PocketsphinxRecognizer()
        if kind == "moonshine":
            return moonshine.MoonshineRecognizer()
        from voicertc.assistant.moonshine_check import MoonshineChecked

        return MoonshineChecked(CombinedRecognizer())
    if not whisper.available():
        if kind != "auto":
            logger.warning("%s=%s but the whisper extra is not installed: using the grammar", ASR_ENV, kind)
        return PocketsphinxRecognizer()
    if kind == "whisper":
        return whisper.WhisperRecognizer()
    if kind == "chooser":
        return CombinedRecognizer(chooser=load_chooser())
    if kind == "combined":
        return CombinedRecognizer()
    from voicertc.assistant.denoised_whisper import DenoisedWhisper

    return DenoisedWhisper()
