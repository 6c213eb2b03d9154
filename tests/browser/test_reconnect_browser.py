"""A call that survives the network, in Debian's Chromium: the media path is cut mid-call
(the loopback link of the test's own namespace taken down: every packet is lost), the
page shows `reconnecting`, the path comes back, and the library carries the call on over
a new peer connection into the same session: the conversation keeps its history and its
effect chain."""

from __future__ import annotations

import asyncio
import re

from playwright.async_api import expect
from support.browser import chromium, open_page, silent_wav
from support.net import loopback_cut


async def test_the_call_goes_on_after_the_network_drops(server, artifacts) -> None:
    async with chromium(silent_wav(), fake_ui=False) as browser:
        async with open_page(browser, server.url) as page:
            await page.click("#call")
            await page.wait_for_selector("body[data-state=listening]", timeout=15_000)
            sid = await page.evaluate("window.voicertc.sessionId")
            session = server.server.sessions[sid]
            first_pc = await page.evaluate_handle("window.voicertc.pc")
            await page.fill("#text-input", "add some reverb")
            await page.press("#text-input", "Enter")
            card = page.locator('#effects-chain .effect-card[data-effect="reverb"]')
            await expect(card).to_be_visible(timeout=15_000)
            assistant = page.locator('#captions .caption[data-role="assistant"][data-final="true"]')
            await expect(assistant).to_have_count(1, timeout=20_000)
            await page.wait_for_selector("body[data-state=listening]", timeout=20_000)
            route = page.locator("#stat-route")
            await expect(route).to_have_text(re.compile("direct"), timeout=10_000)

            with loopback_cut() as restore:
                await page.wait_for_selector("body[data-state=reconnecting]", timeout=30_000)
                await expect(page.locator("#notice")).to_have_attribute("data-code", "reconnecting")
                # The lost path's figures are not shown as the call's.
                await expect(route).to_have_text("–")
                await expect(page.locator("#route-badge")).to_have_text("Reconnecting…")
                await page.screenshot(path=str(artifacts / "reconnecting.png"))
                restore()
                await page.wait_for_selector("body[data-state=listening]", timeout=30_000)

            # A new peer connection carries the same session, with its chain and captions.
            assert await page.evaluate("(pc) => pc !== window.voicertc.pc", first_pc)
            assert await page.evaluate("window.voicertc.sessionId") == sid
            assert list(server.server.sessions) == [sid]
            assert await page.evaluate("window.voicertc.client.reconnects") == 1
            await expect(page.locator("#notice")).to_be_hidden()
            await expect(route).to_have_text(re.compile("direct"), timeout=10_000)
            await expect(card).to_be_visible()
            await expect(page.locator("#captions .caption")).to_have_count(2)
            assert [e["effect"] for e in session.chain.to_list()] == ["reverb"]

            # The conversation goes on where it was.
            await page.fill("#text-input", "what effects are on?")
            await page.press("#text-input", "Enter")
            await expect(assistant).to_have_count(2, timeout=20_000)
            await expect(assistant.nth(1)).to_contain_text(re.compile("reverb", re.I))
            assert ("user", "add some reverb") in session.link.history
            assert page.errors == []  # type: ignore[attr-defined]

            await page.click("#hangup")
            await asyncio.wait_for(session.wait_closed(), 5)
