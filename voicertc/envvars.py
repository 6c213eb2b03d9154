"""VOICERTC_<NAME> environment variables, read as the type their flag takes."""

from __future__ import annotations

import os

from .config import ConfigError


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"VOICERTC_{name}", default)


def env_int(name: str, default: int | None) -> int | None:
    raw = env(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"VOICERTC_{name} must be a whole number, got {raw!r}") from None


def env_float(name: str, default: float) -> float:
    raw = env(name)
    if raw is None:
        return default
    try:
        return float(raw)
    except ValueError:
        raise ConfigError(f"VOICERTC_{name} must be a number, got {raw!r}") from None


def env_list(name: str) -> list[str]:
    raw = env(name) or ""
    return [item.strip() for item in raw.split(",") if item.strip()]
