"""Signalling: answers, JSON errors for bad input, and no leaked peer connections."""

from __future__ import annotations

import aiohttp
import pytest

import voicertc
from voicertc.client import CallClient

GOOD_HEADERS = {"Content-Type": "application/json"}


async def _post(url: str, data: bytes | str, headers: dict[str, str] | None = None) -> tuple[int, dict]:
    async with aiohttp.ClientSession() as http:
        async with http.post(url, data=data, headers=headers or GOOD_HEADERS) as response:
            return response.status, await response.json(content_type=None)


async def test_healthz_reports_sessions_and_upstream(server) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{server.url}/healthz") as response:
            assert response.status == 200
            assert await response.json() == {
                "status": "ok",
                "sessions": 0,
                "upstream": "embedded",
                "endpoint_connections": 0,
                "version": voicertc.__version__,
            }


async def test_page_is_served(server) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{server.url}/") as response:
            assert response.status == 200
            assert "<html" in (await response.text()).lower()


@pytest.mark.parametrize(
    ("body", "headers", "status", "code"),
    [
        ("not json", None, 400, "bad_json"),
        ("[1, 2]", None, 400, "bad_json"),
        ('{"sdp": 5, "type": "offer"}', None, 400, "bad_request"),
        ('{"sdp": "v=0", "type": "answer"}', None, 400, "bad_request"),
        ('{"type": "offer"}', None, 400, "bad_request"),
        ('{"sdp": "hello", "type": "offer"}', None, 400, "bad_sdp"),
        (
            '{"sdp": "v=0\\r\\no=- 1 1 IN IP4 0.0.0.0\\r\\ns=-\\r\\nt=0 0\\r\\n", "type": "offer"}',
            None,
            400,
            "bad_sdp",
        ),
        (
            '{"sdp": "v=0\\r\\nm=audio 9 UDP/TLS/RTP/SAVPF 111\\r\\nc=IN IP4 0.0.0.0\\r\\n",'
            ' "type": "offer"}',
            None,
            400,
            "bad_sdp",
        ),
        (
            '{"sdp": "v=0", "type": "offer"}',
            {"Content-Type": "text/plain"},
            415,
            "unsupported_media_type",
        ),
        ("x" * 70_000, None, 413, "too_large"),
    ],
)
async def test_bad_offers_get_json_errors_and_leave_nothing(server, body, headers, status, code) -> None:
    got_status, got = await _post(f"{server.url}/offer", body, headers)
    assert got_status == status, got
    assert got["error"]["code"] == code
    assert isinstance(got["error"]["message"], str) and got["error"]["message"]
    assert "Traceback" not in got["error"]["message"]
    assert server.server.sessions == {}


async def test_unknown_routes_and_sessions_are_json_404(server) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{server.url}/nope") as response:
            assert response.status == 404
            assert (await response.json())["error"]["code"] == "not_found"
        async with http.delete(f"{server.url}/sessions/unknown") as response:
            assert response.status == 404
            assert (await response.json())["error"]["code"] == "not_found"


async def test_call_after_bad_input_still_works_and_hang_up_frees_it(server) -> None:
    await _post(f"{server.url}/offer", "garbage")
    client = CallClient(server.url)
    try:
        await client.connect()
        hello = await client.wait_type("session")
        assert hello["session_id"] == client.session_id
        assert hello["upstream"] == "embedded"
        assert client.session_id in server.server.sessions
    finally:
        await client.hang_up()
    assert server.server.sessions == {}
