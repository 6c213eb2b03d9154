"""The page's own call, as a user makes it: a spoken command, then a typed one.

Shared by the tests that check a way of serving the page (installed wheel, https proxy),
so they all drive the same flow and need changing in one place when the page does.
"""

from __future__ import annotations

import asyncio
import base64
import re

from conftest import pcm_of, synthesize_wav
from playwright.async_api import Page, expect

# The page's getUserMedia answered by Web Audio playing the speech after 1.5 s of silence
# (as tests/test_firefox_call.py does): under load, Chromium's file-backed fake device
# starts at an uncertain point of its file, and a late start cut the command short.
# The fake device is opened too, so the page counts as capturing.
SPOKEN_MIC = """(b64) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const pcm = new Int16Array(bytes.buffer);
  const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    window.capturing = await real(constraints);
    const ctx = new AudioContext({ sampleRate: 24000 });
    await ctx.resume();
    const buffer = ctx.createBuffer(1, pcm.length + 36000, 24000);
    const data = buffer.getChannelData(0);
    for (let i = 0; i < pcm.length; i++) data[36000 + i] = pcm[i] / 32768;
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    const out = ctx.createMediaStreamDestination();
    source.connect(out);
    source.start();
    return out.stream;
  };
}"""


async def spoken_then_typed(page: Page) -> list[str]:
    """Call, say "add some reverb" into the page's microphone, then type "add some delay".

    Returns the effect chain the page shows (effect names in order) once both applied.
    """
    # Each step has its own timeout; this bounds the whole, so that a step that never
    # returns fails here with its traceback instead of at pytest's timeout.
    async with asyncio.timeout(240):
        return await _spoken_then_typed(page)


async def _spoken_then_typed(page: Page) -> list[str]:
    await page.wait_for_function("window.voicertc && window.voicertc.ready")
    pcm = pcm_of(synthesize_wav("add some reverb", lead_s=0.3, tail_s=1.5))
    await page.evaluate(SPOKEN_MIC, base64.b64encode(pcm).decode("ascii"))
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
