"""`voicertc serve` flags for operating calls: usage webhook, recordings, traces, per-user cap."""

from __future__ import annotations

import argparse
from typing import Any

from ..envvars import env, env_int


def add_operation_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-sessions-per-user",
        type=int,
        default=env_int("MAX_SESSIONS_PER_USER", 0),
        metavar="N",
        help="concurrent calls per user (a JWT's sub), 0 for no cap; needs --jwt-secret "
        "(VOICERTC_MAX_SESSIONS_PER_USER)",
    )
    parser.add_argument(
        "--record-dir",
        default=env("RECORD_DIR"),
        metavar="DIR",
        help="record every call here as <session_id>.ogg (caller left, assistant right) and "
        ".json (captions, effects, usage); callers are told (VOICERTC_RECORD_DIR)",
    )
    parser.add_argument(
        "--usage-webhook",
        default=env("USAGE_WEBHOOK"),
        metavar="URL",
        help="POST each call's session_ended object (usage) here as JSON (VOICERTC_USAGE_WEBHOOK)",
    )
    parser.add_argument(
        "--otlp-endpoint",
        default=env("OTLP_ENDPOINT"),
        metavar="URL",
        help="export OpenTelemetry traces over OTLP/HTTP, e.g. http://collector:4318/v1/traces; "
        "needs voicertc[otel] (VOICERTC_OTLP_ENDPOINT)",
    )


def operation_config(args: argparse.Namespace) -> dict[str, Any]:
    """ServerConfig fields from the flags added above."""
    return {
        "max_sessions_per_user": args.max_sessions_per_user or None,
        "record_dir": args.record_dir or None,
        "usage_webhook": args.usage_webhook or None,
        "otlp_endpoint": args.otlp_endpoint or None,
    }
