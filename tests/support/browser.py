"""Debian's Chromium driven by Playwright, with a WAV file as its microphone."""

from __future__ import annotations

import shutil
import wave
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from playwright.async_api import Browser, Page, async_playwright

CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")


def chromium_path() -> str:
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    found = shutil.which("chromium")
    if found is None:
        raise RuntimeError(
            "Debian's chromium is not installed; run the README's test command (it installs it)"
        )
    return found


def chromium_args(
    mic_wav: Path | None, fake_ui: bool = True, loop: bool = False, extra: Sequence[str] = ()
) -> list[str]:
    args = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--autoplay-policy=no-user-gesture-required",
        # Inside the loopback-only namespace the only candidates are 127.0.0.1.
        "--allow-loopback-in-peer-connection",
        "--use-fake-device-for-media-stream",
        # A page without the microphone hides its addresses behind mDNS names, which
        # need multicast, which a loopback-only namespace lacks.
        "--disable-features=WebRtcHideLocalIpsWithMdns",
    ]
    if fake_ui:
        args.append("--use-fake-ui-for-media-stream")
    if mic_wav is not None:
        # Played once (a repeated command would be heard again), or looped for a test
        # that picks its moment (push-to-talk, whatever the file's phase).
        args.append(f"--use-file-for-fake-audio-capture={mic_wav}" + ("" if loop else "%noloop"))
    return [*args, *extra]


@asynccontextmanager
async def chromium(
    mic_wav: Path | None = None,
    *,
    fake_ui: bool = True,
    loop: bool = False,
    extra_args: Sequence[str] = (),
) -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path(),
            headless=True,
            args=chromium_args(mic_wav, fake_ui, loop, extra_args),
        )
        try:
            yield browser
        finally:
            await browser.close()


@asynccontextmanager
async def page_at(
    url: str,
    mic_wav: Path | None = None,
    *,
    fake_ui: bool = True,
    viewport: tuple[int, int] = (1280, 800),
    loop: bool = False,
    extra_args: Sequence[str] = (),
) -> AsyncIterator[Page]:
    async with chromium(mic_wav, fake_ui=fake_ui, loop=loop, extra_args=extra_args) as browser:
        context = await browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        page = await context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        await page.goto(url)
        page.errors = errors  # type: ignore[attr-defined]
        yield page
        await context.close()


def silent_wav(seconds: float = 1.0, rate: int = 48000) -> Path:
    """A 16-bit PCM mono WAV of digital silence (a fake mic that never triggers the VAD).

    Chromium's fake capture device beeps when it has no file; the beeps would start turns.
    """
    out = Path(__file__).resolve().parents[1] / ".cache" / f"silence-{seconds:g}s-{rate}.wav"
    if not out.exists():
        out.parent.mkdir(exist_ok=True)
        with wave.open(str(out), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(b"\0\0" * int(seconds * rate))
    return out


@asynccontextmanager
async def open_page(
    browser: Browser,
    url: str,
    *,
    microphone: bool = True,
    viewport: tuple[int, int] = (1280, 800),
    clock: bool = False,
) -> AsyncIterator[Page]:
    """A fresh context (no stored settings) on `browser`, the page loaded and wired.

    With a browser launched without the fake-UI flag (`chromium(..., fake_ui=False)`), the
    microphone is granted only when `microphone` is true; otherwise getUserMedia is denied.
    `clock` installs Playwright's fake timers before the page loads (`page.clock`).
    `page.errors` collects uncaught page exceptions.
    """
    context = await browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]},
        permissions=["microphone"] if microphone else [],
    )
    try:
        page = await context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.errors = errors  # type: ignore[attr-defined]
        if clock:
            await page.clock.install()
        await page.goto(url)
        await page.wait_for_function("window.voicertc && window.voicertc.ready")
        yield page
    finally:
        await context.close()
