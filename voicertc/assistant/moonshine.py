"""Moonshine tiny (English) through onnxruntime: a second acoustic model beside Whisper.

Installed with the ``moonshine`` extra: ``moonshine-voice`` 0.1.0 (MIT, Moonshine AI) is
the last release whose wheel ships the tiny English model itself (``assets/tiny-en``:
encoder and merged decoder in ONNX Runtime's format, 44 MB, and the tokenizer); later
releases download it at run time. Only those files are used: the package's own C
library, its onnxruntime copy and its Python wrapper (greedy decoding only, no scores)
are not loaded. The models run in the ``onnxruntime`` the Silero VAD already uses.

Moonshine was trained on different data from Whisper and takes the raw waveform (no
30 s window: its cost follows the audio's length, ~15 ms of encoder for a command), so
its mistakes differ from Whisper's. Besides transcribing (greedy or a small beam) it
scores a given sentence against the audio (``log_prob``, one teacher-forced decoder
pass): a second opinion on another recogniser's words.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np

from voicertc.assistant.listener import Listener

RATE = 16000
MODULES = ("moonshine_voice", "onnxruntime")
LAYERS = 6
HEADS = 8
HEAD_DIM = 36
START, END = 1, 2  # <s>, </s>
BYTE_BASE = 3  # tokens 3..258 are the bytes 0..255 (SentencePiece's byte fallback)
SPACE = "\u2581"  # SentencePiece's word boundary


def available() -> bool:
    """Whether the ``moonshine`` extra is installed (nothing is imported or loaded)."""
    return all(importlib.util.find_spec(m) is not None for m in MODULES)


def model_dir() -> Path:
    """The tiny English model inside the installed ``moonshine_voice`` package, found
    without importing the package (its ``__init__`` loads its C library)."""
    spec = importlib.util.find_spec("moonshine_voice")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("moonshine-voice is not installed (the moonshine extra)")
    path = Path(next(iter(spec.submodule_search_locations))) / "assets" / "tiny-en"
    if not (path / "encoder_model.ort").exists():
        raise RuntimeError(
            f"{path} holds no model: the moonshine extra pins moonshine-voice 0.1.0, which ships it"
        )
    return path


class Tokenizer:
    """Moonshine's SentencePiece vocabulary as its ``tokenizer.bin`` stores it: for each
    token id in order, a length (one byte, or two as a 7-bit varint) and the piece's
    UTF-8 bytes."""

    def __init__(self, data: bytes) -> None:
        pieces: list[bytes] = []
        i = 0
        while i < len(data):
            n = data[i]
            i += 1
            if n >= 0x80:
                n = (n & 0x7F) | (data[i] << 7)
                i += 1
            pieces.append(data[i : i + n])
            i += n
        self.pieces = pieces
        self.ids = {p: t for t, p in enumerate(pieces) if t > BYTE_BASE + 255}
        self.longest = max(len(p) for p in self.ids)

    def decode(self, ids: list[int]) -> str:
        raw = b"".join(
            bytes([t - BYTE_BASE]) if BYTE_BASE <= t < BYTE_BASE + 256 else self.pieces[t]
            for t in ids
            if t > END
        )
        return raw.decode("utf-8", "replace").replace(SPACE, " ").strip()

    def encode(self, text: str) -> list[int]:
        """The fewest pieces that spell ``text`` (bytes where no piece fits).

        The file keeps no merge scores, so this is not SentencePiece's own segmentation,
        but for ordinary words the fewest pieces are the whole-word pieces it would pick.
        """
        raw = (SPACE + " ".join(text.split()).replace(" ", SPACE)).encode()
        n = len(raw)
        best: list[tuple[int, int]] = [(0, 0)] + [(n + 1, 0)] * n  # (pieces, length of the last)
        for end in range(1, n + 1):
            cost, last = best[end - 1][0] + 1, 1  # a piece of one byte, or the byte itself
            for size in range(2, min(self.longest, end) + 1):
                if raw[end - size : end] in self.ids and best[end - size][0] + 1 < cost:
                    cost, last = best[end - size][0] + 1, size
            best[end] = (cost, last)
        out: list[int] = []
        end = n
        while end > 0:
            size = best[end][1]
            piece = raw[end - size : end]
            out.append(self.ids.get(piece, BYTE_BASE + piece[0]))
            end -= size
        return out[::-1]


@dataclasses.dataclass
class Hearing:
    text: str
    hidden: np.ndarray  # the encoder's output, to score other sentences against
    alternatives: list[str] = dataclasses.field(default_factory=list)  # the beam's, best first
    log_prob: float = 0.0  # mean per token of ``text``, as decoded


class MoonshineRecognizer(Listener):
    """Moonshine tiny, one pair of sessions per process, loaded on first use.

    ``beam_size`` 1 is greedy decoding; ``tokens_per_s`` bounds what the decoder may
    write for the audio's length (about twice fast speech), as for Whisper.
    """

    def __init__(self, *, beam_size: int = 1, threads: int = 0, tokens_per_s: float = 6.0) -> None:
        self.beam_size = beam_size
        self.threads = threads or min(2, os.cpu_count() or 1)
        self.tokens_per_s = tokens_per_s
        self._lock = threading.Lock()
        self._sessions: tuple[Any, Any] | None = None
        self._tokenizer: Tokenizer | None = None
        self._past_names: list[str] = []
        self._allowed: dict[frozenset[str], np.ndarray] = {}

    def warm_up(self) -> None:
        self._load()

    def _load(self) -> tuple[Any, Any]:
        with self._lock:
            if self._sessions is None:
                import onnxruntime

                path = model_dir()
                options = onnxruntime.SessionOptions()
                options.intra_op_num_threads = self.threads
                options.inter_op_num_threads = 1
                make = functools.partial(onnxruntime.InferenceSession, sess_options=options,
                                         providers=["CPUExecutionProvider"])  # fmt: skip
                self._tokenizer = Tokenizer((path / "tokenizer.bin").read_bytes())
                decoder = make(str(path / "decoder_model_merged.ort"))
                self._past_names = [
                    i.name for i in decoder.get_inputs() if i.name.startswith("past_key_values.")
                ]
                self._sessions = (make(str(path / "encoder_model.ort")), decoder)
            return self._sessions

    @property
    def tokenizer(self) -> Tokenizer:
        self._load()
        assert self._tokenizer is not None
        return self._tokenizer

    def listen(self, samples: np.ndarray) -> Hearing | None:
        """Transcribes 16 kHz samples (PCM16 scale), keeping the encoded audio for ``log_prob``."""
        if samples.size < RATE // 10:
            return None  # under 100 ms
        encoder, _ = self._load()
        audio = (np.asarray(samples, dtype=np.float32) / 32768.0)[None]
        mask = np.ones(audio.shape, np.int64)
        hidden = encoder.run(None, {"input_values": audio, "attention_mask": mask})[0]
        budget = int(4 + self.tokens_per_s * samples.size / RATE)
        beams = self._beam(hidden, budget)
        texts = [self.tokenizer.decode(ids) for ids, _ in beams]
        return Hearing(texts[0], hidden, texts, beams[0][1])

    def listen_within(self, hearing: Hearing, words: frozenset[str]) -> list[str]:
        """The beam's transcripts of the same audio written with ``words`` only (as
        capitalised too), numbers and punctuation: every other token is suppressed, so
        the decoder writes the closest thing to the audio the vocabulary can say."""
        allowed = self._allowed.get(words)
        if allowed is None:
            allowed = self._allowed[words] = _spelling_mask(self.tokenizer, words)
        budget = max(4, len(hearing.alternatives[0].split()) * 3 + 4) if hearing.alternatives else 20
        return [self.tokenizer.decode(ids) for ids, _ in self._beam(hearing.hidden, budget, allowed)]

    def log_prob(self, hearing: Hearing, text: str) -> float:
        """Mean log probability per token Moonshine gives ``text`` (and the end of the
        sentence) as what was said: one decoder pass over the whole sentence."""
        tokens = self.tokenizer.encode(text)
        if not tokens:
            return 0.0
        logits, _ = self._step(hearing.hidden, np.array([[START, *tokens]], np.int64), None)
        logp = _log_softmax(logits[0])
        forced = [*tokens, END]
        return float(np.mean(logp[np.arange(len(forced)), forced]))

    def _step(
        self, hidden: np.ndarray, ids: np.ndarray, past: dict[str, np.ndarray] | None
    ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """One decoder run over ``ids`` (batch x tokens) given what it has cached."""
        _, decoder = self._load()
        batch = ids.shape[0]
        states = np.repeat(hidden, batch, axis=0) if hidden.shape[0] != batch else hidden
        feeds: dict[str, Any] = {
            "input_ids": ids,
            "encoder_hidden_states": states,
            "encoder_attention_mask": np.ones(states.shape[:2], np.int64),
            "use_cache_branch": np.array([past is not None]),
        }
        if past is None:
            empty = np.zeros((batch, HEADS, 0, HEAD_DIM), np.float32)
            cross = np.zeros((batch, HEADS, states.shape[1], HEAD_DIM), np.float32)
            feeds |= {n: cross if ".encoder." in n else empty for n in self._past_names}
        else:
            feeds |= past
        logits, *present = decoder.run(None, feeds)
        cache = {n: v for n, v in zip(self._past_names, present, strict=True)}
        if past is not None:  # the merged model's cached branch passes cross-attention through empty
            cache |= {n: past[n] for n in self._past_names if ".encoder." in n}
        return logits, cache

    def _beam(
        self, hidden: np.ndarray, budget: int, allowed: np.ndarray | None = None
    ) -> list[tuple[list[int], float]]:
        """The beam's finished transcripts, best first, each with its mean log probability
        (``allowed``: a mask of the tokens it may write)."""
        beams: list[tuple[list[int], float]] = [([], 0.0)]
        finished: list[tuple[list[int], float]] = []
        past: dict[str, np.ndarray] | None = None
        ids = np.array([[START]], np.int64)
        for _ in range(budget):
            logits, past = self._step(hidden, ids, past)
            logp = _log_softmax(
                logits[:, -1] if allowed is None else np.where(allowed, logits[:, -1], -np.inf)
            )
            options: list[tuple[float, int, int]] = []  # (score, beam, token)
            for b, (_, score) in enumerate(beams):
                for token in np.argpartition(-logp[b], self.beam_size)[: self.beam_size + 1]:
                    options.append((score + float(logp[b, token]), b, int(token)))
            options.sort(reverse=True)
            kept: list[tuple[int, int, float]] = []
            for score, b, token in options[: self.beam_size]:  # a finished one takes a place too
                if token == END:
                    tokens = beams[b][0]
                    finished.append((tokens, score / (len(tokens) + 1)))
                else:
                    kept.append((b, token, score))
            if len(finished) >= self.beam_size or not kept:
                break
            order = np.array([b for b, _, _ in kept])
            past = {n: v[order] for n, v in past.items()}
            beams = [(beams[b][0] + [token], score) for b, token, score in kept]
            ids = np.array([[token] for _, token, _ in kept], np.int64)
        if not finished:  # ran out of tokens: the best unfinished ones
            finished = [(tokens, score / max(1, len(tokens))) for tokens, score in beams]
        finished.sort(key=lambda f: f[1], reverse=True)
        return finished[: self.beam_size]


def _spelling_mask(tokenizer: Tokenizer, words: frozenset[str]) -> np.ndarray:
    """The tokens that write ``words`` (capitalised too), numbers and punctuation."""
    allowed = np.zeros(len(tokenizer.pieces), dtype=bool)
    for word in words:
        for form in {word, word[:1].upper() + word[1:]}:
            allowed[tokenizer.encode(form)] = True
    for text in [str(n) for n in range(10)] + list(".,?!%-"):
        allowed[tokenizer.encode(text)] = True  # after a space
        allowed[tokenizer.ids.get(text.encode(), BYTE_BASE + ord(text))] = True  # after a word
    allowed[END] = True
    return allowed


def _log_softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(axis=-1, keepdims=True)
    return x - np.log(np.exp(x).sum(axis=-1, keepdims=True))
