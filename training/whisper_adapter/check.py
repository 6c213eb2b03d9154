"""The torch model writes what CTranslate2 writes: greedy decoding of a few sentences
after the recogniser's prompt, both at float32, token for token. With ``--adapter`` both
sides carry it (torch: its ``B @ A`` added to the weights; CTranslate2: merged by the
package's ``whisper_adapter``), which checks the merge as well.

    python -m training.whisper_adapter.check [--adapter FILE.npz]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import ctranslate2
import numpy as np
import torch

from training.whisper_adapter.model import Whisper
from voicertc.assistant import whisper, whisper_adapter
from voicertc.assistant.sphinx import resample_16k
from voicertc.assistant.whisper_text import Tokenizer
from voicertc.bench import heldout

SENTENCES = [
    ("turn the reverb up a little", 0),
    ("could you add some delay please", 5),
    ("cut everything above four kilohertz", 20),
    ("the delay on my train was awful", 27),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--adapter", type=Path)
    args = ap.parse_args()
    path = whisper.model_path()
    tokenizer = Tokenizer(path / "tokenizer.json")
    ids = tokenizer.ids
    names = {v: k for k, v in ids.items()}
    prefix = [ids[t] for t in whisper._prefix(tokenizer, whisper.PROMPT)]
    model = Whisper(path / "model.bin", rank=0)
    files = None
    if args.adapter:
        files = whisper_adapter.adapted_files(path, args.adapter)
        with np.load(args.adapter) as update, torch.no_grad():
            for layer in model.linear.values():
                a, b = update[f"{layer.name}/A"], update[f"{layer.name}/B"]
                layer.weight += torch.tensor(b.astype(np.float32) @ a.astype(np.float32))
    reference = ctranslate2.models.Whisper(str(path), device="cpu", compute_type="float32", files=files)
    same = 0
    for text, n in SENTENCES:
        samples = resample_16k(heldout.speak(text, heldout.voices()[n]).tobytes(), 24000)
        mel = whisper.log_mel(samples.astype(np.float32) / 32768.0, whisper._frames(samples.size, 10.0, 1.0))
        theirs = reference.generate(
            ctranslate2.StorageView.from_array(mel[None]), [[names[i] for i in prefix]], beam_size=1,
            max_length=len(prefix) + 30,
        )[0].sequences_ids[0]  # fmt: skip
        ours: list[int] = []
        with torch.no_grad():
            encoded = model.encode(torch.tensor(mel[None]))
            while len(ours) < 30:
                logits = model.decode(torch.tensor([prefix + ours]), encoded)[
                    0, -1, : ids["<|endoftext|>"] + 1
                ]
                token = int(logits.argmax())
                if token == ids["<|endoftext|>"]:
                    break
                ours.append(token)
        same += ours == theirs
        print(f"{text!r}: CTranslate2 {tokenizer.decode([names[i] for i in theirs])!r}, "
              f"torch {tokenizer.decode([names[i] for i in ours])!r}")  # fmt: skip
    print(f"{same} of {len(SENTENCES)} the same")
    raise SystemExit(0 if same == len(SENTENCES) else 1)


if __name__ == "__main__":
    main()
