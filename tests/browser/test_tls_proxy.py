"""The shipped nginx configuration (deploy/nginx/voicertc.conf) in front of `voicertc
serve`: https with a throwaway CA that the test's Chromium trusts, the page's call through
it, the Realtime WebSocket through it, the Origin checked against --public-origin, and the
caller's address forwarded (X-Forwarded-For, trusted only from the proxy).

Chromium resolves voice.test to 127.0.0.1 by a host-resolver rule; nothing leaves the
test's loopback-only namespace. Test clients bind their own loopback addresses
(127.0.0.5, 127.0.0.6) so that the rate limit tells callers apart.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import ssl
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
from support.browser import page_at
from support.page_call import spoken_command_wav, spoken_then_typed
from support.serve_process import free_port, serve_process
from support.tls import Certificates, make_certificates

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "deploy" / "nginx" / "voicertc.conf"
HOST = "voice.test"


def render_site(certs: Certificates, https_port: int, http_port: int, app_port: int) -> str:
    """The shipped site with this test's names, ports and certificate; nothing else changed."""
    site = SHIPPED.read_text()
    for old, new in (
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
        ("listen [::]:443 ssl http2;", ""),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen [::]:80;", ""),
        ("/etc/letsencrypt/live/voice.example/fullchain.pem", str(certs.fullchain)),
        ("/etc/letsencrypt/live/voice.example/privkey.pem", str(certs.key)),
        ("server 127.0.0.1:8080;", f"server 127.0.0.1:{app_port};"),
        ("voice.example", HOST),
    ):
        assert old in site, f"{SHIPPED} no longer has {old!r}"
        site = site.replace(old, new)
    return site


def nginx_command(directory: Path, site: str) -> list[str]:
    """Writes a main config around `site` in `directory`; the command that runs it."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise RuntimeError("nginx is not installed; run the README's test command (it installs it)")
    directory.mkdir()
    (directory / "site.conf").write_text(site)
    kinds = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    temp = " ".join(f"{kind}_temp_path {directory / kind};" for kind in kinds)
    (directory / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off;\nworker_processes 1;\npid {directory / 'nginx.pid'};\nerror_log stderr warn;\n"
        + "events { worker_connections 256; }\n"
        + f"http {{ access_log off; {temp} include {directory / 'site.conf'}; }}\n"
    )
    return [binary, "-p", str(directory), "-c", str(directory / "nginx.conf"), "-e", "stderr"]


@contextlib.asynccontextmanager
async def nginx(command: list[str], https_port: int) -> AsyncIterator[None]:
    process = await asyncio.create_subprocess_exec(
        *command, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    try:
        async with asyncio.timeout(15):
            while True:
                if process.returncode is not None:
                    output = await process.stderr.read()  # type: ignore[union-attr]
                    raise AssertionError(f"nginx exited: {output.decode()}")
                with contextlib.suppress(OSError):
                    _, writer = await asyncio.open_connection("127.0.0.1", https_port)
                    writer.close()
                    break
                await asyncio.sleep(0.05)
        yield
    finally:
        if process.returncode is None:
            process.terminate()
        await process.wait()


def _client(certs: Certificates, source: str) -> aiohttp.ClientSession:
    context = ssl.create_default_context(cafile=str(certs.ca))
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=context, local_addr=(source, 0)))


async def _post_offer(
    http: aiohttp.ClientSession, base: str, origin: str, forwarded: str | None = None
) -> int:
    headers = {"Origin": origin, "Content-Type": "text/plain"}
    if forwarded:
        headers["X-Forwarded-For"] = forwarded
    async with http.post(f"{base}/offer", data="x", headers=headers, server_hostname=HOST) as response:
        return response.status


async def test_https_through_the_shipped_nginx_config(tmp_path: Path) -> None:
    certs = make_certificates(tmp_path / "certs", HOST)
    https_port, http_port, app_port = free_port(), free_port(), free_port()
    origin = f"https://{HOST}:{https_port}"
    env = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}
    env |= {
        "VOICERTC_ICE_HOSTS": "127.0.0.1",
        "VOICERTC_PUBLIC_ORIGIN": origin,
        "VOICERTC_TRUSTED_PROXIES": "127.0.0.1",
        # Room for the page's call and one test call per caller below.
        "VOICERTC_RATE_LIMIT": "2",
    }
    command = ["python3", "-m", "voicertc", "serve"]
    proxy = nginx_command(tmp_path / "nginx", render_site(certs, https_port, http_port, app_port))
    async with serve_process(command, port=app_port, env=env), nginx(proxy, https_port):
        # The page over https, with Chromium trusting the throwaway CA, makes its call.
        chromium_flags = [
            f"--ignore-certificate-errors-spki-list={certs.ca_spki_sha256}",
            f"--host-resolver-rules=MAP {HOST} 127.0.0.1",
        ]
        async with page_at(f"{origin}/", spoken_command_wav(), extra_args=chromium_flags) as page:
            assert await page.evaluate("window.isSecureContext && location.protocol") == "https:"
            assert await spoken_then_typed(page) == ["reverb", "delay"]
            assert page.errors == []  # type: ignore[attr-defined]

        base = f"https://127.0.0.1:{https_port}"
        async with _client(certs, "127.0.0.5") as http:
            # Plain http is sent to https.
            async with http.get(
                f"http://127.0.0.1:{http_port}/", headers={"Host": HOST}, allow_redirects=False
            ) as response:
                assert response.status == 301
                assert response.headers["Location"] == f"https://{HOST}/"
            async with http.get(f"{base}/healthz", server_hostname=HOST) as response:
                assert response.status == 200 and response.headers["Strict-Transport-Security"]
            # The WebSocket upgrade passes: the embedded Realtime endpoint greets us.
            realtime = f"wss://127.0.0.1:{https_port}/v1/realtime"
            async with http.ws_connect(realtime, server_hostname=HOST) as ws:
                first = json.loads((await ws.receive(timeout=20)).data)
                assert first["type"] == "session.created", first
            # Rate limit 2 calls a minute per caller: the proxy's X-Forwarded-For names the
            # caller, and a forged entry in front of it changes nothing.
            assert await _post_offer(http, base, origin) == 415
            assert await _post_offer(http, base, origin, forwarded="203.0.113.9") == 415
            assert await _post_offer(http, base, origin, forwarded="203.0.113.10") == 429
        async with _client(certs, "127.0.0.6") as http:
            assert await _post_offer(http, base, origin) == 415
            # The Origin check is keyed on the public origin, whatever Host nginx passes.
            assert await _post_offer(http, base, "https://evil.test") == 403
        # Straight to voicertc from an address that is not the proxy, X-Forwarded-For is
        # ignored: three different claims are still one caller, 127.0.0.7.
        direct = aiohttp.TCPConnector(local_addr=("127.0.0.7", 0))
        async with aiohttp.ClientSession(connector=direct) as http:
            for claim, expected in (("127.0.0.8", 415), ("127.0.0.9", 415), ("127.0.0.10", 429)):
                headers = {"Origin": origin, "Content-Type": "text/plain", "X-Forwarded-For": claim}
                url = f"http://127.0.0.1:{app_port}/offer"
                async with http.post(url, data="x", headers=headers) as response:
                    assert response.status == expected, claim
