"""A low-rank adapter for Whisper tiny.en, merged into CTranslate2's weights at load.

Whisper tiny.en hears espeak-ng's accented voices badly (docs/speech.md: the recogniser is
most of what issue 20's held-out figures lose). The adapter is a LoRA update learned on the
command corpus's tune splits spoken by voices the benchmark never uses
(``training/whisper_adapter``): for each adapted linear layer ``W``, ``W + B @ A`` with
``A`` [rank, in] and ``B`` [out, rank] (already scaled). It is 2 MB in the package, where
the full model would be 75 MB.

The merged model is written to a temporary directory by a child process, loaded from
there and deleted (``merged_model``). Loaded from memory instead (CTranslate2's ``files=``),
a worker kept ~75 MB more for good (283 against 207 MB after the load), and merging in the
worker itself left ~100 MB of freed heap it did not give back.

CTranslate2's ``model.bin`` is read and written here (its ``ModelSpec._serialize`` layout,
binary version 6): a header, then every variable as name, shape, type and bytes, then the
aliases (tiny.en's output projection is the token embeddings).
"""

from __future__ import annotations

import contextlib
import struct
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# What the package holds; ``None`` from ``packaged()`` when it is absent (a source tree
# without it, or a build that left it out): the recogniser then runs the plain model.
ADAPTER = Path(__file__).with_name("models") / "whisper-tiny-en-commands.npz"
# Session 12's adapter, which the combined recogniser's rule was chosen with and keeps
# (``asr.CombinedRecognizer``): under session 20's, that rule's second listen writes command
# words into off-topic speech ("Can you order a pizza for dinner?" became "Can you harder
# repeats a four dinner?", a delay change). The default recogniser takes ``ADAPTER``.
SESSION12 = ADAPTER.with_name("whisper-tiny-en-commands-s12.npz")

# CTranslate2's DataType enum, in order (include/ctranslate2/types.h).
_DTYPES = (np.float32, np.int8, np.int16, np.int32, np.float16)


class AdapterError(ValueError):
    """The adapter does not fit the model: a layer it names is missing or shaped otherwise."""


@dataclass
class Model:
    """The contents of a CTranslate2 ``model.bin``."""

    version: int
    spec: str
    revision: int
    variables: dict[str, np.ndarray]
    aliases: list[tuple[str, str]]


def read_model(data: bytes) -> Model:
    offset = 0

    def take(fmt: str) -> int:
        nonlocal offset
        (value,) = struct.unpack_from(fmt, data, offset)
        offset += struct.calcsize(fmt)
        return int(value)

    def string() -> str:
        nonlocal offset
        size = take("H")  # with the terminating NUL
        text = data[offset : offset + size - 1].decode()
        offset += size
        return text

    version, spec, revision = take("I"), string(), take("I")
    if version != 6:
        raise AdapterError(f"model.bin binary version {version}: only version 6 is read")
    variables: dict[str, np.ndarray] = {}
    for _ in range(take("I")):
        name = string()
        shape = [take("I") for _ in range(take("B"))]
        dtype = np.dtype(_DTYPES[take("B")])
        size = take("I")
        variables[name] = np.frombuffer(data, dtype, size // dtype.itemsize, offset).reshape(shape)
        offset += size
    aliases = [(string(), string()) for _ in range(take("I"))]
    return Model(version, spec, revision, variables, aliases)


def write_model(model: Model) -> bytes:
    out: list[bytes] = []

    def string(text: str) -> None:
        raw = text.encode()
        out.append(struct.pack("H", len(raw) + 1) + raw + b"\0")

    out.append(struct.pack("I", model.version))
    string(model.spec)
    out.append(struct.pack("I", model.revision))
    out.append(struct.pack("I", len(model.variables)))
    for name, value in model.variables.items():
        string(name)
        out.append(struct.pack("B", value.ndim) + b"".join(struct.pack("I", d) for d in value.shape))
        type_id = next(i for i, t in enumerate(_DTYPES) if np.dtype(t) == value.dtype)
        raw = np.ascontiguousarray(value).tobytes()
        out.append(struct.pack("B", type_id) + struct.pack("I", len(raw)) + raw)
    out.append(struct.pack("I", len(model.aliases)))
    for alias, name in model.aliases:
        string(alias)
        string(name)
    return b"".join(out)


def merge(model: Model, adapter: Mapping[str, np.ndarray]) -> Model:
    """``model`` with ``W + B @ A`` for every layer the adapter names (``<layer>/A``, ``<layer>/B``)."""
    layers = sorted({key.rsplit("/", 1)[0] for key in adapter})
    variables = dict(model.variables)
    for layer in layers:
        name = f"{layer}/weight"
        if name not in variables or f"{layer}/A" not in adapter or f"{layer}/B" not in adapter:
            raise AdapterError(f"the adapter's {layer} does not match the model (needs A, B and {name})")
        weight = variables[name]
        delta = adapter[f"{layer}/B"].astype(np.float32) @ adapter[f"{layer}/A"].astype(np.float32)
        if delta.shape != weight.shape:
            raise AdapterError(f"the adapter's {layer} is {delta.shape}, the model's {weight.shape}")
        variables[name] = (weight.astype(np.float32) + delta).astype(weight.dtype)
    return Model(model.version, model.spec, model.revision, variables, model.aliases)


def packaged() -> Path | None:
    return ADAPTER if ADAPTER.exists() else None


def for_combined(chosen: Path | None) -> Path | None:
    """The adapter the combined recogniser runs when ``chosen`` is asked for: session 12's in
    the packaged one's place, any other choice as it is."""
    if chosen is not None and chosen == packaged() and SESSION12.exists():
        return SESSION12
    return chosen


def adapted_files(model_dir: Path, adapter: Path) -> dict[str, bytes]:
    """The model directory's files, ``model.bin`` merged with ``adapter`` (~1 s, 250 MB
    at its peak)."""
    with np.load(adapter) as weights:
        merged = merge(read_model((model_dir / "model.bin").read_bytes()), dict(weights))
    files = {p.name: p.read_bytes() for p in model_dir.iterdir() if p.is_file() and p.name != "model.bin"}
    files["model.bin"] = write_model(merged)
    return files


@contextlib.contextmanager
def merged_model(model_dir: Path, adapter: Path) -> Iterator[Path]:
    """A directory holding ``model_dir``'s model merged with ``adapter``, for as long as
    the block runs (long enough for CTranslate2 to load it). Raises ``AdapterError``."""
    with tempfile.TemporaryDirectory(prefix="voicertc-whisper-") as tmp:
        done = subprocess.run(
            [sys.executable, "-m", __name__, str(model_dir), str(adapter), tmp],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
            raise AdapterError(f"merging {adapter.name} into {model_dir}: {lines[-1]}")
        yield Path(tmp)


def main(argv: list[str]) -> None:
    """``python -m voicertc.assistant.whisper_adapter MODEL_DIR ADAPTER OUT_DIR``"""
    model_dir, adapter, out = (Path(a) for a in argv)
    try:
        files = adapted_files(model_dir, adapter)
    except (AdapterError, OSError) as e:
        raise SystemExit(str(e)) from None  # the parent shows stderr's last line
    for name, data in files.items():
        (out / name).write_bytes(data)


if __name__ == "__main__":
    main(sys.argv[1:])
