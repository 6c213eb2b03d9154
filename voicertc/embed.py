"""Embedding voicertc in another app: attach to your peer connection, or mount the routes."""

from __future__ import annotations

from aiohttp import web
from aiortc import RTCDataChannel, RTCPeerConnection

from .config import ServerConfig
from .edge.inline_media import inline_media
from .server import PREFIX_KEY, SERVER_KEY, VoiceServer, create_app
from .session import SessionOptions, VoiceSession


async def attach(
    pc: RTCPeerConnection,
    options: SessionOptions | None = None,
    *,
    channel: RTCDataChannel | None = None,
    session_id: str | None = None,
) -> VoiceSession:
    """Bridge a host-owned `RTCPeerConnection` to a Realtime model.

    Call it before negotiating (so the assistant's track is in the SDP) or after (the
    incoming audio track already received is picked up). The session uses the call's
    first audio transceiver that sends nothing yet, or adds one. `channel` is a data
    channel of yours for the `events` protocol; otherwise the one the remote opens with
    the label `events` is used. Close it with `await session.close()`, which also
    closes `pc`.
    """
    session = VoiceSession(pc, options, session_id=session_id)
    session.add_outbound_track()
    # Audio codecs inline for transceivers not yet connected (a started one keeps aiortc's threads).
    inline_media(pc)
    for transceiver in pc.getTransceivers():
        track = transceiver.receiver.track if transceiver.kind == "audio" else None
        if track is not None:
            session.on_remote_track(track)
            break
    if channel is not None:
        session.attach_channel(channel, any_label=True)
    await session.start()
    return session


def mount(
    app: web.Application, prefix: str = "/voice", config: ServerConfig | None = None
) -> VoiceServer:
    """Serve voicertc's page, signalling and embedded endpoint under `prefix` in `app`."""
    prefix = "/" + prefix.strip("/")
    sub = create_app(config)
    sub[PREFIX_KEY] = prefix
    app.add_subapp(prefix, sub)
    return sub[SERVER_KEY]
