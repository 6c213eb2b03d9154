"""examples/web-embed: a page on another origin adds a voice button with voicertc-client.js.

The example is served by its own little HTTP server on a second port (another origin);
the voicertc server allows that origin with --allowed-origin and no other. In Debian's
Chromium the page imports the library from the voicertc server, calls, types a command,
gets the effect chain and the assistant's words, and hangs up.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from conftest import RunningServer, serve_app, start_server
from playwright.async_api import expect
from support.browser import chromium, silent_wav

from voicertc.edge.access import AccessPolicy, make_jwt

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "web-embed"


@pytest.fixture
async def example_site() -> AsyncIterator[str]:
    """The example page, served from its own origin (a second port)."""
    app = web.Application()
    app.router.add_static("/", EXAMPLE)
    url, runner = await serve_app(app)
    try:
        yield url.rstrip("/")
    finally:
        await runner.cleanup()


TEXT_FIRST = """async (server) => {
  let gumCalls = 0;
  const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = (c) => { gumCalls++; return gum(c); };
  const { connect } = await import(`${server}/voicertc-client.js`);
  const call = await connect({ url: server, audio: false });
  const reply = new Promise((resolve) => call.on('transcript', (t) => {
    if (t.role === 'assistant' && t.final) resolve(t.text);
  }));
  await new Promise((resolve) => call.on('state', ({ state }) => state === 'listening' && resolve()));
  call.sendText('what effects are on?');
  const text = await reply;
  const result = { mic: call.micTrack, directions: call.pc.getTransceivers().map((t) => t.direction),
                   gum_calls: gumCalls, reply: text, session: call.sessionId };
  window.textFirst = call;
  return result;
}"""


def own_code_lines() -> int:
    """Lines of the example's own script (the library and the markup not counted)."""
    html = (EXAMPLE / "index.html").read_text()
    script = html.split('<script type="module">', 1)[1].split("</script>", 1)[0]
    return sum(1 for line in script.splitlines() if line.strip() and not line.strip().startswith("//"))


def call_report(running: RunningServer, console: list[str], errors: list[str]) -> str:
    """What the server and the page knew of a call that did not reach "listening"."""
    calls = [
        f"{sid}: state {session.state}, connection {session.media.connection_state}"
        for sid, session in running.server.sessions.items()
    ]
    return "\n".join(
        [
            "server calls: " + ("; ".join(calls) or "none"),
            "page errors: " + repr(errors),
            "console:",
            *console,
        ]
    )


async def test_a_page_on_another_origin_calls_with_the_library(example_site: str, artifacts: Path) -> None:
    assert own_code_lines() < 40
    running, runner = await start_server(
        access=AccessPolicy(calls_per_minute=None, allowed_origins=[example_site])
    )
    try:
        async with chromium(silent_wav(), fake_ui=False) as browser:
            page_url = f"{example_site}/index.html?voicertc={running.url.rstrip('/')}"
            context = await browser.new_context(permissions=["microphone"])
            page = await context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            console: list[str] = []
            page.on("console", lambda msg: console.append(f"{msg.type}: {msg.text}"))
            await page.goto(page_url)
            # The page imports the library with a top-level await, which the load event does
            # not wait for: a click before its handler is set is lost (seen under a full run).
            await page.wait_for_function("document.getElementById('voice').onclick !== null")
            await page.click("#voice")
            # Longer than the library's own 25 s connect timeout, so a call that cannot connect
            # shows the library's error on the page rather than a bare "connecting…".
            try:
                await expect(page.locator("#status")).to_have_text("listening", timeout=30_000)
            except AssertionError as exc:
                raise AssertionError(f"{exc}\n{call_report(running, console, errors)}") from None
            (session_id,) = running.server.sessions
            session = running.server.sessions[session_id]

            await page.fill("#text", "add some reverb")
            await page.press("#text", "Enter")
            await expect(page.locator("#chain")).to_have_text("reverb", timeout=15_000)
            assert [e["effect"] for e in session.chain.to_list()] == ["reverb"]
            said = page.locator("#said li")
            await expect(said.filter(has_text=re.compile(r"^assistant: .*reverb", re.I))).to_have_count(
                1, timeout=20_000
            )

            await page.screenshot(path=str(artifacts / "web-embed-call.png"))
            await page.click("#voice")
            await expect(page.locator("#voice")).to_have_text(re.compile("Ask the audio assistant"))
            await asyncio.wait_for(session.wait_closed(), 5)
            assert not running.server.sessions

            # audio: false, for text-first embeds: no microphone asked for, the offer only
            # receives, typed text is answered in words (and voice).
            text_first = await page.evaluate(TEXT_FIRST, running.url.rstrip("/"))
            assert text_first["mic"] is None and text_first["directions"] == ["recvonly"]
            assert text_first["gum_calls"] == 0
            assert "no effects" in text_first["reply"].lower()
            session = running.server.sessions[text_first["session"]]
            await page.evaluate("window.textFirst.hangUp()")
            await asyncio.wait_for(session.wait_closed(), 5)
            assert errors == []
            await context.close()
    finally:
        await runner.cleanup()


async def test_an_origin_not_allowed_cannot_load_the_library(example_site: str) -> None:
    running, runner = await start_server()  # no --allowed-origin
    try:
        async with chromium(silent_wav(), fake_ui=False) as browser:
            context = await browser.new_context()
            page = await context.new_page()
            failed = asyncio.get_running_loop().create_future()
            page.on("pageerror", lambda exc: failed.done() or failed.set_result(str(exc)))
            await page.goto(f"{example_site}/index.html?voicertc={running.url.rstrip('/')}")
            assert "dynamically imported module" in await asyncio.wait_for(failed, 10)
            assert not running.server.sessions
            await context.close()
    finally:
        await runner.cleanup()


TOKEN_REFRESH = """async ([expired, fresh]) => {
  const { connect, VoiceError } = await import('/voicertc-client.js');
  const asked = [];
  const getToken = async () => { asked.push(asked.length ? fresh : expired); return asked.at(-1); };
  const call = await connect({ getToken, audio: false });
  await new Promise((resolve) => call.on('state', ({ state }) => state === 'listening' && resolve()));
  const session = call.sessionId;
  call.hangUp();
  let refused = null;
  try {
    await connect({ token: expired, audio: false });
  } catch (err) {
    refused = { isVoiceError: err instanceof VoiceError, code: err.code, status: err.status };
  }
  return { asked: asked.length, lastIsFresh: asked.at(-1) === fresh, session, refused };
}"""


async def test_get_token_is_asked_again_when_the_token_expired() -> None:
    secret = "client-embed-secret"
    running, runner = await start_server(access=AccessPolicy(calls_per_minute=None, jwt_secret=secret))
    expired = make_jwt({"sub": "caller", "exp": int(time.time()) - 60}, secret)
    fresh = make_jwt({"sub": "caller", "exp": int(time.time()) + 600}, secret)
    try:
        async with chromium(silent_wav(), fake_ui=False) as browser:
            context = await browser.new_context(permissions=["microphone"])
            page = await context.new_page()
            await page.goto(running.url)
            result = await page.evaluate(TOKEN_REFRESH, [expired, fresh])
            # The expired token got a 401, the library asked again once, and the call went on.
            assert result["asked"] == 2 and result["lastIsFresh"]
            assert result["session"]
            # A fixed token that has expired cannot be refreshed: a clear error.
            assert result["refused"] == {"isVoiceError": True, "code": "token_expired", "status": 401}
            await context.close()
    finally:
        await runner.cleanup()
