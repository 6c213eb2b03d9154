"""Shared fixtures: a real voicertc server on loopback, and speech made by espeak-ng."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import subprocess
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from support.coturn import Coturn, running_coturn
from support.realtime_conformance import _realtime_garbage, realtime_conformance  # noqa: F401 (autouse)
from support.scripted_model import serve_app
from support.sdk import embedded_realtime

from voicertc import ServerConfig, create_app
from voicertc.client import CallClient
from voicertc.edge.access import AccessPolicy
from voicertc.edge.ice import IceSettings
from voicertc.patches import install as configure_process
from voicertc.server import SERVER_KEY, VoiceServer

CACHE = Path(__file__).parent / ".cache"
ARTIFACTS = Path(__file__).parent / "artifacts"


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise RuntimeError(f"{tool} is not installed; run the README's test command (it installs it)")
    return path


def synthesize_wav(
    text: str,
    *,
    voice: str = "en-us",
    speed: int = 160,
    rate: int = 24000,
    lead_s: float = 0.0,
    tail_s: float = 0.0,
) -> Path:
    """espeak-ng speech as 16-bit mono WAV at `rate`, cached by its parameters."""
    key = hashlib.sha1(f"{text}|{voice}|{speed}|{rate}|{lead_s}|{tail_s}|R".encode()).hexdigest()[:16]
    out = CACHE / f"{key}.wav"
    if not out.exists():
        CACHE.mkdir(exist_ok=True)
        raw = CACHE / f"{key}.espeak.wav"
        subprocess.run([_need("espeak-ng"), "-v", voice, "-s", str(speed), "-w", str(raw), text], check=True)
        effects = ["rate", str(rate)]
        if lead_s or tail_s:
            effects += ["pad", str(lead_s), str(tail_s)]
        subprocess.run(
            [
                _need("sox"),
                "-R",  # repeatable: the same dither every time, so the same samples
                str(raw),
                "-b",
                "16",
                "-c",
                "1",
                "-e",
                "signed-integer",
                str(out),
                *effects,
            ],
            check=True,
        )
        raw.unlink()
    return out


def pcm_of(wav: Path) -> bytes:
    """The PCM16 samples of a WAV written by synthesize_wav (a plain 44-byte header)."""
    data = wav.read_bytes()
    index = data.find(b"data")
    return data[index + 8 :]


@pytest.fixture
def speech() -> Callable[..., bytes]:
    """speech("add some reverb") -> 24 kHz mono PCM16 bytes."""

    def make(text: str, **kwargs: object) -> bytes:
        return pcm_of(synthesize_wav(text, **kwargs))  # type: ignore[arg-type]

    return make


@dataclass
class RunningServer:
    url: str
    server: VoiceServer
    app: web.Application


async def start_server(**overrides: object) -> tuple[RunningServer, web.AppRunner]:
    overrides.setdefault("ice", IceSettings(hosts=["127.0.0.1"]))
    # Tests make many calls from one address; the rate limit has its own test.
    overrides.setdefault("access", AccessPolicy(calls_per_minute=None))
    config = ServerConfig(host="127.0.0.1", port=0, **overrides)  # type: ignore[arg-type]
    app = create_app(config)
    url, runner = await serve_app(app)
    return RunningServer(url, app[SERVER_KEY], app), runner


@contextlib.asynccontextmanager
async def listening_call(url: str, **kwargs: object) -> AsyncIterator[CallClient]:
    """A connected call whose assistant is listening; hung up on the way out."""
    client = CallClient(url, **kwargs)  # type: ignore[arg-type]
    try:
        await client.connect()
        await client.wait_type("state", state="listening", timeout=20)
        yield client
    finally:
        await client.hang_up()


@pytest.fixture
async def server() -> AsyncIterator[RunningServer]:
    running, runner = await start_server()
    try:
        yield running
    finally:
        await runner.cleanup()


@pytest.fixture
async def realtime(server: RunningServer) -> AsyncIterator[Any]:
    """The `server`'s embedded assistant through the SDK's Realtime connection."""
    async with embedded_realtime(server.url) as connection:
        yield connection


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(autouse=True)
def _restore_ice_defaults() -> Iterator[None]:
    # Every test starts with loopback host candidates (a test run alone, or first, must
    # not depend on an earlier one having set them), and some change process-wide ICE
    # settings (port range, announced address): those are undone after it.
    configure_process(IceSettings(hosts=["127.0.0.1"]))
    yield
    configure_process(IceSettings(hosts=["127.0.0.1"]))


@pytest.fixture
async def turn(tmp_path: Path) -> AsyncIterator[Coturn]:
    """A real coturn on 127.0.0.1 with the repository's turn/ configuration."""
    async with running_coturn(tmp_path) as server:
        yield server
