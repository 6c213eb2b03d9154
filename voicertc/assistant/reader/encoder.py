"""all-MiniLM-L6-v2 in numpy: a 6-layer BERT (hidden 384, 12 heads, GELU), its tokens'
last states mean-pooled over the sentence and L2-normalised, as sentence-transformers'
Transformer -> Pooling(mean) -> Normalize does.

The weights are read straight from ``model.safetensors`` (no ``safetensors``, no torch)
and copied, so the file is unmapped once loaded. The layers' matrices stay float32 (numpy
has no fast float16 matmul: float16 layers cast at each use took 82 ms a sentence, not
22); the word table (30,522 x 384, half the weights) is kept as float16 by default
(``table``), a row cast when looked up: ~65 MB in all instead of ~90."""

from __future__ import annotations

import json
import mmap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .wordpiece import WordPiece

HIDDEN, HEADS, LAYERS = 384, 12, 6
EPS = 1e-12
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Every tensor of a ``.safetensors`` file: an 8-byte little-endian header length, a
    JSON header of names, dtypes, shapes and byte offsets, then the raw data."""
    with path.open("rb") as f:
        data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    size = int.from_bytes(data[:8], "little")
    header = json.loads(data[8 : 8 + size])
    header.pop("__metadata__", None)
    out = {}
    for name, spec in header.items():
        start, end = spec["data_offsets"]
        flat = np.frombuffer(data, dtype=_DTYPES[spec["dtype"]], count=-1, offset=8 + size + start)
        out[name] = flat[: (end - start) // flat.itemsize].reshape(spec["shape"])
    return out


def _erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz and Stegun 7.1.26 (error < 1.5e-7): numpy has no erf, and BERT's GELU is
    the exact one, not the tanh approximation."""
    sign, a = np.sign(x), np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
    return sign * (1.0 - poly * np.exp(-a * a))


def gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / np.sqrt(2.0)).astype(x.dtype))


def layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * weight + bias


@dataclass(frozen=True)
class Layer:
    qkv: np.ndarray  # (384, 1152): query, key and value projections side by side, transposed
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    norm1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_bias: np.ndarray
    down: np.ndarray
    down_bias: np.ndarray
    norm2: tuple[np.ndarray, np.ndarray]


def _f32(a: np.ndarray) -> np.ndarray:
    return a if a.dtype == np.float32 else a.astype(np.float32)


class Encoder:
    """Sentences to unit vectors of 384 numbers; ``weights`` as ``read_safetensors`` gives them."""

    def __init__(
        self, weights: dict[str, np.ndarray], tokenizer: WordPiece, table: type = np.float16
    ) -> None:
        self.tokenizer = tokenizer

        def t(name: str) -> np.ndarray:  # a transposed float32 copy: x @ W.T as x @ t
            return np.ascontiguousarray(weights[name].T, dtype=np.float32)

        def norm(prefix: str) -> tuple[np.ndarray, np.ndarray]:
            return _f32(weights[f"{prefix}.weight"]).copy(), _f32(weights[f"{prefix}.bias"]).copy()

        self.words = np.array(weights["embeddings.word_embeddings.weight"], dtype=table)
        self.positions = _f32(weights["embeddings.position_embeddings.weight"]).copy()
        self.segment = _f32(weights["embeddings.token_type_embeddings.weight"][0]).copy()
        self.norm = norm("embeddings.LayerNorm")
        self.layers = []
        for k in range(LAYERS):
            p = f"encoder.layer.{k}."
            att = [weights[f"{p}attention.self.{n}.weight"] for n in ("query", "key", "value")]
            self.layers.append(
                Layer(
                    qkv=np.ascontiguousarray(np.concatenate(att).T, dtype=np.float32),
                    qkv_bias=np.concatenate(
                        [_f32(weights[f"{p}attention.self.{n}.bias"]) for n in ("query", "key", "value")]
                    ),
                    out=t(f"{p}attention.output.dense.weight"),
                    out_bias=_f32(weights[f"{p}attention.output.dense.bias"]).copy(),
                    norm1=norm(f"{p}attention.output.LayerNorm"),
                    up=t(f"{p}intermediate.dense.weight"),
                    up_bias=_f32(weights[f"{p}intermediate.dense.bias"]).copy(),
                    down=t(f"{p}output.dense.weight"),
                    down_bias=_f32(weights[f"{p}output.dense.bias"]).copy(),
                    norm2=norm(f"{p}output.LayerNorm"),
                )
            )

    @classmethod
    def from_folder(cls, folder: Path, table: type = np.float16) -> Encoder:
        """A sentence-transformers checkpoint folder (``model.safetensors``, ``vocab.txt``)."""
        return cls(
            read_safetensors(folder / "model.safetensors"), WordPiece.from_file(folder / "vocab.txt"), table
        )

    def states(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The last layer's states (batch, tokens, 384) of padded ids; ``mask`` 1 on real tokens."""
        batch, n = ids.shape
        x = _f32(self.words[ids]) + self.positions[:n] + self.segment
        x = layer_norm(x, *self.norm)
        blocked = np.where(mask[:, None, None, :] > 0, 0.0, -1e9).astype(np.float32)
        size = HIDDEN // HEADS
        for layer in self.layers:
            qkv = x @ layer.qkv + layer.qkv_bias
            q, k, v = (
                qkv[..., i * HIDDEN : (i + 1) * HIDDEN].reshape(batch, n, HEADS, size).transpose(0, 2, 1, 3)
                for i in range(3)
            )
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(size)) + blocked
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, n, HIDDEN)
            x = layer_norm(x + context @ layer.out + layer.out_bias, *layer.norm1)
            hidden = gelu(x @ layer.up + layer.up_bias)
            x = layer_norm(x + hidden @ layer.down + layer.down_bias, *layer.norm2)
        return x

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), 384) unit vectors: each sentence's token states averaged and normalised."""
        encoded = [self.tokenizer.encode(t) for t in texts]
        n = max(len(e) for e in encoded)
        ids = np.zeros((len(encoded), n), dtype=np.int64)
        mask = np.zeros((len(encoded), n), dtype=np.float32)
        for row, e in enumerate(encoded):
            ids[row, : len(e)], mask[row, : len(e)] = e, 1
        x = self.states(ids, mask)
        pooled = (x * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
