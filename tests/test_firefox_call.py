"""A whole call from Debian's Firefox ESR: the page connects, a typed command changes the
chain, the assistant answers in captions and audio, and hanging up ends the session.

Firefox's fake microphone is a tone (it has no file-backed one like Chromium's), so the
command is typed; spoken commands from a browser are test_browser_call.py's.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from conftest import RunningServer
from firefox import firefox_page

INBOUND_PACKETS = """async () => {
  let packets = 0;
  (await window.voicertc.pc.getStats()).forEach((s) => {
    if (s.type === 'inbound-rtp' && (s.kind || s.mediaType) === 'audio') packets = s.packetsReceived;
  });
  return packets;
}"""


async def test_a_call_from_firefox(server: RunningServer, tmp_path: Path) -> None:
    async with firefox_page(tmp_path / "profile") as page:
        await page.goto(server.url + "/")
        await page.wait_for("window.voicertc && window.voicertc.ready")
        await page.click("#call")
        state = await page.wait_for(
            "['listening', 'ended'].includes(document.body.dataset.state) && document.body.dataset.state"
        )
        assert state == "listening", await page.call("() => JSON.stringify(window.voicertc.lastError)")
        session_id = await page.call("() => window.voicertc.sessionId")
        session = server.server.sessions[session_id]
        pair = await page.call(
            """async () => { let ok = false; (await window.voicertc.pc.getStats()).forEach((s) => {
                 if (s.type === 'candidate-pair' && s.state === 'succeeded') ok = true; }); return ok; }"""
        )
        assert pair  # ICE really connected over loopback
        packets_before = await page.call(INBOUND_PACKETS)

        await page.click("#text-input")
        await page.type("add some reverb")
        await page.wait_for("""document.querySelector('#effects-chain .effect-card[data-effect="reverb"]')""")
        assert [e["effect"] for e in session.chain.to_list()] == ["reverb"]
        reply = await page.wait_for(
            """[...document.querySelectorAll('#captions .caption[data-role="assistant"][data-final="true"]')]
               .map((e) => e.innerText).join(' ')"""
        )
        assert "reverb" in reply.lower()
        await page.wait_for(f"(async () => (await ({INBOUND_PACKETS})()) > {packets_before} + 25)()")
        playing = await page.call(
            "() => { const v = window.voicertc; return v.audio.srcObject === v.remoteStream"
            " && !v.audio.paused; }"
        )
        assert playing  # the assistant plays from the remote WebRTC stream

        await page.click("#hangup")
        await page.wait_for("document.body.dataset.state === 'ended'")
        await asyncio.wait_for(session.wait_closed(), 10)
        assert session_id not in server.server.sessions
