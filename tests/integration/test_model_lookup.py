"""With an OpenAI key the server looks its models up at start: a shutdown date is logged
as a warning and shown in /healthz, and a lookup that fails or hangs never holds up
serving. OpenAI's models endpoint is a local aiohttp fake (the SDK reaches it through
OPENAI_BASE_URL); everything else is real."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from conftest import RunningServer, serve_app, start_server

from voicertc.upstream.settings import SessionSettings

SHUTDOWNS = {"gpt-realtime": "2027-01-20", "gpt-4o-mini-transcribe": "2027-02-26"}


class FakeModels:
    """GET /v1/models/{id} as OpenAI answers it; `gate` holds answers back until set."""

    def __init__(self, status: int = 200) -> None:
        self.status = status
        self.gate = asyncio.Event()
        self.gate.set()
        self.asked: list[tuple[str, str]] = []

    async def handle(self, request: web.Request) -> web.Response:
        model = request.match_info["model"]
        self.asked.append((model, request.headers.get("Authorization", "")))
        await self.gate.wait()
        if self.status != 200:
            return web.json_response(
                {"error": {"message": "boom", "type": "server_error"}}, status=self.status
            )
        body = {"id": model, "object": "model", "created": 1_700_000_000, "owned_by": "system"}
        return web.json_response(body | {"shutdown_date": SHUTDOWNS.get(model)})


@pytest.fixture
async def fake_openai(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeModels]:
    fake = FakeModels()
    app = web.Application()
    app.router.add_get("/v1/models/{model}", fake.handle)
    url, runner = await serve_app(app)
    monkeypatch.setenv("OPENAI_BASE_URL", f"{url}/v1")
    try:
        yield fake
    finally:
        fake.gate.set()
        await runner.cleanup()


async def _health(url: str) -> dict[str, Any]:
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{url}/healthz") as response:
            assert response.status == 200
            return await response.json()


async def _models_in_health(running: RunningServer) -> dict[str, Any]:
    await asyncio.wait_for(running.server.models_looked_up.wait(), 15)
    return (await _health(running.url))["models"]


async def test_a_model_with_a_shutdown_date_is_warned_about(fake_openai: FakeModels, caplog) -> None:
    caplog.set_level(logging.INFO, logger="voicertc")
    settings = SessionSettings(transcription_model="gpt-4o-mini-transcribe")
    running, runner = await start_server(openai_api_key="sk-test", model="gpt-realtime", settings=settings)
    try:
        models = await _models_in_health(running)
        assert models == {
            "gpt-realtime": {"shutdown_date": "2027-01-20"},
            "gpt-4o-mini-transcribe": {"shutdown_date": "2027-02-26"},
        }
        warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        assert any("gpt-realtime" in w and "2027-01-20" in w for w in warnings)
        assert any("gpt-4o-mini-transcribe" in w and "2027-02-26" in w for w in warnings)
        assert {auth for _, auth in fake_openai.asked} == {"Bearer sk-test"}
    finally:
        await runner.cleanup()


async def test_current_models_are_not_warned_about(fake_openai: FakeModels, caplog) -> None:
    caplog.set_level(logging.INFO, logger="voicertc")
    running, runner = await start_server(openai_api_key="sk-test")
    try:
        models = await _models_in_health(running)
        assert models == {
            "gpt-realtime-2.1": {"shutdown_date": None},
            "gpt-live-transcribe": {"shutdown_date": None},
        }
        assert not [r for r in caplog.records if r.levelno >= logging.WARNING and "shuts" in r.getMessage()]
    finally:
        await runner.cleanup()


async def test_a_hanging_then_failing_lookup_never_blocks_serving(fake_openai: FakeModels) -> None:
    fake_openai.status = 500
    fake_openai.gate.clear()
    running, runner = await start_server(openai_api_key="sk-test")
    try:
        # The lookup is stuck at OpenAI, and the server answers meanwhile.
        health = await _health(running.url)
        assert health["status"] == "ok" and "models" not in health and fake_openai.asked
        fake_openai.gate.set()
        models = await _models_in_health(running)
        assert set(models) == {"gpt-realtime-2.1", "gpt-live-transcribe"}
        assert all("lookup_error" in found for found in models.values())
        assert (await _health(running.url))["status"] == "ok"
    finally:
        await runner.cleanup()


async def test_no_lookup_without_a_key(fake_openai: FakeModels) -> None:
    running, runner = await start_server(brain="echo")
    try:
        assert "models" not in await _health(running.url)
        assert not fake_openai.asked
    finally:
        await runner.cleanup()


async def test_over_live_only_the_live_model_is_looked_up(fake_openai: FakeModels) -> None:
    running, runner = await start_server(openai_api_key="sk-test", upstream="live")
    try:
        assert await _models_in_health(running) == {"gpt-live-1.1": {"shutdown_date": None}}
    finally:
        await runner.cleanup()
