"""envvars.add_env_flag: a flag, its VOICERTC_ variable and its help from one statement."""

from __future__ import annotations

import argparse

import pytest

from voicertc.config import ConfigError
from voicertc.envvars import add_env_flag


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    add_env_flag(parser, "--rate-limit", type=float, default=30.0, help="calls a minute")
    add_env_flag(parser, "--log-format", default="text", choices=["text", "json"], help="format")
    add_env_flag(parser, "--idle-timeout-ms", type=int, help="wait", shown="off")
    return parser


def test_the_variable_named_after_the_flag_is_the_default(monkeypatch) -> None:
    monkeypatch.setenv("VOICERTC_RATE_LIMIT", "12.5")
    monkeypatch.setenv("VOICERTC_IDLE_TIMEOUT_MS", "7000")
    args = _parser().parse_args([])
    assert (args.rate_limit, args.log_format, args.idle_timeout_ms) == (12.5, "text", 7000)
    assert _parser().parse_args(["--rate-limit", "3"]).rate_limit == 3.0


def test_the_help_names_the_variable_and_the_default_once() -> None:
    text = " ".join(_parser().format_help().split())
    assert "calls a minute (VOICERTC_RATE_LIMIT, 30)" in text
    assert "format (VOICERTC_LOG_FORMAT, text)" in text
    assert "wait (VOICERTC_IDLE_TIMEOUT_MS, off)" in text


def test_a_variable_of_the_wrong_type_is_a_configuration_error(monkeypatch) -> None:
    monkeypatch.setenv("VOICERTC_RATE_LIMIT", "fast")
    with pytest.raises(ConfigError, match="VOICERTC_RATE_LIMIT must be a number"):
        _parser()
