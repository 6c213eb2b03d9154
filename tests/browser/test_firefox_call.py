"""Whole calls from Debian's Firefox ESR: the page connects, a typed or spoken command
changes the chain, the assistant answers in captions and audio, and hanging up ends the
session.

Firefox's fake microphone is a tone (it has no file-backed one like Chromium's). For a
spoken command the page's getUserMedia is answered by Web Audio playing a WAV, which
needs an audio backend: a PulseAudio daemon with a null sink, inside the test's network
namespace.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import shutil
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from conftest import RunningServer, pcm_of, synthesize_wav
from support.firefox import firefox_page

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


# getUserMedia answered by Web Audio: the WAV, after 1.5 s of silence, is the microphone.
# The fake device is opened too, so that the page counts as capturing (and ICE gathers).
SPOKEN_MIC = """(b64) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const pcm = new Int16Array(bytes.buffer);
  const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    window.capturing = await real(constraints);
    const ctx = new AudioContext({ sampleRate: 24000 });
    ctx.resume();
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


@pytest.fixture
async def pulse(tmp_path: Path) -> AsyncIterator[dict[str, str]]:
    """A PulseAudio daemon with a null sink: the environment that points Firefox at it."""
    pulseaudio = shutil.which("pulseaudio")
    if pulseaudio is None:
        raise RuntimeError("pulseaudio is not installed; run the README's test command (it installs it)")
    runtime = tmp_path / "pulse"
    runtime.mkdir(mode=0o700)
    socket = runtime / "native"
    with (tmp_path / "pulse.log").open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            pulseaudio, "--daemonize=no", "--exit-idle-time=-1", "-n", "--disable-shm=yes",
            "--load=module-null-sink sink_name=null",
            f"--load=module-native-protocol-unix auth-anonymous=1 socket={socket}",
            stdout=log, stderr=asyncio.subprocess.STDOUT, env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)},
        )  # fmt: skip
    try:
        async with asyncio.timeout(15):
            while not socket.exists():
                if process.returncode is not None:
                    raise RuntimeError(f"pulseaudio exited ({process.returncode}): see {tmp_path}/pulse.log")
                await asyncio.sleep(0.05)
        yield {"PULSE_SERVER": f"unix:{socket}", "XDG_RUNTIME_DIR": str(runtime)}
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        await process.wait()


async def test_a_spoken_command_from_firefox(
    server: RunningServer, tmp_path: Path, pulse: dict[str, str]
) -> None:
    pcm = pcm_of(synthesize_wav("add some reverb", lead_s=0.3, tail_s=1.5))
    prefs = {"media.autoplay.block-webaudio": False}
    async with firefox_page(tmp_path / "profile", prefs=prefs, env=pulse) as page:
        await page.goto(server.url + "/")
        await page.wait_for("window.voicertc && window.voicertc.ready")
        await page.call(SPOKEN_MIC, base64.b64encode(pcm).decode("ascii"))
        await page.click("#call")
        await page.wait_for("document.body.dataset.state === 'listening'")
        heard = await page.wait_for(
            """[...document.querySelectorAll('#captions .caption[data-role="user"][data-final="true"]')]
               .map((e) => e.innerText).join(' ')""",
            timeout=30,
        )
        assert "reverb" in heard.lower()
        await page.wait_for("""document.querySelector('#effects-chain .effect-card[data-effect="reverb"]')""")
        session = server.server.sessions[await page.call("() => window.voicertc.sessionId")]
        assert [e["effect"] for e in session.chain.to_list()] == ["reverb"]
        await page.click("#hangup")
        await asyncio.wait_for(session.wait_closed(), 10)
