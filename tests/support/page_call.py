"""The page's own call, as a user makes it: a spoken command, then a typed one.

Shared by the tests that check a way of serving the page (installed wheel, https proxy),
so they all drive the same flow and need changing in one place when the page does.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from conftest import synthesize_wav
from playwright.async_api import Page, expect


def spoken_command_wav() -> Path:
    """Chromium's fake microphone file: "add some reverb" after 3 s of silence (the call is
    up long before the speech starts), then silence that lets the VAD close the turn."""
    return synthesize_wav("add some reverb", rate=48000, lead_s=3.0, tail_s=3.0)


async def spoken_then_typed(page: Page) -> list[str]:
    """Call, let the microphone (`spoken_command_wav()`) say "add some reverb", then type
    "add some delay".

    Returns the effect chain the page shows (effect names in order) once both applied.
    """
    # Each step has its own timeout; this bounds the whole, so that a step that never
    # returns fails here with its traceback instead of at pytest's timeout.
    async with asyncio.timeout(240):
        return await _spoken_then_typed(page)


async def _spoken_then_typed(page: Page) -> list[str]:
    await page.wait_for_function("window.voicertc && window.voicertc.ready")
    await page.click("#call")
    # A freshly started server loads its speech models (Whisper included) while the first
    # call is set up and its first turn is heard: on a loaded machine that takes longer
    # than a call to the suite's already warm server, hence the longer waits.
    await page.wait_for_selector("body[data-state=listening]", timeout=60_000)
    user = page.locator('#captions .caption[data-role="user"][data-final="true"]')
    await expect(user.filter(has_text=re.compile("reverb", re.I)).first).to_be_visible(timeout=60_000)
    cards = page.locator("#effects-chain .effect-card")
    await expect(cards.and_(page.locator('[data-effect="reverb"]'))).to_be_visible(timeout=20_000)
    assistant = page.locator('#captions .caption[data-role="assistant"][data-final="true"]')
    await expect(assistant.first).to_contain_text(re.compile("reverb", re.I), timeout=20_000)
    await page.wait_for_selector("body[data-state=listening]", timeout=20_000)

    await page.fill("#text-input", "add some delay")
    await page.press("#text-input", "Enter")
    await expect(cards.and_(page.locator('[data-effect="delay"]'))).to_be_visible(timeout=20_000)
    await expect(assistant).to_have_count(2, timeout=20_000)
    await expect(assistant.nth(1)).to_contain_text(re.compile("delay|echo", re.I))
    effects = await cards.evaluate_all("(cards) => cards.map((c) => c.dataset.effect)")
    await page.click("#hangup")
    await page.wait_for_selector("body[data-state=ended]", timeout=10_000)
    return effects
