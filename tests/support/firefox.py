"""Debian's Firefox ESR driven over WebDriver BiDi, its own remote agent (no geckodriver).

Playwright's Firefox is a patched build that cannot be downloaded here, so this is a
small raw BiDi client on aiohttp's WebSocket: commands by id, page functions through
script.callFunction, real clicks and keys through input.performActions.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import shutil
import signal
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp

# Profile preferences. The first four are each needed (every one was left out in turn,
# and the call failed without it); the rest keep a headless start quiet.
PREFS: dict[str, Any] = {
    # Firefox's built-in fake microphone (a sine tone): there is no sound card here.
    "media.navigator.streams.fake": True,
    # No permission prompt: headless, nobody clicks "Allow", getUserMedia never settles.
    "media.navigator.permission.disabled": True,
    # The fake microphone counts as capturing. Only a capturing page gathers candidates
    # on every interface; otherwise Firefox looks for the default route's address, the
    # loopback-only namespace has none, and ICE fails with no candidate at all.
    "media.navigator.permission.fake": True,
    # Host candidates on loopback (off by default).
    "media.peerconnection.ice.loopback": True,
    # The literal 127.0.0.1, never an mDNS ".local" name aiortc could not resolve.
    "media.peerconnection.ice.obfuscate_host_addresses": False,
    "media.autoplay.default": 0,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.startup.page": 0,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "app.update.disabledForTesting": True,
    "app.normandy.enabled": False,
    "services.settings.server": "data:,#remote-settings-dummy/v1",
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
}


def firefox_path() -> str:
    found = shutil.which("firefox-esr") or shutil.which("firefox")
    if found is None:
        raise RuntimeError("firefox-esr is not installed; run the README's test command (it installs it)")
    return found


class BiDiError(RuntimeError):
    pass


class BiDi:
    """One WebDriver BiDi session: ``send`` a command, get its result."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self._ws = ws
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self._ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            data = json.loads(message.data)
            future = self._pending.pop(data.get("id"), None)
            if future is None or future.done():
                continue  # an event, or a command nobody waits for any more
            if data.get("type") == "error":
                future.set_exception(BiDiError(f"{data.get('error')}: {data.get('message')}"))
            else:
                future.set_result(data.get("result"))
        for future in self._pending.values():
            if not future.done():
                future.set_exception(BiDiError("the BiDi connection closed"))

    async def send(self, method: str, params: dict[str, Any] | None = None, timeout: float = 30) -> Any:
        command_id = next(self._ids)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[command_id] = future
        await self._ws.send_str(json.dumps({"id": command_id, "method": method, "params": params or {}}))
        return await asyncio.wait_for(future, timeout)

    async def close(self) -> None:
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader


def _value(remote: dict[str, Any]) -> Any:
    """A BiDi RemoteValue as Python."""
    kind = remote.get("type")
    if kind in ("undefined", "null"):
        return None
    if kind in ("string", "boolean", "number"):
        return remote["value"]
    if kind == "array":
        return [_value(v) for v in remote.get("value", [])]
    if kind == "object":
        return {k: _value(v) for k, v in remote.get("value", [])}
    return remote


class FirefoxPage:
    def __init__(self, bidi: BiDi, context: str) -> None:
        self.bidi = bidi
        self.context = context

    async def goto(self, url: str) -> None:
        params = {"context": self.context, "url": url, "wait": "complete"}
        await self.bidi.send("browsingContext.navigate", params)

    async def call(self, function: str, *args: Any, timeout: float = 30) -> Any:
        """Runs a JS function in the page with JSON arguments; its (awaited) result."""
        result = await self.bidi.send(
            "script.callFunction",
            {
                "functionDeclaration": f"(...a) => ({function})(...a.map((s) => JSON.parse(s)))",
                "arguments": [{"type": "string", "value": json.dumps(a)} for a in args],
                "target": {"context": self.context},
                "awaitPromise": True,
            },
            timeout=timeout + 5,
        )
        if result["type"] == "exception":
            raise BiDiError(f"page exception: {result['exceptionDetails'].get('text')}")
        return _value(result["result"])

    async def wait_for(self, condition: str, timeout: float = 20) -> Any:
        """The first truthy value of JS expression ``condition``, checked in the page."""
        poll = (
            "async (ms) => { const t0 = performance.now();"
            f" for (;;) {{ const v = await (async () => ({condition}))(); if (v) return v;"
            " if (performance.now() - t0 > ms) return null;"
            " await new Promise((r) => setTimeout(r, 50)); } }"
        )
        value = await self.call(poll, int(timeout * 1000), timeout=timeout)
        if value is None:
            raise TimeoutError(f"not true within {timeout} s: {condition}")
        return value

    async def _element(self, selector: str) -> dict[str, str]:
        result = await self.bidi.send(
            "script.evaluate",
            {
                "expression": f"document.querySelector({json.dumps(selector)})",
                "target": {"context": self.context},
                "awaitPromise": False,
            },
        )
        if result["type"] != "success" or result["result"].get("type") != "node":
            raise BiDiError(f"no element {selector}")
        return {"sharedId": result["result"]["sharedId"]}

    async def click(self, selector: str) -> None:
        """A real pointer click at the element's centre (a user activation)."""
        element = await self._element(selector)
        pointer = [
            {"type": "pointerMove", "x": 0, "y": 0, "origin": {"type": "element", "element": element}},
            {"type": "pointerDown", "button": 0},
            {"type": "pointerUp", "button": 0},
        ]
        mouse = {"pointerType": "mouse"}
        actions = [{"type": "pointer", "id": "mouse", "parameters": mouse, "actions": pointer}]
        await self.bidi.send("input.performActions", {"context": self.context, "actions": actions})

    async def type(self, text: str) -> None:
        """Types ``text`` into the focused element, then Enter."""
        keys = [{"type": kind, "value": ch} for ch in [*text, "\ue007"] for kind in ("keyDown", "keyUp")]
        actions = [{"type": "key", "id": "keyboard", "actions": keys}]
        await self.bidi.send("input.performActions", {"context": self.context, "actions": actions})


def _new_profile(profile: Path, prefs: dict[str, Any]) -> Path:
    """Writes the prefs into a fresh profile; the log file Firefox's output goes to."""
    profile.mkdir(parents=True, exist_ok=True)
    lines = [f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in prefs.items()]
    (profile / "user.js").write_text("".join(lines))
    return profile.parent / "firefox.log"


def _bidi_url(profile: Path) -> str | None:
    """Where the remote agent listens: with port 0 it picks one and writes it here."""
    address = profile / "WebDriverBiDiServer.json"
    try:
        where = json.loads(address.read_text())
    except (OSError, ValueError):
        return None
    return f"ws://{where['ws_host']}:{where['ws_port']}/session"


@contextlib.asynccontextmanager
async def firefox_page(
    profile: Path, *, prefs: dict[str, Any] | None = None, env: dict[str, str] | None = None
) -> AsyncIterator[FirefoxPage]:
    """A headless Firefox with a fresh profile in ``profile`` (``PREFS`` and ``prefs``), and
    its first tab."""
    log_path = _new_profile(profile, {**PREFS, **(prefs or {})})
    with log_path.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            firefox_path(), "--headless", "--no-remote", "--remote-debugging-port", "0",
            "--profile", str(profile), "about:blank",
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "MOZ_CRASHREPORTER_DISABLE": "1", **(env or {})},
        )  # fmt: skip
    http = aiohttp.ClientSession()
    bidi: BiDi | None = None
    try:
        async with asyncio.timeout(30):
            while (url := _bidi_url(profile)) is None:
                if process.returncode is not None:
                    raise RuntimeError(f"firefox exited with {process.returncode}: see {log_path}")
                await asyncio.sleep(0.05)
        ws = await http.ws_connect(url, max_msg_size=0)
        bidi = BiDi(ws)
        await bidi.send("session.new", {"capabilities": {"alwaysMatch": {}}})
        tree = await bidi.send("browsingContext.getTree", {"maxDepth": 0})
        yield FirefoxPage(bidi, tree["contexts"][0]["context"])
    finally:
        if bidi is not None:
            with contextlib.suppress(Exception):
                await bidi.send("browser.close", timeout=5)
            await bidi.close()
        await http.close()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(process.wait(), 10)
        # Whatever is left of the process group (content processes too).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        await process.wait()
