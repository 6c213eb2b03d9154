"""Remote ICE candidates from hostile callers: capped per call, trickled at a bounded rate,
never addresses no peer can have, and one call's candidates never stall the others."""

from __future__ import annotations

import asyncio

import aiohttp
from support.whip import patch_fragment

from integration.test_hostile_http import gated_server, offer_sdp


def with_candidates(sdp: str, lines: list[str]) -> str:
    """`sdp` with `lines` added to its first media section, after its own candidates."""
    out = sdp.replace("\r\n", "\n").split("\n")
    first_media = next(i for i, line in enumerate(out) if line.startswith("m="))
    end = next((i for i in range(first_media + 1, len(out)) if out[i].startswith("m=")), len(out) - 1)
    return "\r\n".join(out[:end] + lines + out[end:])


def host_lines(count: int, address: str = "127.0.0.1", first_port: int = 20000) -> list[str]:
    return [
        f"a=candidate:{9000 + i} 1 udp 2130706431 {address} {first_port + i} typ host" for i in range(count)
    ]


async def test_addresses_no_peer_can_have_are_never_checked() -> None:
    never = ["224.0.0.1", "255.255.255.255", "0.0.0.0", "ff02::1", "10.0.0.1"]
    lines = [f"a=candidate:{i} 1 udp 100 {address} 5000 typ host" for i, address in enumerate(never)]
    for addresses, checked in ((None, set()), (("public", "private", "loopback"), {"10.0.0.1"})):
        async with gated_server(ice_peer_addresses=addresses) as server:
            body = {"sdp": with_candidates(await offer_sdp(), lines), "type": "offer"}
            async with aiohttp.ClientSession() as http:
                async with http.post(f"{server.url}/offer", json=body) as response:
                    assert response.status == 200, await response.text()
            (session,) = server.server.sessions.values()
            transport = session.pc.getTransceivers()[0].receiver.transport.transport
            remote = {c.ip for c in transport.getRemoteCandidates()}
            assert "127.0.0.1" in remote  # the caller's own loopback candidates: tests run there
            assert remote & set(never) == checked
            assert all(f" {a} " not in session.pc.remoteDescription.sdp for a in set(never) - checked)


async def test_an_offer_with_too_many_candidates_is_refused() -> None:
    async with gated_server() as server:
        sdp = with_candidates(await offer_sdp(), host_lines(600))
        async with aiohttp.ClientSession() as http:
            for path, kwargs in (
                ("/offer", {"json": {"sdp": sdp, "type": "offer"}}),
                ("/whip", {"data": sdp, "headers": {"Content-Type": "application/sdp"}}),
            ):
                async with http.post(f"{server.url}{path}", **kwargs) as response:
                    assert response.status == 400
                    assert (await response.json())["error"]["code"] == "too_many_candidates"
        assert server.server.sessions == {}


async def _whip_session(http: aiohttp.ClientSession, url: str) -> tuple[str, str]:
    # Trickled: no end-of-candidates, so what PATCH brings reaches the ICE agent.
    sdp = (await offer_sdp()).replace("a=end-of-candidates\r\n", "")
    async with http.post(f"{url}/whip", data=sdp, headers={"Content-Type": "application/sdp"}) as response:
        assert response.status == 201, await response.text()
        location = response.headers["Location"]
    ufrag = next(line for line in sdp.splitlines() if line.startswith("a=ice-ufrag:"))
    return location, ufrag


async def test_trickled_candidates_are_capped_and_never_stall_the_server() -> None:
    async with gated_server() as server, aiohttp.ClientSession() as http:
        location, ufrag = await _whip_session(http, server.url)

        async def patch(lines: list[str]) -> tuple[int, dict]:
            body = "\r\n".join([ufrag, "a=mid:0", *lines]) + "\r\n"
            return await patch_fragment(http, f"{server.url}{location}", body)

        assert (await patch(["a=candidate:garbage"]))[1]["error"]["code"] == "bad_sdp"
        assert (await patch(host_lines(10)))[0] == 204
        (session,) = server.server.sessions.values()
        transport = session.pc.getTransceivers()[0].receiver.transport.transport
        held = len(transport.getRemoteCandidates())
        assert held >= 10
        status, body = await patch(host_lines(45, first_port=21000))
        assert status == 400 and body["error"]["code"] == "too_many_candidates"

        # Floods of candidates while another client keeps asking /healthz: each flood is
        # refused at once, and /healthz never waits on them.
        floods = [asyncio.ensure_future(patch(host_lines(1000, 30000 + 1000 * i))) for i in range(4)]
        waits = []
        while not all(f.done() for f in floods) or not waits:
            start = asyncio.get_running_loop().time()
            async with aiohttp.ClientSession() as other:
                async with other.get(f"{server.url}/healthz") as response:
                    assert response.status == 200
            waits.append(asyncio.get_running_loop().time() - start)
        answers = [f.result() for f in floods]
        assert all(s == 400 and b["error"]["code"] == "too_many_candidates" for s, b in answers), answers
        assert max(waits) < 2.0, waits
        assert len(transport.getRemoteCandidates()) == held  # not one of the floods got in

        # Many small updates in a row: beyond a burst, 429 with Retry-After.
        statuses = [(await patch([]))[0] for _ in range(60)]
        assert 204 in statuses and 429 in statuses, statuses
        status, body = await patch([])
        assert status == 429 and body["error"]["code"] == "rate_limited"
