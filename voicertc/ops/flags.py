"""`voicertc serve` flags for operating calls: usage webhook, recordings, traces, per-user cap."""

from __future__ import annotations

import argparse
from typing import Any

from ..envvars import add_env_flag


def add_operation_flags(parser: argparse.ArgumentParser) -> None:
    add_env_flag(
        parser,
        "--max-sessions-per-user",
        type=int,
        default=0,
        metavar="N",
        help="concurrent calls per user (a JWT's sub), 0 for no cap; needs --jwt-secret ",
    )
    add_env_flag(
        parser,
        "--record-dir",
        metavar="DIR",
        help="record every call here as <session_id>.ogg (caller left, assistant right) and "
        ".json (captions, effects, usage); callers are told",
    )
    add_env_flag(
        parser,
        "--usage-webhook",
        metavar="URL",
        help="POST each call's session_ended object (usage) here as JSON",
    )
    add_env_flag(
        parser,
        "--otlp-endpoint",
        metavar="URL",
        help="export OpenTelemetry traces over OTLP/HTTP, e.g. http://collector:4318/v1/traces; "
        "needs voicertc[otel]",
    )


def operation_config(args: argparse.Namespace) -> dict[str, Any]:
    """ServerConfig fields from the flags added above."""
    return {
        "max_sessions_per_user": args.max_sessions_per_user or None,
        "record_dir": args.record_dir or None,
        "usage_webhook": args.usage_webhook or None,
        "otlp_endpoint": args.otlp_endpoint or None,
    }
