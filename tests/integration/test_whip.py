"""WHIP (RFC 9725): create with application/sdp, trickle by PATCH, DELETE, and errors."""

from __future__ import annotations

import asyncio

import aiohttp
from aiortc import RTCPeerConnection, RTCSessionDescription
from support.whip import patch_fragment

from voicertc.audio.outbound import AssistantTrack
from voicertc.edge.ice import rtc_configuration


def _split_candidates(sdp: str) -> tuple[str, list[str]]:
    lines = sdp.replace("\r\n", "\n").strip().split("\n")
    candidates = [line for line in lines if line.startswith("a=candidate:")]
    kept = [line for line in lines if not line.startswith(("a=candidate:", "a=end-of-candidates"))]
    return "\r\n".join(kept) + "\r\n", candidates


def _attribute(sdp: str, name: str) -> str:
    return next(line.split(":", 1)[1] for line in sdp.splitlines() if line.startswith(f"a={name}:"))


async def test_whip_call_with_trickled_candidates_then_delete(server) -> None:
    pc = RTCPeerConnection(rtc_configuration())
    mic = AssistantTrack()
    pc.addTrack(mic)
    connected = asyncio.Event()
    pc.on("connectionstatechange", lambda: pc.connectionState == "connected" and connected.set())
    await pc.setLocalDescription(await pc.createOffer())
    offer, candidates = _split_candidates(pc.localDescription.sdp)
    assert candidates, "aiortc gathered no candidates"
    async with aiohttp.ClientSession() as http:
        async with http.post(
            f"{server.url}/whip", data=offer, headers={"Content-Type": "application/sdp"}
        ) as response:
            assert response.status == 201
            assert response.content_type == "application/sdp"
            location = response.headers["Location"]
            answer = await response.text()
        assert location.startswith("/whip/")
        session = server.server.sessions[location.rsplit("/", 1)[1]]

        fragment = "\r\n".join(
            [
                f"a=ice-ufrag:{_attribute(offer, 'ice-ufrag')}",
                f"a=ice-pwd:{_attribute(offer, 'ice-pwd')}",
                "m=audio 9 UDP/TLS/RTP/SAVPF 0",
                f"a=mid:{_attribute(offer, 'mid')}",
                *candidates,
                "a=end-of-candidates",
                "",
            ]
        )
        assert (await patch_fragment(http, f"{server.url}{location}", fragment))[0] == 204
        ice = session.pc.getTransceivers()[0].receiver.transport.transport
        remote = ice.iceGatherer._connection.remote_candidates  # the PATCHed candidates
        assert len(remote) == len(candidates)

        await pc.setRemoteDescription(RTCSessionDescription(answer, "answer"))
        await asyncio.wait_for(connected.wait(), 10)

        restart = fragment.replace(_attribute(offer, "ice-ufrag"), "zzzz")
        assert (await patch_fragment(http, f"{server.url}{location}", restart))[0] == 422
        assert (await patch_fragment(http, f"{server.url}{location}", fragment, "text/plain"))[0] == 415

        async with http.delete(f"{server.url}{location}") as response:
            assert response.status == 200
        assert server.server.sessions == {}
        async with http.delete(f"{server.url}{location}") as response:
            assert response.status == 404
        assert (await patch_fragment(http, f"{server.url}{location}", fragment))[0] == 404
    mic.stop()
    await pc.close()


async def test_whip_rejects_bad_offers(server) -> None:
    async with aiohttp.ClientSession() as http:
        for body, content_type, status in [
            ("v=0", "application/json", 415),
            ("hello", "application/sdp", 400),
            ("v=0\r\ns=-\r\n", "application/sdp", 400),
        ]:
            async with http.post(
                f"{server.url}/whip", data=body, headers={"Content-Type": content_type}
            ) as response:
                assert response.status == status
                assert (await response.json())["error"]["message"]
    assert server.server.sessions == {}
