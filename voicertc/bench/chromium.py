"""Debian's Chromium as the tests and the browser benchmark launch it: where it is, and the
flags that make a WAV file its microphone inside a loopback-only network namespace."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

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
