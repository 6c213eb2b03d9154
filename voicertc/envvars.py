"""VOICERTC_<NAME> environment variables, read as the type their flag takes."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import Any

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


_READERS: dict[type, Callable[[str, Any], Any]] = {str: env, int: env_int, float: env_float}


def add_env_flag(
    parser: argparse.ArgumentParser | argparse._ArgumentGroup,
    flag: str,
    *,
    type: type = str,
    default: Any = None,
    help: str,
    shown: str | None = None,
    **kwargs: Any,
) -> None:
    """Adds `flag`, its default read from VOICERTC_<NAME> (the flag's words in capitals),
    and ends its help with the variable and the default (or `shown`), so neither is
    written twice and the help cannot drift from what is read."""
    name = flag.removeprefix("--").upper().replace("-", "_")
    if shown is None and default not in (None, ""):
        shown = f"{default:g}" if isinstance(default, float) else str(default)
    suffix = f"VOICERTC_{name}, {shown}" if shown else f"VOICERTC_{name}"
    if type is not str:
        kwargs["type"] = type
    parser.add_argument(flag, default=_READERS[type](name, default), help=f"{help} ({suffix})", **kwargs)
