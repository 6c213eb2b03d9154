"""The page's push-to-talk in Debian's Chromium, with the server's turn detection off:
holding the Talk button opens the mic, and releasing it commits the turn, which the
assistant answers at once (no silence to wait for: nobody detects turns)."""

from __future__ import annotations

import asyncio
import re

import numpy as np
from conftest import start_server, synthesize_wav
from playwright.async_api import expect
from support.browser import page_at

from voicertc.upstream.settings import SessionSettings


class SpeechWatch:
    """The caller's audio on its way upstream, once `active`: set after a pause, a whole
    utterance, and a pause again (the looped file may be mid-sentence when it starts)."""

    def __init__(self) -> None:
        self.active = False
        self.quiet_ms = 0
        self.loud_ms = 0
        self.armed = False
        self.spoken = asyncio.Event()

    def frame(self, pcm16: bytes) -> None:
        if not self.active or self.spoken.is_set():
            return
        samples = np.frombuffer(pcm16, dtype=np.int16).astype(np.float32)
        ms = len(samples) * 1000 // 24000
        if samples.size and float(np.sqrt(np.mean(samples**2))) > 300:
            self.armed = self.armed or self.quiet_ms >= 600
            self.loud_ms += ms if self.armed else 0
            self.quiet_ms = 0
        else:
            self.quiet_ms += ms
            if self.loud_ms >= 300 and self.quiet_ms >= 600:
                self.spoken.set()


async def test_releasing_the_talk_button_commits_the_turn(artifacts) -> None:
    running, runner = await start_server(settings=SessionSettings(turn_detection="none"))
    wav = synthesize_wav("add some delay", rate=48000, lead_s=1.5, tail_s=1.5)
    try:
        # Loaded before the call: the commit's answer should not wait for the models.
        await asyncio.wait_for(running.server.speech.warm_up(), 120)
        async with page_at(running.url, wav, loop=True) as page:
            await page.wait_for_function("window.voicertc && window.voicertc.ready")
            await page.click("label[for=mode-ptt]")
            await page.click("#call")
            await page.wait_for_selector("body[data-state=listening]", timeout=15_000)
            session = running.server.sessions[await page.evaluate("window.voicertc.sessionId")]
            watch = SpeechWatch()
            forward = session.link.append_audio

            def tapped(pcm16: bytes) -> None:
                watch.frame(pcm16)
                forward(pcm16)

            session.link.append_audio = tapped  # type: ignore[method-assign]
            talk = page.locator("#ptt")
            await expect(talk).to_be_enabled(timeout=10_000)
            box = await talk.bounding_box()
            assert box is not None
            await page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            await page.mouse.down()
            await page.wait_for_function("window.voicertc.pttHeld && window.voicertc.micEnabled")
            watch.active = True
            await asyncio.wait_for(watch.spoken.wait(), 30)
            # A whole command said and a pause after it: with turn detection off, no turn yet.
            assert session.state == "listening"
            user = page.locator('#captions .caption[data-role="user"][data-final="true"]')
            assert await user.count() == 0
            await page.mouse.up()  # released: the page sends commit
            try:
                await expect(user.filter(has_text=re.compile("delay", re.I)).first).to_be_visible(
                    timeout=20_000
                )
            finally:
                print("transcripts", await page.evaluate("JSON.stringify(window.voicertc.transcripts)"))
            await expect(page.locator('#effects-chain .effect-card[data-effect="delay"]')).to_be_visible(
                timeout=20_000
            )
            assert "delay" in [e["effect"] for e in session.chain.to_list()]
            await page.screenshot(path=str(artifacts / "call-push-to-talk.png"), full_page=True)
            assert page.errors == []  # type: ignore[attr-defined]
    finally:
        await runner.cleanup()
