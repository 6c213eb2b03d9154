"""A whole voice call from Debian's Chromium: a spoken command file is the microphone,
through each upstream protocol (Realtime and Live) to the embedded assistant.

The same assertions as test_call.py's aiortc client (user caption, assistant caption,
the effect the command asked for, assistant audio with real energy), made through the
page and `getStats()`, plus what the browser's echo canceller needs: the assistant plays
from the remote WebRTC stream in an <audio> element, and the mic asked for
echoCancellation.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator

import pytest
from conftest import RunningServer, start_server, synthesize_wav
from playwright.async_api import expect
from support.browser import page_at

# Inbound audio of the call as getStats() reports it (the assistant's voice).
INBOUND_AUDIO = """async () => {
  const pc = window.voicertc.pc;
  if (!pc) return null;
  const report = await pc.getStats();
  let found = null;
  report.forEach((s) => {
    if (s.type === 'inbound-rtp' && (s.kind || s.mediaType) === 'audio') found = s;
  });
  return found && {
    totalAudioEnergy: found.totalAudioEnergy ?? 0,
    audioLevel: found.audioLevel ?? 0,
    totalSamplesDuration: found.totalSamplesDuration ?? 0,
    packetsReceived: found.packetsReceived ?? 0,
    bytesReceived: found.bytesReceived ?? 0,
  };
}"""

# The page plays the assistant through <audio>, from the remote WebRTC stream.
AUDIO_ELEMENT = """() => {
  const v = window.voicertc;
  const audio = v.audio;
  const receivers = v.pc.getReceivers().filter((r) => r.track && r.track.kind === 'audio');
  const remoteTrackIds = receivers.map((r) => r.track.id);
  const src = audio.srcObject;
  return {
    tag: audio.tagName,
    inDocument: document.contains(audio),
    isRemoteStream: src === v.remoteStream && src instanceof MediaStream,
    srcTrackIds: src ? src.getAudioTracks().map((t) => t.id) : [],
    remoteTrackIds,
    paused: audio.paused,
    muted: audio.muted,
    volume: audio.volume,
  };
}"""

MIC = """() => {
  const t = window.voicertc.micTrack;
  return t && {
    kind: t.kind,
    readyState: t.readyState,
    settings: t.getSettings(),
    constraints: t.getConstraints(),
    sending: window.voicertc.pc.getSenders().some((s) => s.track === t),
  };
}"""


@pytest.fixture(params=["realtime", "live"])
async def server(request) -> AsyncIterator[RunningServer]:
    """The server, its calls going to the embedded assistant over each OpenAI protocol."""
    running, runner = await start_server(upstream=request.param)
    try:
        yield running
    finally:
        await runner.cleanup()


async def test_spoken_command_in_chromium(server, artifacts) -> None:
    # Leading silence: the call is up (well under a second on loopback) long before the
    # speech starts; trailing silence lets the recogniser's VAD close the turn.
    wav = synthesize_wav("add some reverb", rate=48000, lead_s=3.0, tail_s=3.0)
    async with page_at(server.url, wav) as page:
        await page.wait_for_function("window.voicertc && window.voicertc.ready")
        await page.click("#call")
        await page.wait_for_selector("body[data-state=listening]", timeout=15_000)
        assert await page.evaluate("window.voicertc.callActive")
        session_id = await page.evaluate("window.voicertc.sessionId")
        assert session_id in server.server.sessions
        assert server.server.sessions[session_id].upstream_config.protocol == server.server.config.protocol

        # The microphone: echo cancellation asked for and in effect, the track on the call.
        mic = await page.evaluate(MIC)
        assert mic is not None and mic["kind"] == "audio" and mic["readyState"] == "live"
        assert mic["constraints"]["echoCancellation"] is True
        assert mic["settings"]["echoCancellation"] is True
        assert mic["sending"]

        # Before the assistant says anything its inbound audio is silence.
        before = await page.evaluate(INBOUND_AUDIO)
        assert before is not None

        # The user's spoken command comes back as a final caption.
        user = page.locator('#captions .caption[data-role="user"][data-final="true"]')
        await expect(user.filter(has_text=re.compile("reverb", re.I)).first).to_be_visible(timeout=25_000)
        # The command took effect on the server, and the panel shows the server's chain.
        card = page.locator('#effects-chain .effect-card[data-effect="reverb"]')
        await expect(card).to_be_visible(timeout=20_000)
        chain = server.server.sessions[session_id].chain.to_list()
        assert [e["effect"] for e in chain] == ["reverb"]
        mix = card.locator('input[type="number"][data-param="mix"]')
        await expect(mix).to_have_value(re.compile(rf"^{chain[0]['params']['mix']:g}(\.0+)?$"))
        # The assistant answers with a final caption.
        assistant = page.locator('#captions .caption[data-role="assistant"][data-final="true"]')
        await expect(assistant.first).to_have_text(re.compile(r"\w{3,}"), timeout=20_000)
        assert "reverb" in (await assistant.first.inner_text()).lower()

        # ... and speaks it: inbound audio energy grows well past the silent start.
        await page.wait_for_function(
            f"""async ([e0, s0]) => {{
                const s = await ({INBOUND_AUDIO})();
                return s && s.totalAudioEnergy > e0 + 5e-3
                    && s.totalSamplesDuration > s0 + 0.5;
            }}""",
            arg=[before["totalAudioEnergy"], before["totalSamplesDuration"]],
            timeout=20_000,
            polling=200,
        )
        after = await page.evaluate(INBOUND_AUDIO)
        assert after["packetsReceived"] > before["packetsReceived"]
        assert after["totalAudioEnergy"] > 0

        # The assistant plays from the remote WebRTC track in an <audio> element, which is
        # what lets the browser's echo canceller subtract it from the microphone.
        audio = await page.evaluate(AUDIO_ELEMENT)
        assert audio["tag"] == "AUDIO" and audio["inDocument"]
        assert audio["isRemoteStream"]
        assert audio["srcTrackIds"] and set(audio["srcTrackIds"]) <= set(audio["remoteTrackIds"])
        assert not audio["paused"] and not audio["muted"] and audio["volume"] > 0

        await page.screenshot(
            path=str(artifacts / f"call-spoken-command-{server.server.config.protocol}.png"), full_page=True
        )
        assert page.errors == []  # type: ignore[attr-defined]

        # Hanging up ends the session on the server too.
        session = server.server.sessions[session_id]
        await page.click("#hangup")
        await page.wait_for_selector("body[data-state=ended]")
        await page.wait_for_function("window.voicertc.pc.connectionState === 'closed'", timeout=5_000)
        await asyncio.wait_for(session.wait_closed(), 5)
    assert session_id not in server.server.sessions
