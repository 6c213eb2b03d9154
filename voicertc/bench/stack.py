"""The versions of the packages the offline assistant hears with, recorded beside a speech
figure: two installs of the same tree hear a little differently (session 29: a fresh install
read 0.2-0.7 points fewer spoken commands), so a figure is compared only with one measured on
the same stack."""

from __future__ import annotations

from importlib import metadata

# Recognition (CTranslate2's Whisper), the VAD and reader (onnxruntime), decoding and
# resampling (PyAV, soxr) and the arrays between them.
HEARING = ("ctranslate2", "onnxruntime", "numpy", "av", "soxr", "websockets")


def versions(packages: tuple[str, ...] = HEARING) -> dict[str, str | None]:
    """Each package's installed version; None where it is not installed."""
    found: dict[str, str | None] = {}
    for name in packages:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found
