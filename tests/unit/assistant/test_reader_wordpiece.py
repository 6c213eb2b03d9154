"""The sentence reader's tokenizer: BERT's uncased WordPiece, as ``tokenizers`` runs it
for all-MiniLM-L6-v2 (checked against that library on the four tune corpora and 20,000
random strings, docs/speech.md); here on a vocabulary of a few pieces."""

from __future__ import annotations

from voicertc.assistant.reader.wordpiece import WordPiece, normalise, words

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "add", "some", "rev", "##er", "##b", "##erb", "cafe", ",",
         "'", "s", "3", ".", "5", "σ", "日", "本", "un", "##aff", "##able"]  # fmt: skip
IDS = {piece: i for i, piece in enumerate(VOCAB)}


def _encode(text: str, max_length: int = 256) -> list[str]:
    return [VOCAB[i] for i in WordPiece(VOCAB, max_length).encode(text)]


def test_the_longest_piece_is_taken_first_and_continuations_are_marked() -> None:
    assert _encode("Add some REVERB") == ["[CLS]", "add", "some", "rev", "##erb", "[SEP]"]
    assert _encode("unaffable") == ["[CLS]", "un", "##aff", "##able", "[SEP]"]


def test_a_word_that_cannot_be_split_whole_is_unknown() -> None:
    assert _encode("reverbx add") == ["[CLS]", "[UNK]", "add", "[SEP]"]
    assert _encode("a" * 101) == ["[CLS]", "[UNK]", "[SEP]"]


def test_punctuation_is_split_off_and_accents_and_controls_dropped() -> None:
    assert words("Café's 3.5,add") == ["cafe", "'", "s", "3", ".", "5", ",", "add"]
    assert normalise("a\tb\x00c\u200bd") == "a bcd"  # a tab is a space; NUL and a format character go


def test_cjk_characters_are_words_and_sigma_lowercases_alone() -> None:
    assert words("日本add") == ["日", "本", "add"]
    assert words("ΣΣ") == ["σσ"]  # not Python's word-final 'ς'


def test_the_sentence_is_cut_to_the_longest_input() -> None:
    assert _encode("add some add some", max_length=4) == ["[CLS]", "add", "some", "[SEP]"]
