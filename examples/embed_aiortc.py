#!/usr/bin/env python3
"""A host aiortc + aiohttp app that adds the voicertc assistant to its own calls.

The host owns the signalling (`POST /assistant/offer`, JSON `{sdp, type}`) and one
`RTCPeerConnection` per call; `voicertc.embed.attach()` only bridges that peer to a
Realtime model. The model is chosen per call: OpenAI when OPENAI_API_KEY is set, else
voicertc's offline assistant, mounted under /voice in this same app. The host adds a
tool of its own (`get_time`) and logs what the session reports.

    python examples/embed_aiortc.py --port 8081
    python examples/call.py http://127.0.0.1:8081/assistant --text "add some reverb" --out reply.wav
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from datetime import datetime
from typing import Any

from aiohttp import web
from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription

from voicertc import ServerConfig, SessionOptions, UpstreamConfig, VoiceServer, VoiceSession
from voicertc.edge.ice import IceSettings
from voicertc.embed import attach, mount

log = logging.getLogger("host")
SESSIONS = web.AppKey("sessions", dict[str, VoiceSession])
VOICE = web.AppKey("voice", VoiceServer)
EMBEDDED_URL = web.AppKey("embedded_url", str)

INSTRUCTIONS = (
    "You are Studio, the voice assistant of a small podcast app, and an audio engineer. Keep "
    "answers to a sentence or two. Change the sound with apply_audio_effect, say what is on "
    "with get_effects, and tell the time with get_time."
)
GET_TIME = {
    "type": "function",
    "name": "get_time",
    "description": "The local time in the studio, for questions like 'what time is it'.",
    "parameters": {"type": "object", "properties": {}},
}


async def get_time(args: dict[str, Any]) -> dict[str, Any]:
    # Only OpenAI's models call host tools; the offline assistant knows just the effect tools.
    return {"time": datetime.now().strftime("%H:%M")}


def log_events(session: VoiceSession) -> None:
    sid = session.id[:8]

    def transcript(event: dict[str, Any]) -> None:
        if event["final"]:  # partials repeat the whole text so far: too chatty for a log
            log.info("%s transcript %s: %s", sid, event["role"], event["text"])

    def effects(event: dict[str, Any]) -> None:
        chain = [
            f"{e['effect']}({', '.join(f'{k}={v:g}' for k, v in e['params'].items())})"
            for e in event["chain"]
        ]
        log.info("%s effects %s", sid, " -> ".join(chain) or "(none)")

    session.on("transcript", transcript)
    session.on("effects", effects)
    session.on("state", lambda event: log.info("%s state %s", sid, event["state"]))
    session.on("metrics", lambda event: log.info("%s metrics %s", sid, json.dumps(event)))
    session.on("error", lambda event: log.warning("%s error %s: %s", sid, event["code"], event["message"]))
    session.on("closed", lambda: log.info("%s closed", sid))


def upstream_for(request: web.Request) -> UpstreamConfig:
    """Chosen per call: the caller may pick the voice; the key picks the model."""
    voice = request.query.get("voice", "cedar")
    key = os.environ.get("OPENAI_API_KEY")
    if key:
        return UpstreamConfig(model="gpt-realtime-2.1", voice=voice, instructions=INSTRUCTIONS, api_key=key)
    return UpstreamConfig(
        voice=voice,
        instructions=INSTRUCTIONS,
        base_url=request.app[EMBEDDED_URL],
        # Accepted by the mounted endpoint even when it is configured to require a token.
        api_key=request.app[VOICE].config.access.internal_key,
    )


async def offer(request: web.Request) -> web.Response:
    try:
        body = await request.json()
        description = RTCSessionDescription(sdp=body["sdp"], type=body["type"])
    except (ValueError, KeyError, TypeError) as exc:
        return web.json_response(
            {"error": {"code": "bad_request", "message": f"bad offer: {exc}"}}, status=400
        )
    # Explicitly no ICE servers: aiortc's default is a public STUN server, which stalls
    # gathering for seconds on a closed network.
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    options = SessionOptions(upstream=upstream_for(request), tools={"get_time": (GET_TIME, get_time)})
    session = await attach(pc, options)
    log_events(session)
    sessions = request.app[SESSIONS]
    sessions[session.id] = session
    session.once("closed", lambda: sessions.pop(session.id, None))
    try:
        await pc.setRemoteDescription(description)
        await pc.setLocalDescription(await pc.createAnswer())
    except Exception as exc:
        await session.close()  # also closes pc: nothing is left behind
        return web.json_response({"error": {"code": "bad_sdp", "message": str(exc)}}, status=400)
    log.info("%s call from %s", session.id[:8], request.remote)
    answer = pc.localDescription
    return web.json_response({"sdp": answer.sdp, "type": answer.type, "session_id": session.id})


async def hang_up(request: web.Request) -> web.Response:
    session = request.app[SESSIONS].get(request.match_info["session_id"])
    if session is None:
        raise web.HTTPNotFound()
    await session.close()
    return web.Response(status=204)


async def calls(request: web.Request) -> web.Response:
    """The host's own view of its calls."""
    sessions = request.app[SESSIONS]
    return web.json_response(
        {sid: {"state": s.state, "effects": s.chain.to_list()} for sid, s in sessions.items()}
    )


async def close_calls(app: web.Application) -> None:
    for session in list(app[SESSIONS].values()):
        await session.close()


def main() -> None:
    parser = argparse.ArgumentParser(description="An aiortc app embedding the voicertc assistant.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8081, help="port (8081)")
    parser.add_argument("--ice-host", action="append", metavar="ADDR", help="ICE host candidate (127.0.0.1)")
    args = parser.parse_args()
    logging.basicConfig(stream=sys.stdout, level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    log.setLevel(logging.INFO)

    app = web.Application()
    app[SESSIONS] = {}
    app.router.add_post("/assistant/offer", offer)
    app.router.add_delete("/assistant/sessions/{session_id}", hang_up)
    app.router.add_get("/assistant/calls", calls)
    app.on_shutdown.append(close_calls)  # before the mounted assistant's own shutdown
    # The host addresses are process-wide in aioice, so they cover the host's own peers too.
    # aioice never offers loopback by itself: 127.0.0.1 is what a loopback-only run needs.
    ice = IceSettings(servers=[], hosts=args.ice_host or ["127.0.0.1"])
    app[VOICE] = mount(app, "/voice", ServerConfig(ice=ice, openai_api_key=os.environ.get("OPENAI_API_KEY")))
    local = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    app[EMBEDDED_URL] = f"ws://{local}:{args.port}/voice/v1"
    upstream = "OpenAI" if os.environ.get("OPENAI_API_KEY") else "the embedded assistant"

    def ready(_: str) -> None:
        log.info(
            "serving on http://%s:%d: POST /assistant/offer (upstream: %s)", args.host, args.port, upstream
        )

    web.run_app(app, host=args.host, port=args.port, print=ready)


if __name__ == "__main__":
    main()
