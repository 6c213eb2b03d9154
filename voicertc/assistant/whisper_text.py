"""Whisper's tokens and text: the byte-level BPE over the model's tokenizer.json (to
encode the prompt and decode the output), and the clean-up of what the decoder wrote."""

from __future__ import annotations

import functools
import itertools
import json
import re
from pathlib import Path

from voicertc.assistant.numbers import as_said, find_numbers


@functools.cache
def _byte_decoder() -> dict[str, int]:
    """GPT-2's printable stand-ins for bytes, reversed."""
    keep = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    chars = list(keep)
    extra = 0
    for b in range(256):
        if b not in keep:
            keep.append(b)
            chars.append(256 + extra)
            extra += 1
    return {chr(c): b for b, c in zip(keep, chars, strict=True)}


# GPT-2's pre-tokeniser, with Python's \w standing in for \p{L}/\p{N}.
_NO_MERGE = 1 << 30
_PIECES = re.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?[^\W\d_]+| ?\d+| ?[^\s\w]+|\s+(?!\S)|\s+""")


class Tokenizer:
    """Byte-level BPE over the model's tokenizer.json: encodes the prompt, decodes output."""

    def __init__(self, path: Path) -> None:
        spec = json.loads(path.read_text(encoding="utf-8"))
        self._vocab: dict[str, int] = spec["model"]["vocab"]
        self.ids = {**self._vocab, **{t["content"]: t["id"] for t in spec["added_tokens"]}}
        merges = spec["model"]["merges"]
        pairs = [tuple(m.split(" ", 1)) if isinstance(m, str) else tuple(m) for m in merges]
        self._ranks = {p: i for i, p in enumerate(pairs)}
        self._encoder = {b: c for c, b in _byte_decoder().items()}

    def _bpe(self, word: str) -> list[str]:
        parts = list(word)
        while len(parts) > 1:
            pairs = enumerate(itertools.pairwise(parts))
            rank, i = min((self._ranks.get(pair, _NO_MERGE), i) for i, pair in pairs)
            if rank == _NO_MERGE:
                break
            parts[i : i + 2] = [parts[i] + parts[i + 1]]
        return parts

    def encode(self, text: str) -> list[str]:
        """Token strings of ``text`` (what CTranslate2 takes as a prompt)."""
        out: list[str] = []
        for piece in _PIECES.findall(text):
            out += self._bpe("".join(self._encoder[b] for b in piece.encode("utf-8")))
        unknown = [t for t in out if t not in self._vocab]
        if unknown:
            raise ValueError(f"tokens not in the vocabulary: {unknown}")
        return out

    @staticmethod
    def decode(tokens: list[str]) -> str:
        decoder = _byte_decoder()
        text = "".join(t for t in tokens if not (t.startswith("<|") and t.endswith("|>")))
        return bytes(decoder[c] for c in text if c in decoder).decode("utf-8", errors="replace")


def written(text: str) -> str:
    """A recogniser sentence as Whisper writes it: "set the gain to minus six d b" ->
    "Set the gain to -6 dB." (what its language model expects, and so scores fairly); a
    sentence that ends in its own punctuation keeps it."""
    tokens = text.split()
    out: list[str] = []
    i = 0
    for span in find_numbers(tokens):
        out += tokens[i : span.start]
        out.append(str(as_said(span.value)))
        i = span.end
    out += tokens[i:]
    s = " ".join(out).replace("d b", "dB").strip()
    if not s:
        return ""
    # Whisper's own transcripts end in their own punctuation: a second mark would cost
    # them several nats against the grammar's sentence (scored as "Turn it up..").
    return f"{s[:1].upper()}{s[1:]}" + ("" if s.endswith((".", "?", "!")) else ".")


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
# Sentence ends and commas, with the space after each: where a repeat can start.
_PIECE_END = re.compile(r"(?<=[.?!,])\s+")


def _transcript(tokens: list[str], *, ran_out: bool) -> str:
    """Decoded tokens as text, without repeats or an invented unfinished last sentence."""
    text = drop_repeats(Tokenizer.decode(tokens).strip())
    return drop_unfinished(text) if ran_out else text


def drop_unfinished(text: str) -> str:
    """Removes an unfinished last sentence that follows a finished one.

    Only for a decode stopped by the token budget (about twice what the audio needs):
    the decoder was then inventing past the speech, often a command out of the prompt
    ("That's all it's mom can remember. Set the delay" for "how tall is mount everest").
    """
    *done, last = _SENTENCE_END.split(text)
    return " ".join(done) if done and not last.endswith((".", "?", "!")) else text


def drop_repeats(text: str) -> str:
    """Removes sentences or clauses that repeat an earlier one, and a cut-off repeat at the end.

    With a shortened window Whisper sometimes says a command again and again until its
    token budget runs out ("Add some reverb. Add some reverb. Add so", or with commas:
    "Cut the highs, cut the highs,", which the dialogue would read as a second "cut").
    """
    kept: list[str] = []
    seen: list[str] = []
    pieces = _PIECE_END.split(text)
    for n, piece in enumerate(pieces):
        key = " ".join(re.sub(r"[^\w' ]+", " ", piece.lower()).split())
        last = n == len(pieces) - 1
        if not key or key in seen or (last and any(s.startswith(key) for s in seen)):
            continue
        kept.append(piece)
        seen.append(key)
    text = " ".join(kept)
    # A clause cut off by a dropped repeat ends on its comma: end it as a sentence.
    return text[:-1] + "." if text.endswith(",") else text


_SENTENCE_BREAK = re.compile(r"[.?!]\s+\S")


def several_sentences(text: str) -> bool:
    """Whisper wrote more than one sentence. In a runner-up of the beam that is most often
    the prompt speaking, not the speaker ("That's all it's mom can remember. Set the
    delay"), so neither the rules' nor the reader's runner-up takes one."""
    return bool(_SENTENCE_BREAK.search(text.strip()))
