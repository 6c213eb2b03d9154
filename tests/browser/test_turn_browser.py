"""Chromium calls relay-only through a real coturn, with credentials from the server.

The page's own script is not used: a few lines of JS in the page make the call exactly as
docs/protocol.md says (GET ./config, POST ./offer, DELETE ./sessions/ID), so this tests the
server and TURN, whatever the web client looks like at the moment.
"""

from __future__ import annotations

import base64
from typing import Any

from conftest import start_server
from support.browser import page_at
from support.coturn import Coturn

from voicertc.edge.ice import IceSettings

# The microphone is Web Audio playing the given speech (24 kHz PCM16, base64) once the
# assistant listens: Chromium's file-backed fake microphone starts at getUserMedia, and
# TURN allocations before the call would eat into the speech by a varying amount.
CALL = """
async (speech) => {
  const config = await (await fetch('./config')).json();
  const pc = new RTCPeerConnection({
    iceServers: config.iceServers,
    iceTransportPolicy: config.iceTransportPolicy,
  });
  const audio = new AudioContext({ sampleRate: 48000 });
  await audio.resume();
  const pcm = Uint8Array.from(atob(speech), (c) => c.charCodeAt(0));
  const samples = new Int16Array(pcm.buffer);
  const buffer = audio.createBuffer(1, samples.length, 24000);
  buffer.getChannelData(0).set(Float32Array.from(samples, (x) => x / 32768));
  const mic = audio.createMediaStreamDestination();
  for (const track of mic.stream.getAudioTracks()) pc.addTrack(track, mic.stream);
  let spoken = false;
  const messages = [];
  const channel = pc.createDataChannel('events');
  channel.onmessage = (event) => {
    const message = JSON.parse(event.data);
    messages.push(message);
    if (!spoken && message.type === 'state' && message.state === 'listening') {
      spoken = true;
      const source = audio.createBufferSource();
      source.buffer = buffer;
      source.connect(mic);
      source.start();
    }
  };
  const speaker = new Audio();
  pc.ontrack = (event) => {
    speaker.srcObject = new MediaStream([event.track]);
    speaker.play();
  };
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise((resolve) => {
    const done = () => pc.iceGatheringState === 'complete' && resolve();
    pc.addEventListener('icegatheringstatechange', done);
    done();
  });
  const response = await fetch('./offer', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sdp: pc.localDescription.sdp, type: 'offer' }),
  });
  const answer = await response.json();
  if (response.status !== 200) return { status: response.status, answer };
  await pc.setRemoteDescription(answer);
  window.call = { pc, messages, id: answer.session_id };
  return { status: 200, config, offer: pc.localDescription.sdp };
}
"""

HANG_UP = """
async () => {
  await fetch('./sessions/' + window.call.id, { method: 'DELETE' });
  window.call.pc.close();
}
"""

STATS = """
async () => {
  const stats = [...(await window.call.pc.getStats()).values()];
  const byId = (id) => stats.find((s) => s.id === id);
  const transport = stats.find((s) => s.type === 'transport');
  const pair = transport && byId(transport.selectedCandidatePairId);
  const inbound = stats.find((s) => s.type === 'inbound-rtp' && s.kind === 'audio');
  return {
    local: pair ? byId(pair.localCandidateId).candidateType : null,
    remote: pair ? byId(pair.remoteCandidateId).candidateType : null,
    energy: inbound ? inbound.totalAudioEnergy || 0 : 0,
  };
}
"""


def _has(kind: str, extra: str = "") -> str:
    return f"() => window.call.messages.some((m) => m.type === '{kind}'{extra})"


async def test_chromium_relay_only_call_through_coturn(turn: Coturn, speech) -> None:
    settings = IceSettings(
        servers=[turn.url], turn_secret=turn.secret, hosts=["127.0.0.1"], transport_policy="relay"
    )
    running, runner = await start_server(ice=settings)
    said = base64.b64encode(speech("add some reverb", tail_s=1.0)).decode()
    try:
        async with page_at(f"{running.url}/healthz") as page:
            call: dict[str, Any] = await page.evaluate(CALL, said)
            assert call["status"] == 200, call
            assert call["config"]["iceTransportPolicy"] == "relay"
            (turn_entry,) = call["config"]["iceServers"]
            assert turn_entry["urls"] == [turn.url]
            offered = [x for x in call["offer"].splitlines() if x.startswith("a=candidate:")]
            assert offered and all(" typ relay " in x for x in offered), offered

            # The browser's speech reaches the server, and the reply comes back as audio.
            final_user = " && m.role === 'user' && m.final && /reverb/i.test(m.text)"
            await page.wait_for_function(_has("transcript", final_user), timeout=30_000, polling=50)
            await page.wait_for_function(
                _has("state", " && m.state === 'speaking'"), timeout=20_000, polling=50
            )
            await page.wait_for_function(
                f"async () => ({STATS})().then((s) => s.energy > 0.001)", timeout=20_000, polling=50
            )
            stats = await page.evaluate(STATS)
            assert (stats["local"], stats["remote"]) == ("relay", "relay"), stats

            (session,) = running.server.sessions.values()
            pairs = session.pc.sctp.transport.transport.iceGatherer._connection._nominated
            assert pairs and all(p.local_candidate.type == "relay" for p in pairs.values())
            await turn.wait_for_line(
                lambda line: turn_entry["username"] in line and "ALLOCATE processed, success" in line
            )
            assert any(name.endswith(":voicertc") for name in turn.allocations())
            assert page.errors == []  # type: ignore[attr-defined]
            # Hang up once the reply is over, as the protocol says: DELETE, then close.
            await page.wait_for_function(
                "() => { const s = window.call.messages.filter((m) => m.type === 'state');"
                " return s.length && s[s.length - 1].state === 'listening'"
                " && s.some((m) => m.state === 'speaking'); }",
                timeout=20_000,
                polling=50,
            )
            await page.evaluate(HANG_UP)
            assert running.server.sessions == {}
    finally:
        await runner.cleanup()
