"""`voicertc serve`'s flags for the model session's settings and instructions.

Values are checked by `SessionSettings.validate` (not argparse `choices`), so a bad
VOICERTC_* variable gets the same `configuration error` as a bad flag.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .config import DEFAULT_INSTRUCTIONS, ConfigError
from .envvars import add_env_flag
from .upstream.settings import (
    EAGERNESS,
    NOISE_REDUCTIONS,
    REASONING_EFFORTS,
    SessionSettings,
)

_DEFAULTS = SessionSettings()
_OFF = ("", "none", "off")


def add_session_flags(serve: argparse.ArgumentParser) -> None:
    group = serve.add_argument_group(
        "model session",
        "How the Realtime model detects turns, hears and answers (Live decides these "
        "itself). The embedded assistant honours turn detection (semantic_vad's eagerness "
        "as its end-of-turn wait) and answers a setting it cannot honour with an error "
        "naming it (docs/upstreams.md).",
    )
    add_env_flag(
        group,
        "--turn-detection",
        default=_DEFAULTS.turn_detection,
        metavar="MODE",
        help="server_vad (silence ends a turn), semantic_vad (a model judges when you are "
        "done) or none (push-to-talk: the page commits each turn)",
    )
    add_env_flag(
        group,
        "--vad-eagerness",
        default=_DEFAULTS.vad_eagerness,
        metavar="LEVEL",
        help=f"semantic_vad: {', '.join(EAGERNESS)}; low waits up to 8 s for you to go on, high up to 2 s",
    )
    add_env_flag(
        group,
        "--vad-threshold",
        type=float,
        default=_DEFAULTS.vad_threshold,
        help="server_vad: speech probability 0-1 that starts a turn",
    )
    add_env_flag(
        group,
        "--vad-silence-ms",
        type=int,
        default=_DEFAULTS.silence_duration_ms,
        help="server_vad: silence that ends a turn",
    )
    add_env_flag(
        group,
        "--vad-prefix-ms",
        type=int,
        default=_DEFAULTS.prefix_padding_ms,
        help="server_vad: audio kept before the speech onset",
    )
    add_env_flag(
        group,
        "--idle-timeout-ms",
        type=int,
        help="server_vad: the model speaks up after this long without speech, 5000-30000",
        shown="off",
    )
    add_env_flag(
        group,
        "--noise-reduction",
        default="off",
        metavar="TYPE",
        help=f"input noise reduction: {', '.join(NOISE_REDUCTIONS)} (headset / laptop or room "
        "microphone) or off",
    )
    add_env_flag(
        group,
        "--transcription-model",
        default=_DEFAULTS.transcription_model,
        metavar="MODEL",
        help="model for the user's captions, or none",
    )
    add_env_flag(
        group,
        "--transcription-language",
        metavar="CODE",
        help="ISO-639-1 language of the user's speech, e.g. en",
    )
    add_env_flag(
        group,
        "--transcription-prompt",
        metavar="TEXT",
        help="words to guide the captions, e.g. 'reverb, lowpass, decibels'",
    )
    add_env_flag(
        group, "--speed", type=float, default=_DEFAULTS.speed, help="speech speed of the answers, 0.25-1.5"
    )
    add_env_flag(
        group, "--max-output-tokens", default="inf", metavar="N", help="tokens per answer, 1-4096 or inf"
    )
    add_env_flag(
        group,
        "--reasoning-effort",
        metavar="LEVEL",
        help=f"reasoning models (gpt-realtime-2.x): {', '.join(REASONING_EFFORTS)}",
        shown="the model's default",
    )
    add_env_flag(
        group,
        "--tool-choice",
        default=_DEFAULTS.tool_choice,
        metavar="CHOICE",
        help="auto, none, required, or a function the model must call",
    )


def _off_or(value: str | None) -> str | None:
    return None if value is None or value.strip().lower() in _OFF else value.strip()


def _max_tokens(raw: str) -> int | None:
    if raw.strip().lower() == "inf":
        return None
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"--max-output-tokens must be a whole number 1-4096 or inf, got {raw!r}") from None


def session_settings_from_args(args: argparse.Namespace) -> SessionSettings:
    """The flags' settings; validated by the caller (ServerConfig.validate)."""
    turn = str(args.turn_detection).strip().lower()
    return SessionSettings(
        turn_detection="none" if turn in _OFF else turn,
        vad_eagerness=args.vad_eagerness,
        vad_threshold=args.vad_threshold,
        silence_duration_ms=args.vad_silence_ms,
        prefix_padding_ms=args.vad_prefix_ms,
        idle_timeout_ms=args.idle_timeout_ms or None,
        noise_reduction=_off_or(args.noise_reduction),
        transcription_model=_off_or(args.transcription_model),
        transcription_language=args.transcription_language or None,
        transcription_prompt=args.transcription_prompt or None,
        speed=args.speed,
        max_output_tokens=_max_tokens(args.max_output_tokens),
        reasoning_effort=args.reasoning_effort or None,
        tool_choice=args.tool_choice,
    )


def instructions_from_args(args: argparse.Namespace) -> str:
    """--instructions-file wins over --instructions; an unreadable file is a config error."""
    if not args.instructions_file:
        return str(args.instructions or DEFAULT_INSTRUCTIONS)
    path = Path(args.instructions_file)
    try:
        text = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"--instructions-file {path}: {exc}") from None
    if not text:
        raise ConfigError(f"--instructions-file {path} is empty")
    return text
