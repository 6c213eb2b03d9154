"""whisper_adapter: CTranslate2's model.bin read and written, and a LoRA update merged into it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from voicertc.assistant import whisper, whisper_adapter
from voicertc.assistant.whisper_adapter import AdapterError, Model, merge, read_model, write_model


def small_model() -> Model:
    rng = np.random.default_rng(0)
    return Model(
        version=6,
        spec="WhisperSpec",
        revision=3,
        variables={
            "decoder/layer_0/ffn/linear_0/weight": rng.normal(size=(6, 4)).astype(np.float16),
            "decoder/layer_0/ffn/linear_0/bias": np.zeros(6, np.float16),
            "decoder/num_heads": np.array(6, np.int16),
            "decoder/embeddings/weight": rng.normal(size=(5, 4)).astype(np.float16),
        },
        aliases=[("decoder/projection/weight", "decoder/embeddings/weight")],
    )


def test_a_model_written_reads_back_the_same() -> None:
    model = small_model()
    again = read_model(write_model(model))
    assert (again.version, again.spec, again.revision, again.aliases) == (6, "WhisperSpec", 3, model.aliases)
    assert list(again.variables) == list(model.variables)
    for name, value in model.variables.items():
        assert again.variables[name].dtype == value.dtype
        np.testing.assert_array_equal(again.variables[name], value)


def test_the_packaged_whisper_model_round_trips_byte_for_byte() -> None:
    # The writer must reproduce CTranslate2's own layout, or the merged model would not load.
    raw = (whisper.model_path() / "model.bin").read_bytes()
    assert write_model(read_model(raw)) == raw


def test_merge_adds_b_times_a_to_the_named_layer_only() -> None:
    model = small_model()
    a = np.full((2, 4), 0.5, np.float16)
    b = np.full((6, 2), 0.25, np.float16)
    merged = merge(model, {"decoder/layer_0/ffn/linear_0/A": a, "decoder/layer_0/ffn/linear_0/B": b})
    name = "decoder/layer_0/ffn/linear_0/weight"
    want = model.variables[name].astype(np.float32) + 0.25  # each entry: 2 x 0.5 x 0.25
    np.testing.assert_allclose(merged.variables[name].astype(np.float32), want, atol=1e-2)
    assert merged.variables[name].dtype == np.float16
    for other in ("decoder/layer_0/ffn/linear_0/bias", "decoder/embeddings/weight"):
        assert merged.variables[other] is model.variables[other]


LAYER = "decoder/layer_0/ffn/linear_0"
OTHER = "decoder/layer_9/ffn/linear_0"


@pytest.mark.parametrize(
    ("adapter", "message"),
    [
        ({f"{OTHER}/A": np.zeros((2, 4)), f"{OTHER}/B": np.zeros((6, 2))}, "layer_9"),
        ({f"{LAYER}/A": np.zeros((2, 4))}, "needs A, B"),
        ({f"{LAYER}/A": np.zeros((2, 5)), f"{LAYER}/B": np.zeros((6, 2))}, r"\(6, 5\)"),
    ],
)
def test_an_adapter_that_does_not_fit_is_refused_by_name(
    adapter: dict[str, np.ndarray], message: str
) -> None:
    with pytest.raises(AdapterError, match=message):
        merge(small_model(), adapter)


def test_another_binary_version_is_refused() -> None:
    raw = bytearray(write_model(small_model()))
    raw[0] = 5
    with pytest.raises(AdapterError, match="version 5"):
        read_model(bytes(raw))


def test_the_adapter_is_chosen_by_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(whisper.ADAPTER_ENV, raising=False)
    assert whisper.adapter_from_env() == whisper_adapter.packaged()
    monkeypatch.setenv(whisper.ADAPTER_ENV, "off")
    assert whisper.adapter_from_env() is None
    other = tmp_path / "other.npz"
    np.savez(other, x=np.zeros(1))
    monkeypatch.setenv(whisper.ADAPTER_ENV, str(other))
    assert whisper.adapter_from_env() == other
    monkeypatch.setenv(whisper.ADAPTER_ENV, str(tmp_path / "missing.npz"))
    with pytest.raises(ValueError, match="VOICERTC_WHISPER_ADAPTER"):
        whisper.adapter_from_env()


def test_the_package_ships_an_adapter_that_fits_its_model() -> None:
    path = whisper_adapter.packaged()
    assert path is not None, "voicertc/assistant/models/whisper-tiny-en-commands.npz is missing"
    files = whisper_adapter.adapted_files(whisper.model_path(), path)
    assert set(files) >= {"model.bin", "config.json", "vocabulary.txt", "tokenizer.json"}
    assert (
        read_model(files["model.bin"]).variables.keys()
        == read_model((whisper.model_path() / "model.bin").read_bytes()).variables.keys()
    )


def test_the_merged_model_is_written_by_a_child_and_gone_after(tmp_path: Path) -> None:
    with whisper_adapter.merged_model(whisper.model_path(), whisper_adapter.packaged()) as merged:
        names = {p.name for p in merged.iterdir()}
        assert names >= {"model.bin", "config.json", "vocabulary.txt", "tokenizer.json"}
        plain = (whisper.model_path() / "model.bin").read_bytes()
        assert (merged / "model.bin").stat().st_size == len(plain)  # the same layout, other weights
        assert (merged / "model.bin").read_bytes() != plain
    assert not merged.exists()


def test_a_child_that_cannot_merge_raises_with_its_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.npz"
    np.savez(
        bad,
        **{
            "decoder/layer_9/ffn/linear_0/A": np.zeros((2, 4)),
            "decoder/layer_9/ffn/linear_0/B": np.zeros((6, 2)),
        },
    )
    with (
        pytest.raises(AdapterError, match=r"bad\.npz.*: the adapter.s decoder/layer_9/\S+ does not match"),
        whisper_adapter.merged_model(whisper.model_path(), bad),
    ):
        pass
