"""BERT's uncased WordPiece tokenizer in plain Python (what ``tokenizers`` does with
all-MiniLM-L6-v2's ``tokenizer.json``, without that library): clean the text, lowercase,
strip accents, split on whitespace and punctuation (each CJK character a word of its own),
then split every word greedily into the longest pieces of the vocabulary, continuations
prefixed ``##``; a word that cannot be split whole is ``[UNK]``."""

from __future__ import annotations

import unicodedata
from pathlib import Path

#: Longer words are [UNK] whole (BERT's max_input_chars_per_word).
MAX_WORD = 100


def _is_whitespace(ch: str) -> bool:
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def _is_control(ch: str) -> bool:
    return ch not in "\t\n\r" and unicodedata.category(ch) in ("Cc", "Cf")


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    # Every non-letter, non-digit ASCII character is punctuation to BERT ('$', '^', '`').
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def normalise(text: str) -> str:
    """Control characters dropped, whitespace as spaces, CJK spaced, accents stripped, lowercased."""
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or _is_control(ch):
            continue
        if _is_whitespace(ch):
            out.append(" ")
        elif _is_cjk(cp):
            out.append(f" {ch} ")
        else:
            out.append(ch)
    decomposed = unicodedata.normalize("NFD", "".join(out))
    # Lowercased a character at a time: Python's str.lower makes a word-final sigma 'ς', the
    # reference tokenizer (Rust's char::to_lowercase) 'σ'.
    return "".join(ch.lower() for ch in decomposed if unicodedata.category(ch) != "Mn")


def words(text: str) -> list[str]:
    """The normalised text split on whitespace, each punctuation character a word of its own."""
    out: list[str] = []
    for chunk in normalise(text).split():
        current = ""
        for ch in chunk:
            if _is_punctuation(ch):
                if current:
                    out.append(current)
                out.append(ch)
                current = ""
            else:
                current += ch
        if current:
            out.append(current)
    return out


class WordPiece:
    """Text to the vocabulary's ids: ``[CLS]`` pieces ``[SEP]``, at most ``max_length`` in all."""

    def __init__(self, vocabulary: list[str], max_length: int = 256) -> None:
        self.ids = {piece: i for i, piece in enumerate(vocabulary)}
        self.unk, self.cls, self.sep = self.ids["[UNK]"], self.ids["[CLS]"], self.ids["[SEP]"]
        self.max_length = max_length

    @classmethod
    def from_file(cls, vocab_txt: Path, max_length: int = 256) -> WordPiece:
        return cls(vocab_txt.read_text(encoding="utf-8").splitlines(), max_length)

    def pieces(self, word: str) -> list[int]:
        if len(word) > MAX_WORD:
            return [self.unk]
        out, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else f"##{word[start:end]}"
                if piece in self.ids:
                    out.append(self.ids[piece])
                    break
                end -= 1
            if end == start:
                return [self.unk]
            start = end
        return out

    def encode(self, text: str) -> list[int]:
        ids = [i for word in words(text) for i in self.pieces(word)]
        return [self.cls, *ids[: self.max_length - 2], self.sep]
