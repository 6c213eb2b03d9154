"""The web client in Debian's Chromium: effect controls, typed text, interrupt, errors,
keyboard, and screenshots of the main states (saved to tests/artifacts/).

One browser serves the whole module (launched without the fake-UI flag, so each test
decides whether the page gets the microphone); each test has its own context and its
own server. The fake microphone is digital silence, so only typed text starts turns.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Callable

import pytest
import pytest_asyncio
from conftest import RunningServer, start_server
from playwright.async_api import Browser, Page, Route, expect
from support.browser import chromium, open_page, silent_wav
from support.net import default_route

from voicertc.client import CallClient

pytestmark = pytest.mark.asyncio(loop_scope="module")

PHONE = (375, 740)


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def browser() -> AsyncIterator[Browser]:
    async with chromium(silent_wav(), fake_ui=False) as b:
        yield b


@pytest_asyncio.fixture(loop_scope="module")
async def server() -> AsyncIterator[RunningServer]:
    """conftest's server, on this module's event loop (the browser's)."""
    running, runner = await start_server()
    try:
        yield running
    finally:
        await runner.cleanup()


async def until(condition: Callable[[], bool], timeout: float = 5.0, what: str = "") -> None:
    """Waits for a server-side condition (polled; the server runs on this loop)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what or condition}")
        await asyncio.sleep(0.02)


async def start_call(page: Page) -> str:
    await page.click("#call")
    await page.wait_for_selector("body[data-state=listening]", timeout=15_000)
    await expect(page.locator("#text-input")).to_be_enabled()
    return await page.evaluate("window.voicertc.sessionId")


async def sent(page: Page) -> list[dict]:
    """What the page sent on the data channel (pings left out)."""
    return await page.evaluate("window.voicertc.sent.filter((m) => m.type !== 'ping')")


async def expect_error(page: Page, code: str, title: str | re.Pattern[str], message: str) -> None:
    error = page.locator("#error")
    await expect(error).to_be_visible(timeout=10_000)
    await expect(error).to_have_attribute("data-code", code)
    await expect(page.locator("#error-title")).to_have_text(title)
    await expect(page.locator("#error-message")).to_contain_text(message)
    # The call is over, and Call is offered again.
    await page.wait_for_selector("body[data-state=ended]")
    await expect(page.locator("#call")).to_be_visible()
    await expect(page.locator("#hangup")).to_be_hidden()
    await expect(page.locator("#state-label")).to_have_text("Could not connect")


# -- effects panel ---------------------------------------------------------------------


async def test_effect_controls_follow_the_server_chain(browser, server) -> None:
    async with open_page(browser, server.url) as page:
        sid = await start_call(page)
        session = server.server.sessions[sid]
        cards = page.locator("#effects-chain .effect-card")
        await expect(cards).to_have_count(0)

        await page.select_option("#add-effect-type", "delay")
        await page.click("#add-effect")
        card = page.locator('#effects-chain .effect-card[data-effect="delay"]')
        await expect(card).to_have_count(1)
        assert {"type": "effect", "action": "add", "effect": "delay"} in await sent(page)
        assert [e["effect"] for e in session.chain.to_list()] == ["delay"]
        time_range = card.locator('input[type="range"][data-param="time_ms"]')
        time_box = card.locator('input[type="number"][data-param="time_ms"]')
        await expect(time_box).to_have_value("300")  # the server's default

        # Moving the slider sends a set, and the server's chain follows.
        await time_range.fill("500")
        await until(lambda: session.chain.to_list()[0]["params"]["time_ms"] == 500, what="500 ms")
        await expect(time_box).to_have_value("500")
        await expect(time_range).to_have_attribute("data-value", "500")
        messages = await sent(page)
        assert {
            "type": "effect",
            "action": "set",
            "effect": "delay",
            "param": "time_ms",
            "value": 500,
        } in messages

        # Typing an out-of-range number: the panel shows what the server kept (its max).
        await time_box.fill("99999")
        await time_box.press("Enter")
        await until(lambda: session.chain.to_list()[0]["params"]["time_ms"] == 2000, what="2000")
        await expect(time_box).to_have_value("2000")
        await expect(time_range).to_have_attribute("data-value", "2000")
        await expect(time_range).to_have_value("2000")

        # A value only the server clamps (sent raw, past the page's own limits).
        assert await page.evaluate(
            "window.voicertc.sendEffect({action: 'set', effect: 'delay', param: 'feedback', value: 500})"
        )
        await until(lambda: session.chain.to_list()[0]["params"]["feedback"] == 95, what="95%")
        feedback_box = card.locator('input[type="number"][data-param="feedback"]')
        await expect(feedback_box).to_have_value("95")

        # A value the server rounds: once typed in, the box shows the server's answer.
        await time_box.fill("250.37")
        await time_box.press("Enter")
        await until(lambda: session.chain.to_list()[0]["params"]["time_ms"] == 250.4, what="250.4")
        await expect(time_range).to_have_attribute("data-value", "250.4")
        await expect(time_box).to_have_value("250.4")

        # A change made on the server (the host app's API) shows up with no click at all.
        await session.apply_effect("set", "delay", value=40, param="mix")
        await expect(card.locator('input[type="number"][data-param="mix"]')).to_have_value("40")
        await expect(card.locator('input[type="range"][data-param="mix"]')).to_have_value("40")

        # Remove: the card goes once the server says so.
        await card.locator('[data-action="remove"]').click()
        await expect(cards).to_have_count(0)
        assert session.chain.to_list() == []
        assert page.errors == []  # type: ignore[attr-defined]


# -- conversation ----------------------------------------------------------------------


async def test_typed_text_gets_a_reply(browser, server, artifacts) -> None:
    async with open_page(browser, server.url) as page:
        sid = await start_call(page)
        await page.fill("#text-input", "add some reverb")
        await page.click("#send")
        await expect(page.locator("#text-input")).to_have_value("")
        user = page.locator('#captions .caption[data-role="user"]')
        # The typed bubble is adopted by the server's echo of it, not shown twice.
        await expect(user).to_have_count(1)
        await expect(user).to_have_attribute("data-typed", "true")
        await expect(user).to_have_attribute("data-item-id", re.compile(r".+"), timeout=10_000)
        await expect(user).to_contain_text("add some reverb")
        assistant = page.locator('#captions .caption[data-role="assistant"][data-final="true"]')
        await expect(assistant).to_have_count(1, timeout=20_000)
        await expect(assistant).to_contain_text(re.compile("reverb", re.I))
        await expect(page.locator('.effect-card[data-effect="reverb"]')).to_be_visible()
        assert [e["effect"] for e in server.server.sessions[sid].chain.to_list()] == ["reverb"]
        await page.wait_for_selector("body[data-state=listening]", timeout=20_000)

        # Enter in the message box sends too.
        await page.fill("#text-input", "what effects are on")
        await page.press("#text-input", "Enter")
        await expect(assistant).to_have_count(2, timeout=20_000)
        await expect(assistant.nth(1)).to_contain_text(re.compile("reverb", re.I))
        await page.wait_for_selector("body[data-state=listening]", timeout=20_000)

        await page.screenshot(path=str(artifacts / "in-call.png"))
        await page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
        await page.screenshot(path=str(artifacts / "in-call-phone.png"))
        await page.screenshot(path=str(artifacts / "in-call-phone-full.png"), full_page=True)
        assert page.errors == []  # type: ignore[attr-defined]


async def test_interrupt_button_stops_the_assistant(browser, server) -> None:
    async with open_page(browser, server.url) as page:
        sid = await start_call(page)
        session = server.server.sessions[sid]
        await page.fill("#text-input", "help")  # a long spoken answer
        await page.click("#send")
        await page.wait_for_selector("body[data-state=speaking]", timeout=20_000)
        item = session.track.playing_item
        assert item is not None
        await expect(page.locator("#interrupt")).to_be_enabled()
        await page.click("#interrupt")
        # The server stops sending the answer and says it is listening again.
        await page.wait_for_selector("body[data-state=listening]", timeout=5_000)
        assert await page.evaluate("window.voicertc.serverState") == "listening"
        assert {"type": "interrupt"} in await sent(page)
        assert session.state == "listening"
        assert session.track.buffered_ms == 0
        caption = page.locator(f'#captions .caption[data-role="assistant"][data-item-id="{item}"]')
        await expect(caption).to_have_attribute("data-interrupted", "true")
        await expect(caption).to_have_attribute("data-final", "true")
        interrupted = await page.evaluate("window.voicertc.received.find((m) => m.type === 'interrupted')")
        assert interrupted["item_id"] == item
        assert 0 <= interrupted["audio_end_ms"] <= session.track.sent_ms(item)
        assert page.errors == []  # type: ignore[attr-defined]

        # Hanging up right after the interrupt ends the session promptly. (Regression: the
        # embedded assistant's espeak-ng reader once hung on an interrupted answer, so the
        # hang-up took 10 s and server shutdown 60 s more; see voicertc/assistant/tts.py.)
        await page.click("#hangup")
        try:
            await asyncio.wait_for(session.wait_closed(), 5)
        except asyncio.TimeoutError:
            raise AssertionError(
                "the session was still open 5 s after hang-up following an interrupt"
                " (is the interrupted answer's text-to-speech stuck?)"
            ) from None


# -- errors ----------------------------------------------------------------------------


async def test_server_full(browser, artifacts) -> None:
    running, runner = await start_server(max_sessions=1)
    holder = CallClient(running.url)
    try:
        await holder.connect()
        async with open_page(browser, running.url) as page:
            await page.click("#call")
            await expect_error(
                page,
                "server_full",
                "The server is full",
                "All call slots are in use right now. Please try again in 30 seconds.",
            )
            assert await page.evaluate("window.voicertc.lastError.status") == 503
            assert list(running.server.sessions) == [holder.session_id]
            await page.screenshot(path=str(artifacts / "error-server-full.png"))
            # Once the slot is free, the same page calls fine.
            await holder.hang_up()
            await until(lambda: not running.server.sessions, what="the held call to end")
            await start_call(page)
            await expect(page.locator("#error")).to_be_hidden()
            assert page.errors == []  # type: ignore[attr-defined]
    finally:
        await holder.close()
        await runner.cleanup()


async def test_a_recorded_call_says_so(browser, tmp_path) -> None:
    running, runner = await start_server(record_dir=str(tmp_path))
    try:
        async with open_page(browser, running.url) as page:
            session_id = await start_call(page)
            notice = page.locator("#notice")
            await expect(notice).to_be_visible()
            await expect(notice).to_have_attribute("data-code", "recording")
            await expect(notice).to_contain_text("recorded")
            # A notice, not an error: the call goes on.
            await expect(page.locator("#error")).to_be_hidden()
            assert await page.evaluate("document.body.dataset.state") == "listening"
            await page.click("#hangup")
            await until(lambda: not running.server.sessions, what="the call to end")
        assert (tmp_path / f"{session_id}.ogg").is_file() and (tmp_path / f"{session_id}.json").is_file()
    finally:
        await runner.cleanup()


INBOUND_ENERGY = """async () => {
  let energy = 0;
  (await window.voicertc.pc.getStats()).forEach((s) => {
    if (s.type === 'inbound-rtp' && (s.kind || s.mediaType) === 'audio') energy = s.totalAudioEnergy || 0;
  });
  return energy;
}"""


async def test_microphone_denied_the_call_goes_on_by_text(browser, server, artifacts) -> None:
    """No microphone is no dead end: typed input, the assistant's voice and captions, and a
    banner saying why and how to enable the mic."""
    with default_route():
        await _call_without_microphone(server.url, browser, server, artifacts)


async def _call_without_microphone(page_url: str, browser: Browser, server: RunningServer, artifacts) -> None:
    async with open_page(browser, page_url, microphone=False, viewport=PHONE) as page:
        sid = await start_call(page)
        notice = page.locator("#notice")
        await expect(notice).to_be_visible()
        await expect(notice).to_have_attribute("data-code", "mic_denied")
        await expect(notice).to_contain_text("Microphone blocked")
        await expect(notice).to_contain_text("allow the microphone")
        await expect(page.locator("#error")).to_be_hidden()
        await expect(page.locator("#mute")).to_be_disabled()
        await expect(page.locator("#state-hint")).to_contain_text("No microphone on this call")
        assert await page.evaluate("window.voicertc.micTrack") is None
        # The offer asked only to receive audio: no microphone track went out.
        assert await page.evaluate("window.voicertc.pc.getTransceivers().map((t) => t.direction)") == [
            "recvonly"
        ]
        await page.screenshot(path=str(artifacts / "mic-denied-phone.png"))

        energy = await page.evaluate(INBOUND_ENERGY)
        await page.fill("#text-input", "add some reverb")
        await page.press("#text-input", "Enter")
        card = page.locator('#effects-chain .effect-card[data-effect="reverb"]')
        await expect(card).to_be_visible(timeout=15_000)
        assert [e["effect"] for e in server.server.sessions[sid].chain.to_list()] == ["reverb"]
        assistant = page.locator('#captions .caption[data-role="assistant"][data-final="true"]')
        await expect(assistant.first).to_contain_text("reverb", timeout=20_000)
        # ... and the assistant's voice arrives.
        await page.wait_for_function(
            f"async (e0) => (await ({INBOUND_ENERGY})()) > e0 + 5e-3", arg=energy, timeout=20_000, polling=200
        )
        assert page.errors == []  # type: ignore[attr-defined]


CANDIDATE = re.compile(r"(a=candidate:\S+ \d+ udp \d+ )\S+ \d+")


def unreachable(sdp: str) -> str:
    """Every candidate moved to port 9 (discard) on loopback, where nothing answers."""
    return CANDIDATE.sub(r"\g<1>127.0.0.1 9", sdp)


async def test_ice_failure(browser, server) -> None:
    """Neither side can reach the other; the page's connect timeout fires (fake clock)."""
    async with open_page(browser, server.url, clock=True) as page:

        async def break_ice(route: Route) -> None:
            offer = json.loads(route.request.post_data or "{}")
            offer["sdp"] = unreachable(offer["sdp"])
            response = await route.fetch(post_data=json.dumps(offer))
            answer = await response.json()
            answer["sdp"] = unreachable(answer["sdp"])
            await route.fulfill(response=response, json=answer)

        async def drop_trickled(route: Route) -> None:
            # The candidates trickled after the offer never arrive either.
            if route.request.method == "PATCH":
                await route.fulfill(status=204)
            else:
                await route.continue_()

        await page.route("**/offer", break_ice)
        await page.route("**/sessions/*", drop_trickled)
        await page.click("#call")
        await page.wait_for_function(
            "window.voicertc.pc && window.voicertc.pc.remoteDescription", timeout=10_000
        )
        assert await page.evaluate("window.voicertc.state") == "connecting"
        sid = await page.evaluate("window.voicertc.sessionId")
        assert sid in server.server.sessions
        await page.clock.fast_forward(26_000)  # past the page's 25 s connect timeout
        await expect_error(page, "ice_failed", "The audio connection timed out", "TURN relay")
        await expect(page.locator("#error")).to_have_attribute("data-source", "ice")
        # The page told the server to drop the session.
        await until(lambda: sid not in server.server.sessions, what="the session to close")
        assert page.errors == []  # type: ignore[attr-defined]


async def test_bad_server_answers(browser, server) -> None:
    async with open_page(browser, server.url) as page:
        answers: list[Callable[[Route], object]] = []

        async def next_answer(route: Route) -> None:
            await answers.pop(0)(route)

        await page.route("**/offer", next_answer)

        # 200 with JSON that is not an answer.
        async def not_an_answer(route: Route) -> None:
            await route.fulfill(status=200, json={"hello": "world"})

        answers.append(not_an_answer)
        await page.click("#call")
        await expect_error(page, "bad_answer", "Unexpected server answer", "did not send a usable answer")

        # A proxy's HTML error page.
        async def html_error(route: Route) -> None:
            await route.fulfill(status=502, body="<h1>Bad Gateway</h1>", content_type="text/html")

        answers.append(html_error)
        await page.click("#call")
        await expect_error(page, "http_502", "The server refused the call", "HTTP 502")

        # The real answer, its SDP mangled: the page gives up and hangs the session up.
        async def mangled(route: Route) -> None:
            response = await route.fetch()
            answer = await response.json()
            answer["sdp"] = "v=0\r\nthis is not sdp\r\n"
            await route.fulfill(response=response, json=answer)

        answers.append(mangled)
        await page.click("#call")
        await expect_error(page, re.compile(r"webrtc_error|call_failed"), "The call could not start", "")
        await until(lambda: not server.server.sessions, what="the session to close")
        assert not answers
        assert page.errors == []  # type: ignore[attr-defined]


# -- look and keyboard -----------------------------------------------------------------


async def test_idle_page_screenshots(browser, server, artifacts) -> None:
    async with open_page(browser, server.url) as page:
        await expect(page.locator("body")).to_have_attribute("data-state", "idle")
        await expect(page.locator("#state-label")).to_have_text("Ready")
        await expect(page.locator("#error")).to_be_hidden()
        await page.screenshot(path=str(artifacts / "idle.png"))
        await page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
        await page.screenshot(path=str(artifacts / "idle-phone.png"))
        # Nothing sticks out sideways on a phone.
        overflow = await page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        assert page.errors == []  # type: ignore[attr-defined]


async def test_keyboard_and_names(browser, server) -> None:
    async with open_page(browser, server.url) as page:
        # Tab reaches Call early, and Enter starts a call.
        for _ in range(6):
            await page.keyboard.press("Tab")
            if await page.evaluate("document.activeElement.id") == "call":
                break
        else:
            raise AssertionError("six Tabs did not reach the Call button")
        outline = await page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; })()"
        )
        assert outline[0] != "none" or outline[2] != "none", outline
        await page.keyboard.press("Enter")
        await page.wait_for_selector("body[data-state=listening]", timeout=15_000)
        # Focus moved to Hang up (Call is hidden now), and Space hangs up.
        assert await page.evaluate("document.activeElement.id") == "hangup"
        await page.keyboard.press("Space")
        await page.wait_for_selector("body[data-state=ended]")
        assert await page.evaluate("document.activeElement.id") == "call"
        await page.keyboard.press("Space")
        await page.wait_for_selector("body[data-state=listening]", timeout=15_000)

        await expect(page.get_by_role("status")).to_have_text("Listening")
        # Important controls have accessible names.
        for role, name in [
            ("button", "Hang up"),
            ("button", "Mute"),
            ("button", "Interrupt"),
            ("button", "Send"),
            ("textbox", "Type a message to the assistant"),
            ("combobox", "Effect to add"),
            ("button", "Add"),
            ("button", "Reset"),
            ("radio", "Open mic"),
            ("radio", "Push to talk"),
        ]:
            await expect(page.get_by_role(role, name=name, exact=True)).to_have_count(1)
        await page.evaluate("window.voicertc.sendEffect({action: 'add', effect: 'delay'})")
        card = page.locator('.effect-card[data-effect="delay"]')
        await expect(card).to_have_accessible_name(re.compile("Delay"))
        await expect(card.get_by_role("slider", name="Time")).to_have_count(1)
        await expect(card.get_by_role("spinbutton", name="Delay Time in ms")).to_have_count(1)
        await expect(card.get_by_role("button", name="Remove Delay")).to_have_count(1)
        # Every visible control has a name, on a desktop and on a phone.
        controls = page.locator("button:visible, input:visible, select:visible, [tabindex]:visible")
        for viewport in [None, PHONE]:
            if viewport:
                await page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
            count = await controls.count()
            assert count >= 20
            for i in range(count):
                await expect(controls.nth(i)).to_have_accessible_name(re.compile(r"\w"))
        await expect(page.locator("#send")).to_have_accessible_name("Send")
        assert page.errors == []  # type: ignore[attr-defined]
