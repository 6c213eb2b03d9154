"""What voicertc-client.js needs from the server: the library and its types, the effect
specs from specs.py, and trickle ICE on the JSON signalling (`trickle: true` + PATCH)."""

from __future__ import annotations

import asyncio

import aiohttp
from aiortc import RTCPeerConnection

from voicertc.audio.outbound import AssistantTrack
from voicertc.edge.ice import rtc_configuration
from voicertc.effects.specs import EFFECT_SPECS, page_specs


def _split_candidates(sdp: str) -> tuple[str, list[str]]:
    lines = sdp.replace("\r\n", "\n").strip().split("\n")
    candidates = [line[2:] for line in lines if line.startswith("a=candidate:")]
    kept = [line for line in lines if not line.startswith(("a=candidate:", "a=end-of-candidates"))]
    return "\r\n".join(kept) + "\r\n", candidates


async def test_library_and_types_are_served(server) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{server.url}/voicertc-client.js") as response:
            assert response.status == 200
            assert response.content_type == "text/javascript"
            text = await response.text()
        assert "export async function connect(" in text
        async with http.get(f"{server.url}/voicertc-client.d.ts") as response:
            assert response.status == 200
            types = await response.text()
        assert "export function connect(options?: ConnectOptions): Promise<VoiceCall>;" in types


async def test_effect_specs_are_the_servers(server) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{server.url}/effects/specs") as response:
            assert response.status == 200
            specs = await response.json()
    assert specs == page_specs()
    assert list(specs) == list(EFFECT_SPECS)
    for name, spec in EFFECT_SPECS.items():
        served = specs[name]
        assert served["primary"] == spec.primary and served["label"]
        assert list(served["params"]) == [p.name for p in spec.params]
        for p in spec.params:
            row = served["params"][p.name]
            assert (row["min"], row["max"], row["default"]) == (p.min, p.max, p.default)
    assert specs["lowpass"]["params"]["cutoff_hz"]["scale"] == "log"
    assert specs["compressor"]["params"]["ratio"]["unit"] == ":1"


async def test_offer_without_candidates_then_trickled_by_patch(server) -> None:
    pc = RTCPeerConnection(rtc_configuration())
    pc.addTrack(AssistantTrack())
    pc.createDataChannel("events")
    connected = asyncio.Event()
    pc.on("connectionstatechange", lambda: pc.connectionState == "connected" and connected.set())
    await pc.setLocalDescription(await pc.createOffer())
    offer, candidates = _split_candidates(pc.localDescription.sdp)
    assert candidates
    try:
        async with aiohttp.ClientSession() as http:
            # Without trickle an offer with no candidates is refused: it could never connect.
            async with http.post(f"{server.url}/offer", json={"sdp": offer, "type": "offer"}) as response:
                assert response.status == 400
                assert (await response.json())["error"]["code"] == "no_candidates"
            async with http.post(
                f"{server.url}/offer", json={"sdp": offer, "type": "offer", "trickle": True}
            ) as response:
                assert response.status == 200
                answer = await response.json()
            session_url = f"{server.url}/sessions/{answer['session_id']}"
            # Bad PATCH bodies: clear JSON errors, the session untouched.
            for body, code in (
                ({"candidates": "x"}, "bad_request"),
                ({"candidates": [{"candidate": "candidate:1 1 udp"}]}, "bad_request"),
                ({"candidates": [{"candidate": "candidate:1 1 udp", "sdpMid": "0"}]}, "bad_sdp"),
                ({"candidates": [], "done": "yes"}, "bad_request"),
            ):
                async with http.patch(session_url, json=body) as response:
                    assert response.status == 400, body
                    assert (await response.json())["error"]["code"] == code
            async with http.patch(f"{server.url}/sessions/nope", json={"candidates": []}) as response:
                assert response.status == 404
            await pc.setRemoteDescription(type(pc.localDescription)(sdp=answer["sdp"], type="answer"))
            mid = pc.getTransceivers()[0].mid
            trickled = [{"candidate": c, "sdpMid": mid, "sdpMLineIndex": 0} for c in candidates]
            body = {"candidates": trickled, "done": True}
            async with http.patch(session_url, json=body) as response:
                assert response.status == 204
            await asyncio.wait_for(connected.wait(), 10)
    finally:
        await pc.close()
