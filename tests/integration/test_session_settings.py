"""Session settings: their Realtime shape against the SDK's own types, the serve flags and
variables that set them, their validation, and the embed API's per-call override."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiohttp import web
from aiortc import RTCPeerConnection
from conftest import serve_app
from openai._models import BaseModel
from openai.types.realtime import SessionUpdateEvent

from voicertc import ServerConfig, SessionOptions, UpstreamConfig
from voicertc.cli import build_parser, config_from_args, main
from voicertc.client import CallClient
from voicertc.edge.access import AccessPolicy
from voicertc.edge.ice import IceSettings, rtc_configuration
from voicertc.embed import attach, mount
from voicertc.upstream.settings import SessionSettings, SettingsError

EVERY_SETTING = [
    {"turn_detection": "semantic_vad", "vad_eagerness": "low", "noise_reduction": "far_field"},
    {
        "turn_detection": "server_vad",
        "vad_threshold": 0.7,
        "silence_duration_ms": 800,
        "prefix_padding_ms": 200,
        "idle_timeout_ms": 6000,
        "noise_reduction": "near_field",
        "transcription_language": "en",
        "transcription_prompt": "reverb, lowpass",
        "speed": 1.25,
        "max_output_tokens": 300,
        "reasoning_effort": "low",
        "tool_choice": "apply_audio_effect",
    },
    {"turn_detection": "none", "transcription_model": None, "tool_choice": "required"},
]


def _no_extras(model: BaseModel, path: str = "event") -> None:
    """The SDK's models accept unknown keys; a key they do not name is a shape error here."""
    assert not model.model_extra, f"{path} has fields the SDK does not know: {sorted(model.model_extra)}"
    for name in type(model).model_fields:
        value = getattr(model, name)
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(item, BaseModel):
                _no_extras(item, f"{path}.{name}" + (f"[{i}]" if isinstance(value, list) else ""))


@pytest.mark.parametrize("changes", EVERY_SETTING)
def test_every_setting_has_the_sdks_shape(changes: dict[str, Any]) -> None:
    event = UpstreamConfig().with_changes(changes).session_update()
    parsed = SessionUpdateEvent.model_validate(event, strict=True)
    _no_extras(parsed)
    # Nothing lost on the way through the SDK's types either.
    assert parsed.model_dump(mode="json", exclude_unset=True) == event
    session = event["session"]
    detection = session["audio"]["input"]["turn_detection"]
    if changes["turn_detection"] == "none":
        assert detection is None and session["audio"]["input"]["transcription"] is None
    else:
        assert detection["type"] == changes["turn_detection"]
    if changes["turn_detection"] == "semantic_vad":
        assert detection["eagerness"] == "low" and "threshold" not in detection
    if "speed" in changes:
        assert session["audio"]["output"]["speed"] == 1.25
        assert session["max_output_tokens"] == 300 and session["reasoning"] == {"effort": "low"}
        assert session["tool_choice"] == {"type": "function", "name": "apply_audio_effect"}
        assert detection["idle_timeout_ms"] == 6000
        assert session["audio"]["input"]["transcription"] == {
            "model": "gpt-live-transcribe",
            "language": "en",
            "prompt": "reverb, lowpass",
        }


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"turn_detection": "semantic"}, "--turn-detection"),
        ({"vad_eagerness": "eager"}, "--vad-eagerness"),
        ({"vad_threshold": 1.5}, "--vad-threshold"),
        ({"idle_timeout_ms": 100}, "--idle-timeout-ms"),
        ({"turn_detection": "semantic_vad", "idle_timeout_ms": 6000}, "server_vad"),
        ({"noise_reduction": "studio"}, "--noise-reduction"),
        ({"transcription_language": "English"}, "ISO-639-1"),
        ({"speed": 3}, "--speed"),
        ({"max_output_tokens": 5000}, "--max-output-tokens"),
        ({"reasoning_effort": "max"}, "--reasoning-effort"),
        ({"tool_choice": "call it!"}, "--tool-choice"),
        ({"loudness": 3}, "unknown session setting"),
    ],
)
def test_a_bad_setting_is_named(changes: dict[str, Any], named: str) -> None:
    with pytest.raises(SettingsError, match=named):
        SessionSettings().with_changes(changes)


def _settings(*argv: str) -> SessionSettings:
    return config_from_args(build_parser().parse_args(["serve", *argv])).settings


def test_flags_set_every_setting() -> None:
    settings = _settings(
        "--turn-detection", "semantic_vad", "--vad-eagerness", "high", "--noise-reduction", "near_field",
        "--transcription-model", "gpt-transcribe", "--transcription-language", "de",
        "--transcription-prompt", "Hall", "--speed", "0.8", "--max-output-tokens", "200",
        "--reasoning-effort", "minimal", "--tool-choice", "none",
    )  # fmt: skip
    assert settings == SessionSettings(
        turn_detection="semantic_vad",
        vad_eagerness="high",
        noise_reduction="near_field",
        transcription_model="gpt-transcribe",
        transcription_language="de",
        transcription_prompt="Hall",
        speed=0.8,
        max_output_tokens=200,
        reasoning_effort="minimal",
        tool_choice="none",
    )
    server_vad = _settings("--vad-threshold", "0.6", "--vad-silence-ms", "700", "--vad-prefix-ms", "100",
                           "--idle-timeout-ms", "9000", "--transcription-model", "none")  # fmt: skip
    assert (server_vad.vad_threshold, server_vad.silence_duration_ms, server_vad.prefix_padding_ms) == (
        0.6,
        700,
        100,
    )
    assert server_vad.idle_timeout_ms == 9000 and server_vad.transcription_model is None
    assert _settings() == SessionSettings()


def test_variables_set_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOICERTC_TURN_DETECTION", "none")
    monkeypatch.setenv("VOICERTC_SPEED", "1.5")
    monkeypatch.setenv("VOICERTC_NOISE_REDUCTION", "far_field")
    monkeypatch.setenv("VOICERTC_MAX_OUTPUT_TOKENS", "inf")
    settings = _settings()
    assert settings.push_to_talk and settings.speed == 1.5 and settings.noise_reduction == "far_field"
    assert settings.max_output_tokens is None


@pytest.mark.parametrize(
    ("argv", "env", "needle"),
    [
        (["--turn-detection", "semantic"], {}, "--turn-detection"),
        (["--speed", "2"], {}, "--speed"),
        ([], {"VOICERTC_NOISE_REDUCTION": "loud"}, "--noise-reduction"),
        ([], {"VOICERTC_VAD_EAGERNESS": "fast"}, "--vad-eagerness"),
        (["--max-output-tokens", "lots"], {}, "--max-output-tokens"),
        ([], {"VOICERTC_SPEED": "quick"}, "VOICERTC_SPEED"),
        (["--instructions-file", "/nonexistent/voicertc.txt"], {}, "--instructions-file"),
    ],
)
def test_bad_values_exit_2_with_a_configuration_error(
    argv: list[str], env: dict[str, str], needle: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(["serve", *argv]) == 2
    err = capsys.readouterr().err
    assert "configuration error" in err and needle in err


def test_help_names_semantic_vad_and_noise_reduction(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    assert "semantic_vad" in out and "--noise-reduction" in out and "near_field" in out


def test_instructions_file(tmp_path) -> None:
    path = tmp_path / "instructions.txt"
    path.write_text("Speak like a pirate.\n", encoding="utf-8")
    args = build_parser().parse_args(["serve", "--instructions-file", str(path)])
    assert config_from_args(args).instructions == "Speak like a pirate."
    path.write_text("  \n", encoding="utf-8")
    with pytest.raises(ValueError, match="empty"):
        config_from_args(args)


async def test_attach_overrides_settings_for_one_call() -> None:
    """The embedded endpoint is told the call's settings and confirms them."""
    app = web.Application()
    mount(app, "/voice", ServerConfig(ice=IceSettings(hosts=["127.0.0.1"])))
    url, runner = await serve_app(app)
    pc = RTCPeerConnection(rtc_configuration())
    options = SessionOptions(upstream=UpstreamConfig(base_url=url.replace("http", "ws") + "/voice/v1"))
    with pytest.raises(SettingsError, match="--speed"):
        await attach(pc, options, settings={"speed": 9})
    session = await attach(pc, options, settings={"turn_detection": "semantic_vad", "vad_eagerness": "low"})
    updated: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
    session.on(
        "upstream_event",
        lambda event: event["type"] == "session.updated" and not updated.done() and updated.set_result(event),
    )
    try:
        audio = (await asyncio.wait_for(updated, 20))["session"]["audio"]
        assert audio["input"]["turn_detection"] == {
            "type": "semantic_vad",
            "eagerness": "low",
            "create_response": True,
            "interrupt_response": True,
        }
        assert options.upstream.turn_detection == "server_vad"  # the caller's options are untouched
    finally:
        await session.close()
        await runner.cleanup()


async def test_mount_settings_for_each_call() -> None:
    seen: list[str] = []

    def settings_for(request: web.Request) -> dict[str, Any]:
        seen.append(request.path)
        return {"turn_detection": "semantic_vad", "vad_eagerness": "high"}

    app = web.Application()
    config = ServerConfig(ice=IceSettings(hosts=["127.0.0.1"]), access=AccessPolicy(calls_per_minute=None))
    server = mount(app, "/voice", config, settings_for=settings_for)
    url, runner = await serve_app(app)
    client = CallClient(f"{url}/voice")
    try:
        await client.connect()
        upstream = server.sessions[client.session_id].options.upstream
        assert (upstream.turn_detection, upstream.vad_eagerness) == ("semantic_vad", "high")
        assert seen == ["/voice/offer"]
        assert config.settings == SessionSettings()  # the server's own settings stay as they were
    finally:
        await client.hang_up()
        await runner.cleanup()
