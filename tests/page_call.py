"""The page's own call, as a user makes it: a spoken command, then a typed one.

Shared by the tests that check a way of serving the page (installed wheel, https proxy),
so they all drive the same flow and need changing in one place when the page does.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import synthesize_wav
from playwright.async_api import Page, expect


def spoken_command_wav() -> Path:
    # Leading silence: the call is up long before the speech starts; trailing silence
    # lets the recogniser's VAD close the turn.
    return synthesize_wav("add some reverb", rate=48000, lead_s=3.0, tail_s=3.0)


async def spoken_then_typed(page: Page) -> list[str]:
    """Call, let the fake mic say "add some reverb", then type "add some delay".

    Returns the effect chain the page shows (effect names in order) once both applied.
    """
    await page.wait_for_function("window.voicertc && window.voicertc.ready")
    await page.click("#call")
    await page.wait_for_selector("body[data-state=listening]", timeout=15_000)
    user = page.locator('#captions .caption[data-role="user"][data-final="true"]')
    await expect(user.filter(has_text=re.compile("reverb", re.I)).first).to_be_visible(timeout=30_000)
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
