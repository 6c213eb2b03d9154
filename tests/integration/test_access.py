"""Access control: tokens (static and JWT), Origins and CORS, rate limits, the API key kept secret."""

from __future__ import annotations

import logging
import time

import aiohttp
import pytest
from conftest import listening_call, start_server

from voicertc.client import CallClient, CallError
from voicertc.edge.access import AccessPolicy, make_jwt

SECRET = "jwt-secret-for-tests"


async def _status(method: str, url: str, **kwargs) -> tuple[int, dict, dict]:
    async with aiohttp.ClientSession() as http:
        async with http.request(method, url, **kwargs) as response:
            is_json = response.content_type == "application/json"
            body = await response.json() if is_json else {}
            return response.status, body, dict(response.headers)


@pytest.fixture
async def guarded():
    running, runner = await start_server(
        access=AccessPolicy(
            auth_token="letmein", jwt_secret=SECRET, jwt_audience="voicertc", calls_per_minute=None
        )
    )
    yield running
    await runner.cleanup()


async def test_tokens_guard_signalling_but_not_the_page(guarded) -> None:
    url = guarded.url
    assert (await _status("GET", f"{url}/healthz"))[0] == 200
    assert (await _status("GET", f"{url}/metrics"))[0] == 200
    status, body, headers = await _status("GET", f"{url}/config")
    assert status == 401 and body["error"]["code"] == "unauthorized"
    assert headers["WWW-Authenticate"] == "Bearer"
    status, body, _ = await _status("POST", f"{url}/offer", json={}, headers={"Authorization": "Bearer nope"})
    assert status == 401
    assert (await _status("DELETE", f"{url}/sessions/x"))[0] == 401
    assert (await _status("POST", f"{url}/whip", data="v=0"))[0] == 401
    assert (await _status("GET", f"{url}/v1/realtime"))[0] == 401
    status, body, _ = await _status("GET", f"{url}/config", headers={"Authorization": "Bearer letmein"})
    assert status == 200 and "iceServers" in body

    now = time.time()
    cases = [
        (make_jwt({"exp": now + 60, "aud": "voicertc"}, SECRET), 200, None),
        (make_jwt({"exp": now - 1, "aud": "voicertc"}, SECRET), 401, "token_expired"),
        (make_jwt({"exp": now + 60, "aud": "other"}, SECRET), 401, "bad_token"),
        (make_jwt({"aud": "voicertc"}, SECRET), 401, "bad_token"),
        # json.dumps writes NaN and Infinity, and json.loads reads them back.
        (make_jwt({"exp": float("nan"), "aud": "voicertc"}, SECRET), 401, "bad_token"),
        (make_jwt({"exp": float("inf"), "aud": "voicertc"}, SECRET), 401, "bad_token"),
        (make_jwt({"exp": now + 60, "nbf": float("nan"), "aud": "voicertc"}, SECRET), 401, "bad_token"),
        (make_jwt({"exp": now + 60, "aud": "voicertc"}, "wrong-secret"), 401, "bad_token"),
        ("not.a.jwt", 401, "bad_token"),
    ]
    for token, want, code in cases:
        status, body, _ = await _status("GET", f"{url}/config", headers={"Authorization": f"Bearer {token}"})
        assert status == want, (token, body)
        if code:
            assert body["error"]["code"] == code


async def test_a_call_with_a_token_works_end_to_end(guarded) -> None:
    token = make_jwt({"exp": time.time() + 60, "aud": "voicertc"}, SECRET)
    # Listening means the bridge reached the guarded embedded endpoint with its internal key.
    async with listening_call(guarded.url, headers={"Authorization": f"Bearer {token}"}):
        pass
    assert guarded.server.sessions == {}
    with pytest.raises(CallError) as refused:
        await CallClient(guarded.url).connect()
    assert refused.value.status == 401


async def test_origins_and_cors() -> None:
    running, runner = await start_server(
        access=AccessPolicy(allowed_origins=["https://app.example"], calls_per_minute=None)
    )
    try:
        url = running.url
        status, body, _ = await _status("GET", f"{url}/config", headers={"Origin": "https://evil.example"})
        assert status == 403 and body["error"]["code"] == "forbidden_origin"
        status, _, headers = await _status("GET", f"{url}/config", headers={"Origin": url})
        assert status == 200 and "Access-Control-Allow-Origin" not in headers
        status, _, headers = await _status("GET", f"{url}/config", headers={"Origin": "https://app.example"})
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "https://app.example"
        status, _, headers = await _status(
            "OPTIONS",
            f"{url}/offer",
            headers={"Origin": "https://app.example", "Access-Control-Request-Method": "POST"},
        )
        assert status == 204
        assert "Authorization" in headers["Access-Control-Allow-Headers"]
        assert "Location" in headers["Access-Control-Expose-Headers"]
    finally:
        await runner.cleanup()


async def test_rate_limit_on_call_creation() -> None:
    running, runner = await start_server(access=AccessPolicy(calls_per_minute=2))
    try:
        codes = [(await _status("POST", f"{running.url}/offer", data="x"))[0] for _ in range(2)]
        assert codes == [415, 415]
        status, body, headers = await _status("POST", f"{running.url}/offer", data="x")
        assert status == 429 and body["error"]["code"] == "rate_limited"
        assert int(headers["Retry-After"]) >= 1
        assert (await _status("GET", f"{running.url}/healthz"))[0] == 200
    finally:
        await runner.cleanup()


async def test_the_api_key_never_leaves_the_server(caplog: pytest.LogCaptureFixture) -> None:
    key = "sk-test-THIS-MUST-STAY-SECRET"
    caplog.set_level(logging.DEBUG)
    running, runner = await start_server(openai_api_key=key)
    try:
        # Point the bridge at the embedded endpoint, as a custom Realtime URL using the key.
        running.server.config.upstream_url = running.url.replace("http", "ws") + "/v1"
        seen = []
        for path in ("/", "/config", "/healthz", "/metrics", "/static/app.js"):
            async with aiohttp.ClientSession() as http:
                async with http.get(running.url + path) as response:
                    seen.append(await response.text())
        async with listening_call(running.url) as client:
            client.send({"type": "text", "text": "help"})
            await client.wait_for(
                lambda m: m.get("type") == "transcript" and m["role"] == "assistant", timeout=20
            )
        seen += [str(m) for m in client.messages]
        seen += [record.getMessage() for record in caplog.records]
        leaks = [text[:300] for text in seen if key in text]
        assert leaks == []
    finally:
        await runner.cleanup()


async def test_dns_rebinding_and_foreign_schemes_are_refused(server) -> None:
    url, port = server.url, server.url.rsplit(":", 1)[1]
    rebound = {"Host": f"attacker.example:{port}"}
    # The attacker's name points at this server: its page's Origin matches the Host it sends.
    status, body, _ = await _status(
        "POST", f"{url}/offer", data="{}", headers={**rebound, "Origin": f"http://attacker.example:{port}"}
    )
    assert status == 403 and body["error"]["code"] == "forbidden_origin"
    # A same-origin GET carries no Origin: the Host is what gives the rebinding away.
    status, body, _ = await _status("GET", f"{url}/config", headers=rebound)
    assert status == 403 and body["error"]["code"] == "forbidden_host"
    assert "--public-origin" in body["error"]["message"]
    assert (await _status("GET", f"{url}/healthz", headers=rebound))[0] == 200
    for origin in (f"ftp://127.0.0.1:{port}", f"ws://127.0.0.1:{port}", "null", f"http://127.0.0.1:{port}/x"):
        status, body, _ = await _status("GET", f"{url}/config", headers={"Origin": origin})
        assert status == 403 and body["error"]["code"] == "forbidden_origin", origin
    # The page's own origin, by address or as localhost, still calls.
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        status, _, _ = await _status(
            "GET", f"{url}/config", headers={"Host": host, "Origin": f"http://{host}"}
        )
        assert status == 200, host


async def test_public_origin_behind_a_proxy_that_rewrites_host() -> None:
    running, runner = await start_server(
        access=AccessPolicy(public_origins=["https://voice.example"], calls_per_minute=None)
    )
    try:
        url, port = running.url, running.url.rsplit(":", 1)[1]
        for host in (f"127.0.0.1:{port}", "voice.example", "backend:8080"):
            status, _, _ = await _status(
                "GET", f"{url}/config", headers={"Host": host, "Origin": "https://voice.example"}
            )
            assert status == 200, host
        for origin in ("http://voice.example", "https://voice.example:8443", "https://evil.example"):
            status, body, _ = await _status("GET", f"{url}/config", headers={"Origin": origin})
            assert status == 403 and body["error"]["code"] == "forbidden_origin", origin
    finally:
        await runner.cleanup()


async def test_forwarded_for_counts_only_from_a_trusted_proxy() -> None:
    for trusted, expected in (([], [415, 429, 429]), (["127.0.0.0/8"], [415, 415, 429])):
        running, runner = await start_server(access=AccessPolicy(calls_per_minute=1, trusted_proxies=trusted))
        try:
            codes = []
            for client in ("203.0.113.1", "203.0.113.2", "203.0.113.1"):
                headers = {"X-Forwarded-For": f"198.51.100.7, {client}"}
                codes.append((await _status("POST", f"{running.url}/offer", data="x", headers=headers))[0])
            assert codes == expected, trusted
        finally:
            await runner.cleanup()
