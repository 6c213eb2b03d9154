"""`voicertc serve`: flags, each with a VOICERTC_<NAME> environment variable."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from aiohttp import web

from .config import DEFAULT_INSTRUCTIONS, ConfigError, ServerConfig
from .edge.ice import IceSettings


def _env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"VOICERTC_{name}", default)


def _env_int(name: str, default: int) -> int:
    raw = _env(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"VOICERTC_{name} must be a whole number, got {raw!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voicertc", description="Talk with an AI voice assistant over WebRTC."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser(
        "serve", help="start the server, its web page and the embedded assistant"
    )
    serve.add_argument(
        "--host", default=_env("HOST", "127.0.0.1"), help="address to listen on (VOICERTC_HOST)"
    )
    serve.add_argument(
        "--port", type=int, default=_env_int("PORT", 8080), help="port (VOICERTC_PORT, 8080)"
    )
    serve.add_argument(
        "--model", default=_env("MODEL", "gpt-realtime"), help="Realtime model (VOICERTC_MODEL)"
    )
    serve.add_argument(
        "--voice", default=_env("VOICE", "marin"), help="assistant voice (VOICERTC_VOICE)"
    )
    serve.add_argument(
        "--instructions",
        default=_env("INSTRUCTIONS", DEFAULT_INSTRUCTIONS),
        help="system instructions for the model (VOICERTC_INSTRUCTIONS)",
    )
    serve.add_argument(
        "--upstream-url",
        default=_env("UPSTREAM_URL"),
        help="a Realtime-compatible ws(s):// base URL instead of OpenAI or the embedded assistant",
    )
    serve.add_argument(
        "--brain",
        default=_env("BRAIN", "assistant"),
        choices=["assistant", "echo"],
        help="the embedded endpoint's brain: the offline assistant, or echo for benchmarks",
    )
    hosts = _env("ICE_HOSTS")
    serve.add_argument(
        "--ice-host",
        action="append",
        dest="ice_hosts",
        default=[h.strip() for h in hosts.split(",") if h.strip()] if hosts else None,
        help="local address offered as an ICE host candidate; repeatable "
        "(VOICERTC_ICE_HOSTS, comma separated)",
    )
    serve.add_argument(
        "--max-sessions",
        type=int,
        default=_env_int("MAX_SESSIONS", 50),
        help="concurrent calls before new ones get 503 (VOICERTC_MAX_SESSIONS)",
    )
    serve.add_argument(
        "--log-level",
        default=_env("LOG_LEVEL", "info"),
        help="debug, info, warning (VOICERTC_LOG_LEVEL)",
    )
    return parser


def config_from_args(args: argparse.Namespace) -> ServerConfig:
    config = ServerConfig(
        host=args.host,
        port=args.port,
        model=args.model,
        voice=args.voice,
        instructions=args.instructions,
        openai_api_key=os.environ.get("OPENAI_API_KEY") or None,
        upstream_url=args.upstream_url,
        brain=args.brain,
        ice=IceSettings(hosts=args.ice_hosts or []),
        max_sessions=args.max_sessions,
    )
    config.validate()
    return config


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        config = config_from_args(args)
    except ConfigError as exc:
        print(f"voicertc: configuration error: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=getattr(logging, str(args.log_level).upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    from .server import create_app

    app = create_app(config)
    logging.getLogger("voicertc").info(
        "voicertc on http://%s:%d (assistant: %s)", config.host, config.port, config.upstream_label
    )
    web.run_app(app, host=config.host, port=config.port, print=None)
    return 0
