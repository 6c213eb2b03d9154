"""Server configuration: one dataclass, filled from CLI flags and VOICERTC_* variables."""

from __future__ import annotations

from dataclasses import dataclass, field

from .cluster.settings import ClusterSettings
from .edge.access import AccessPolicy
from .edge.ice import IceSettings
from .edge.peers import parse_classes
from .protocol import live
from .session.limits import CallLimits
from .upstream.settings import SessionSettings, SettingsError

DEFAULT_INSTRUCTIONS = (
    "You are voicertc, a friendly audio engineer in a live voice call. Keep answers short "
    "and spoken, one or two sentences. You shape the sound of the user's audio with "
    "effects: reverb, delay, lowpass, highpass, gain and compressor. When the user asks "
    "for a change, call apply_audio_effect; when asked what is on, call get_effects. "
    "After a tool call, say in a few words what changed."
)


class ConfigError(ValueError):
    """A setting is invalid; the message says which and how to fix it."""


@dataclass
class ServerConfig(CallLimits):
    """Everything `voicertc serve` is told; the call limits (`CallLimits`) pass on to each session."""

    host: str = "127.0.0.1"
    port: int = 8080
    #: None: gpt-live-1.1 for the Live upstream, gpt-realtime-2.1 for Realtime.
    model: str | None = None
    #: "realtime", "live", or "auto" (Live for a gpt-live-* model, else Realtime).
    upstream: str = "auto"
    voice: str = "marin"
    instructions: str = DEFAULT_INSTRUCTIONS
    #: The model session's settings (turn detection, noise reduction, transcription...).
    settings: SessionSettings = field(default_factory=SessionSettings)
    openai_api_key: str | None = None
    #: A Realtime-compatible WebSocket base URL to use instead of OpenAI or the embedded one.
    upstream_url: str | None = None
    #: The embedded endpoint's brain: "assistant" (offline speech) or "echo" (benchmarks).
    brain: str = "assistant"
    #: The embedded assistant's voice: "espeak" (espeak-ng), "piper" or "piper:/path/voice.onnx".
    tts: str = "espeak"
    ice: IceSettings = field(default_factory=IceSettings)
    #: Classes of remote ICE addresses checked ("public", "private", "loopback"); None:
    #: chosen from the server's own ICE addresses (edge/peers.py).
    ice_peer_addresses: tuple[str, ...] | None = None
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
    access: AccessPolicy = field(default_factory=AccessPolicy)
    max_sessions: int = 50
    #: Open /v1/realtime connections from clients other than the server's own sessions;
    #: None: as many as max_sessions.
    max_endpoint_connections: int | None = None
    max_body_bytes: int = 64 * 1024
    #: A request body not all arrived this long after its headers gets 408.
    body_timeout_seconds: float = 10.0
    #: Concurrent calls one user (a JWT's `sub`) may hold; None for no cap.
    max_sessions_per_user: int | None = None
    #: Write each call to `<session_id>.ogg` and `.json` here; None records nothing.
    record_dir: str | None = None
    #: POST each call's `session_ended` object here (http:// or https://).
    usage_webhook: str | None = None
    #: Export OpenTelemetry traces over OTLP/HTTP here (needs the `otel` extra).
    otlp_endpoint: str | None = None
    #: How long a drain (SIGTERM, POST /admin/drain) lets calls go on; 0 stops at once.
    drain_seconds: float = 600.0
    #: Load average per core above which /readyz says "overloaded"; None for no check.
    max_load: float | None = None

    def __post_init__(self) -> None:
        if self.model is None:
            self.model = live.DEFAULT_MODEL if self.upstream == "live" else "gpt-realtime-2.1"

    @property
    def protocol(self) -> str:
        """The upstream protocol calls use: "realtime" or "live"."""
        if self.upstream == "auto":
            return "live" if live.is_live_model(str(self.model)) else "realtime"
        return self.upstream

    @property
    def endpoint_connection_limit(self) -> int:
        return self.max_sessions if self.max_endpoint_connections is None else self.max_endpoint_connections

    @property
    def upstream_label(self) -> str:
        if self.upstream_url:
            return "custom"
        return "openai" if self.openai_api_key else "embedded"

    def validate(self) -> None:
        if not 0 <= self.port <= 65535:
            raise ConfigError(f"--port must be between 0 and 65535, got {self.port}")
        if self.brain not in ("assistant", "echo"):
            raise ConfigError(f"--brain must be 'assistant' or 'echo', got {self.brain!r}")
        if self.tts != "espeak":
            from .assistant.piper_tts import voice_path
            from .assistant.tts import TtsError

            if not (self.tts == "piper" or self.tts.startswith("piper:")):
                raise ConfigError(f"--tts must be espeak, piper or piper:/path/voice.onnx, got {self.tts!r}")
            try:
                voice_path(self.tts)
            except TtsError as exc:
                raise ConfigError(str(exc)) from None
        if not self.body_timeout_seconds > 0:
            raise ConfigError(f"--body-timeout must be more than 0, got {self.body_timeout_seconds:g}")
        if self.drain_seconds < 0:
            raise ConfigError(f"--drain-seconds must be 0 or more, got {self.drain_seconds:g}")
        if self.max_load is not None and self.max_load <= 0:
            raise ConfigError(f"--max-load must be more than 0, got {self.max_load:g}")
        if self.ice_peer_addresses is not None:
            try:
                parse_classes(",".join(self.ice_peer_addresses))
            except ValueError as exc:
                raise ConfigError(str(exc)) from None
        if self.max_sessions < 1:
            raise ConfigError(f"--max-sessions must be at least 1, got {self.max_sessions}")
        if self.max_endpoint_connections is not None and self.max_endpoint_connections < 0:
            raise ConfigError(
                f"--max-endpoint-connections must be 0 or more, got {self.max_endpoint_connections}"
            )
        try:
            self.ice.validate()
            self.access.validate()
            self.cluster.validate()
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
        if self.upstream not in ("auto", "realtime", "live"):
            raise ConfigError(f"--upstream must be auto, realtime or live, got {self.upstream!r}")
        if self.protocol == "live" and not live.is_live_model(str(self.model)):
            raise ConfigError(f"--upstream live needs a Live model (gpt-live-*), got {self.model!r}")
        if self.upstream == "realtime" and live.is_live_model(str(self.model)):
            raise ConfigError(f"{self.model} is a Live model: use --upstream live (or auto)")
        if self.protocol == "live":
            changed = [k for k, v in vars(self.settings).items() if v != getattr(SessionSettings(), k)]
            if changed:
                raise ConfigError(
                    f"{changed[0]} is a Realtime session setting: the Live API decides turns, "
                    "speed and length itself (docs/upstreams.md)"
                )
        try:
            self.settings.validate()
        except SettingsError as exc:
            raise ConfigError(str(exc)) from None
        if self.upstream_url and not self.upstream_url.startswith(("ws://", "wss://")):
            raise ConfigError(f"--upstream-url must start with ws:// or wss://, got {self.upstream_url!r}")
        self._validate_operations()

    def _validate_operations(self) -> None:
        if self.max_sessions_per_user is not None and self.max_sessions_per_user < 1:
            raise ConfigError(f"--max-sessions-per-user must be at least 1, got {self.max_sessions_per_user}")
        if self.max_sessions_per_user is not None and not self.access.jwt_secret:
            raise ConfigError("--max-sessions-per-user needs --jwt-secret: users are the JWTs' sub claims")
        if self.usage_webhook and not self.usage_webhook.startswith(("http://", "https://")):
            raise ConfigError(f"--usage-webhook must be an http(s) URL, got {self.usage_webhook!r}")
        if self.record_dir:
            from .ops.recording import check_record_dir

            try:
                check_record_dir(self.record_dir)
            except ValueError as exc:
                raise ConfigError(str(exc)) from None
        if self.otlp_endpoint:
            if not self.otlp_endpoint.startswith(("http://", "https://")):
                raise ConfigError(f"--otlp-endpoint must be an http(s) URL, got {self.otlp_endpoint!r}")
            try:
                import opentelemetry.sdk.trace  # noqa: F401
            except ImportError:
                raise ConfigError("--otlp-endpoint needs OpenTelemetry: pip install voicertc[otel]") from None
