"""Moonshine's tokenizer file and beam search, on a made-up vocabulary and decoder (the
real model is loaded in tests/integration/test_moonshine.py)."""

from __future__ import annotations

import numpy as np
import pytest

from voicertc.assistant import moonshine
from voicertc.assistant.moonshine import BYTE_BASE, END, START, MoonshineRecognizer, Tokenizer

SPACE = moonshine.SPACE.encode()


def tokenizer_file(pieces: list[bytes]) -> bytes:
    """As tokenizer.bin stores them: <unk> <s> </s>, the 256 bytes, then ``pieces``,
    each after its length (a 7-bit varint)."""
    out = bytearray()
    for piece in [b"<unk>", b"<s>", b"</s>", *(bytes([b]) for b in range(256)), *pieces]:
        n = len(piece)
        out += bytes([n]) if n < 0x80 else bytes([0x80 | (n & 0x7F), n >> 7])
        out += piece
    return bytes(out)


PIECES = [SPACE + b"add", SPACE + b"a", b"dd", SPACE + b"re", b"verb", SPACE + b"reverb", b".", b"x" * 200]
FIRST = BYTE_BASE + 256  # the first piece's id


@pytest.fixture
def tokenizer() -> Tokenizer:
    return Tokenizer(tokenizer_file(PIECES))


def test_reads_every_piece_with_long_lengths(tokenizer: Tokenizer) -> None:
    assert len(tokenizer.pieces) == 3 + 256 + len(PIECES)
    assert tokenizer.pieces[FIRST + 7] == b"x" * 200  # a length past 127 takes two bytes


def test_decode_spaces_and_bytes(tokenizer: Tokenizer) -> None:
    ids = [START, FIRST, FIRST + 5, FIRST + 6, BYTE_BASE + ord("!"), END]
    assert tokenizer.decode(ids) == "add reverb.!"
    # bytes that only together spell a character
    assert tokenizer.decode([BYTE_BASE + b for b in "é".encode()]) == "é"


def test_encode_takes_the_fewest_pieces(tokenizer: Tokenizer) -> None:
    assert tokenizer.encode("add reverb.") == [FIRST, FIRST + 5, FIRST + 6]
    assert tokenizer.encode("  add   reverb. ") == [FIRST, FIRST + 5, FIRST + 6]
    # no piece for "q": its byte
    assert tokenizer.encode("add q") == [
        FIRST,
        BYTE_BASE + SPACE[0],
        BYTE_BASE + SPACE[1],
        BYTE_BASE + SPACE[2],
        BYTE_BASE + ord("q"),
    ]
    assert tokenizer.decode(tokenizer.encode("add q")) == "add q"


class TableDecoder(MoonshineRecognizer):
    """A decoder whose next-token log probabilities depend only on the last token."""

    def __init__(self, table: dict[int, dict[int, float]], beam_size: int) -> None:
        super().__init__(beam_size=beam_size)
        self.table = table
        self.calls = 0

    def _step(self, hidden, ids, past):  # type: ignore[no-untyped-def]
        self.calls += 1
        logits = np.full((ids.shape[0], ids.shape[1], 8), -30.0, np.float32)
        for row, last in enumerate(ids[:, -1]):
            for token, p in self.table.get(int(last), {}).items():
                logits[row, -1, token] = np.log(p)
        return logits, {"past_key_values.0.decoder.key": np.zeros((ids.shape[0], 1))}


# From <s>: 3 is likelier than 4, but 3 leads nowhere sure, and 4 surely to 7 and the end.
TABLE = {
    START: {3: 0.55, 4: 0.45},
    3: {5: 0.5, 6: 0.5},
    4: {7: 1.0},
    5: {END: 1.0},
    6: {END: 1.0},
    7: {END: 1.0},
}


def test_greedy_takes_the_likeliest_token_each_step() -> None:
    decoder = TableDecoder(TABLE, beam_size=1)
    (best,) = decoder._beam(np.zeros((1, 1, 1), np.float32), budget=10)
    assert best[0] in ([3, 5], [3, 6])
    assert best[1] == pytest.approx(np.log(0.55 * 0.5) / 3, abs=1e-3)  # per token, the end too


def test_beam_finds_the_likelier_whole_sentence_and_keeps_runners_up() -> None:
    decoder = TableDecoder(TABLE, beam_size=3)
    found = decoder._beam(np.zeros((1, 1, 1), np.float32), budget=10)
    assert found[0][0] == [4, 7]  # 0.45 over 0.275 for either of 3's
    assert sorted(tokens for tokens, _ in found[1:]) == [[3, 5], [3, 6]]
    assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)


def test_budget_bounds_the_decode() -> None:
    loop = {START: {3: 1.0}, 3: {3: 1.0}}
    decoder = TableDecoder(loop, beam_size=1)
    (best,) = decoder._beam(np.zeros((1, 1, 1), np.float32), budget=5)
    assert best[0] == [3] * 5 and decoder.calls == 5


def test_the_words_mask_allows_their_pieces_numbers_and_the_end(tokenizer: Tokenizer) -> None:
    mask = moonshine._spelling_mask(tokenizer, frozenset({"add", "reverb"}))
    assert mask[FIRST] and mask[FIRST + 5] and mask[FIRST + 6] and mask[END]  # add, reverb, "."
    assert mask[BYTE_BASE + ord("7")] and mask[BYTE_BASE + ord("%")]
    assert not mask[FIRST + 1] and not mask[FIRST + 3]  # pieces of other spellings
    assert not mask[START] and not mask[BYTE_BASE + ord("q")]


def test_missing_package_is_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(moonshine.importlib.util, "find_spec", lambda name: None)
    assert not moonshine.available()
    with pytest.raises(RuntimeError, match="moonshine extra"):
        moonshine.model_dir()
