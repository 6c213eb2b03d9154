"""Trains the LoRA adapter and writes it as the package stores it (``--out``).

    python -m training.whisper_adapter.train --epochs 2 \
        --out voicertc/assistant/models/whisper-tiny-en-commands.npz

The decoder's context is the recogniser's first prompt 70% of the time and its second
listen's prompt otherwise, as ``WhisperRecognizer`` decodes after both. The loss is the
transcript's tokens and the end of text, after the prompt. AdamW on the adapter only,
warm-up then cosine; the teacher-forced loss on the validation set is printed each epoch
(it chose nothing: one recipe, set before training).
"""

from __future__ import annotations

import argparse
import math
import pickle
import random
import time
from collections.abc import Mapping

import numpy as np
import torch
import torch.nn.functional as F

from training.whisper_adapter.model import Whisper
from training.whisper_adapter.utterances import WORK
from voicertc.assistant import whisper
from voicertc.assistant.whisper_text import Tokenizer

Sample = tuple[np.ndarray, str, str, str, bool]


def batches(data: list[Sample], size: int, shuffle: bool) -> list[list[Sample]]:
    """Batches of one window length each (most are the recogniser's 10 s)."""
    by: dict[int, list[Sample]] = {}
    for sample in data:
        by.setdefault(sample[0].shape[1], []).append(sample)
    out = []
    for group in by.values():
        if shuffle:
            random.shuffle(group)
        out += [group[i : i + size] for i in range(0, len(group), size)]
    if shuffle:
        random.shuffle(out)
    return out


def start(model: Whisper, stored: Mapping[str, np.ndarray]) -> None:
    """The model's adapter set to a stored one (``B`` is stored scaled: ``LoRALinear.update``)."""
    with torch.no_grad():
        for m in model.adapted():
            m.A.copy_(torch.tensor(stored[f"{m.name}/A"].astype(np.float32)))
            m.B.copy_(torch.tensor(stored[f"{m.name}/B"].astype(np.float32)) / m.scale)


class Trainer:
    def __init__(self, model: Whisper, tokenizer: Tokenizer) -> None:
        self.model = model
        ids = tokenizer.ids
        self.tokenizer = tokenizer
        self.ids = ids
        self.prefixes = [
            [ids[t] for t in whisper._prefix(tokenizer, p)] for p in (whisper.PROMPT, whisper.COMMANDS_PROMPT)
        ]
        self.end = ids["<|endoftext|>"]

    def loss(self, batch: list[Sample], prefix: list[int]) -> tuple[torch.Tensor, int]:
        """Summed cross-entropy of the batch's transcripts after ``prefix``, and their token count."""
        mel = torch.tensor(np.stack([s[0] for s in batch]).astype(np.float32))
        texts = [[self.ids[t] for t in self.tokenizer.encode(" " + s[1])] + [self.end] for s in batch]
        width = len(prefix) + max(map(len, texts))
        tokens = torch.full((len(batch), width), self.end, dtype=torch.long)
        labels = torch.full((len(batch), width), -100, dtype=torch.long)
        for i, text in enumerate(texts):
            tokens[i, : len(prefix)] = torch.tensor(prefix)
            tokens[i, len(prefix) : len(prefix) + len(text)] = torch.tensor(text)
            labels[i, len(prefix) - 1 : len(prefix) - 1 + len(text)] = torch.tensor(text)
        logits = self.model.decode(tokens, self.model.encode(mel))
        flat = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), reduction="sum")
        return flat, int((labels != -100).sum())

    def validate(self, data: list[Sample]) -> float:
        total, count = 0.0, 0
        with torch.no_grad():
            for batch in batches(data, 16, shuffle=False):
                loss, n = self.loss(batch, self.prefixes[0])
                total, count = total + float(loss), count + n
        return total / count


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--epochs", type=float, default=2.0)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--rank", type=int, default=16)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--init", help="start from this adapter (.npz, as the package stores it)")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    random.seed(0)
    path = whisper.model_path()
    trainer = Trainer(Whisper(path / "model.bin", rank=args.rank), Tokenizer(path / "tokenizer.json"))
    train: list[Sample] = pickle.loads((WORK / "train.pkl").read_bytes())
    valid: list[Sample] = pickle.loads((WORK / "valid.pkl").read_bytes())
    if args.init:
        start(trainer.model, np.load(args.init))
    params = [p for m in trainer.model.adapted() for p in (m.A, m.B)]
    print(f"adapter: {sum(p.numel() for p in params)} parameters; valid loss {trainer.validate(valid):.4f}")
    optimizer = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    order = batches(train, args.batch, shuffle=True)
    steps = int(len(order) * args.epochs)
    warm = min(50, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / warm) * max(0.05, 0.5 * (1 + math.cos(math.pi * s / steps)))
    )
    started, step, running = time.time(), 0, None
    while step < steps:
        for batch in order:
            if step >= steps:
                break
            prefix = trainer.prefixes[0] if random.random() < 0.7 else trainer.prefixes[1]
            loss, n = trainer.loss(batch, prefix)
            (loss / n).backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            optimizer.zero_grad()
            schedule.step()
            step += 1
            value = float(loss.detach()) / n
            running = value if running is None else 0.98 * running + 0.02 * value
            if step % 25 == 0:
                print(f"step {step}/{steps} loss {running:.4f} {time.time() - started:.0f} s", flush=True)
            if step % len(order) == 0 or step == steps:
                print(f"step {step}: valid loss {trainer.validate(valid):.4f}", flush=True)
                np.savez(args.out, **trainer.model.adapter())
        order = batches(train, args.batch, shuffle=True)
    print(f"done in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
