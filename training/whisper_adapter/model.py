"""Whisper tiny.en in torch, its weights read from CTranslate2's model.bin, with LoRA.

Only what training needs: the encoder over a mel window, the decoder teacher-forced over
whole token sequences (no cache), and a rank-``r`` update ``B @ A`` beside every linear
layer. Variable names are CTranslate2's, so the update merges back by name
(``voicertc.assistant.whisper_adapter``). ``check.py`` shows that greedy decoding here
writes what CTranslate2 writes.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from voicertc.assistant.whisper_adapter import read_model

LAYERS = 4
HEADS = 6


class LoRALinear(nn.Module):
    """A frozen linear layer plus a trainable low-rank update (zero at the start)."""

    def __init__(
        self, name: str, weight: np.ndarray, bias: np.ndarray | None, rank: int, alpha: float
    ) -> None:
        super().__init__()
        self.name = name
        self.weight = nn.Parameter(torch.tensor(weight.astype(np.float32)), requires_grad=False)
        self.bias = (
            None if bias is None else nn.Parameter(torch.tensor(bias.astype(np.float32)), requires_grad=False)
        )
        self.rank = rank
        if rank:
            fan_in = self.weight.shape[1]
            self.A = nn.Parameter(torch.randn(rank, fan_in) / math.sqrt(fan_in))
            self.B = nn.Parameter(torch.zeros(self.weight.shape[0], rank))
            self.scale = alpha / rank

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = F.linear(x, self.weight, self.bias)
        if self.rank:
            y = y + F.linear(F.linear(x, self.A), self.B) * self.scale
        return y

    def update(self) -> dict[str, np.ndarray]:
        """The adapter's entries for this layer, ``B`` already scaled, as the package stores them."""
        return {
            f"{self.name}/A": self.A.detach().numpy().astype(np.float16),
            f"{self.name}/B": (self.B.detach() * self.scale).numpy().astype(np.float16),
        }


def _key(name: str) -> str:
    return name.replace("/", "__")  # torch refuses "." and "/" in parameter names


class Whisper(nn.Module):
    def __init__(
        self, model_bin: Path, rank: int = 16, alpha: float = 32.0, adapt_encoder: bool = True
    ) -> None:
        super().__init__()
        variables = read_model(model_bin.read_bytes()).variables
        self.fixed = nn.ParameterDict()
        self.linear = nn.ModuleDict()
        for name, value in variables.items():
            if value.ndim == 0 or ("linear_" in name and name.endswith("/bias")):
                continue
            if "linear_" in name:
                layer = name.removesuffix("/weight")
                r = rank if adapt_encoder or layer.startswith("decoder") else 0
                self.linear[_key(layer)] = LoRALinear(layer, value, variables.get(f"{layer}/bias"), r, alpha)
            else:
                self.fixed[_key(name)] = nn.Parameter(
                    torch.tensor(value.astype(np.float32)), requires_grad=False
                )

    def _p(self, name: str) -> torch.Tensor:
        return self.fixed[_key(name)]

    def _lin(self, name: str) -> LoRALinear:
        return self.linear[_key(name)]  # type: ignore[return-value]

    def _norm(self, x: torch.Tensor, name: str) -> torch.Tensor:
        return F.layer_norm(x, (x.shape[-1],), self._p(f"{name}/gamma"), self._p(f"{name}/beta"), 1e-5)

    @staticmethod
    def _attend(
        q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, mask: torch.Tensor | None = None
    ) -> torch.Tensor:
        b, tq, d = q.shape
        split = lambda t: t.view(b, t.shape[1], HEADS, d // HEADS).transpose(1, 2)  # noqa: E731
        out = F.scaled_dot_product_attention(split(q), split(k), split(v), attn_mask=mask)
        return out.transpose(1, 2).reshape(b, tq, d)

    def _ffn(self, x: torch.Tensor, pre: str) -> torch.Tensor:
        h = self._norm(x, f"{pre}/ffn/layer_norm")
        return x + self._lin(f"{pre}/ffn/linear_1")(F.gelu(self._lin(f"{pre}/ffn/linear_0")(h)))

    def encode(self, mel: torch.Tensor) -> torch.Tensor:
        """[batch, 80, frames] log-mel to [batch, frames / 2, 384]."""
        x = F.gelu(F.conv1d(mel, self._p("encoder/conv1/weight"), self._p("encoder/conv1/bias"), padding=1))
        x = F.gelu(
            F.conv1d(x, self._p("encoder/conv2/weight"), self._p("encoder/conv2/bias"), stride=2, padding=1)
        )
        x = x.transpose(1, 2)
        x = x + self._p("encoder/position_encodings/encodings")[: x.shape[1]]
        for i in range(LAYERS):
            pre = f"encoder/layer_{i}"
            h = self._norm(x, f"{pre}/self_attention/layer_norm")
            q, k, v = self._lin(f"{pre}/self_attention/linear_0")(h).chunk(3, -1)
            x = x + self._lin(f"{pre}/self_attention/linear_1")(self._attend(q, k, v))
            x = self._ffn(x, pre)
        return self._norm(x, "encoder/layer_norm")

    def decode(self, tokens: torch.Tensor, encoded: torch.Tensor) -> torch.Tensor:
        """[batch, length] token ids to [batch, length, vocabulary] logits."""
        n = tokens.shape[1]
        embeddings = self._p("decoder/embeddings/weight")
        x = embeddings[tokens] + self._p("decoder/position_encodings/encodings")[:n]
        causal = torch.ones(n, n, dtype=torch.bool).tril()
        for i in range(LAYERS):
            pre = f"decoder/layer_{i}"
            h = self._norm(x, f"{pre}/self_attention/layer_norm")
            q, k, v = self._lin(f"{pre}/self_attention/linear_0")(h).chunk(3, -1)
            x = x + self._lin(f"{pre}/self_attention/linear_1")(self._attend(q, k, v, causal))
            h = self._norm(x, f"{pre}/attention/layer_norm")
            q = self._lin(f"{pre}/attention/linear_0")(h)
            k, v = self._lin(f"{pre}/attention/linear_1")(encoded).chunk(2, -1)
            x = x + self._lin(f"{pre}/attention/linear_2")(self._attend(q, k, v))
            x = self._ffn(x, pre)
        return self._norm(x, "decoder/layer_norm") @ embeddings.T

    def adapted(self) -> list[LoRALinear]:
        return [m for m in self.linear.values() if isinstance(m, LoRALinear) and m.rank]

    def adapter(self) -> dict[str, np.ndarray]:
        return {k: v for m in self.adapted() for k, v in m.update().items()}
