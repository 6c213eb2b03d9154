"""Embedding voicertc in another app: attach to your peer connection, or mount the routes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from aiohttp import web
from aiortc import RTCDataChannel, RTCPeerConnection

from .config import ServerConfig
from .patches.inline_media import inline_media
from .server import PREFIX_KEY, SERVER_KEY, VoiceServer, create_app
from .session import SessionOptions, VoiceSession


async def attach(
    pc: RTCPeerConnection,
    options: SessionOptions | None = None,
    *,
    channel: RTCDataChannel | None = None,
    session_id: str | None = None,
    settings: Mapping[str, Any] | None = None,
) -> VoiceSession:
    """Bridge a host-owned `RTCPeerConnection` to a Realtime model.

    Call it before negotiating (so the assistant's track is in the SDP) or after (the
    incoming audio track already received is picked up). The session uses the call's
    first audio transceiver that sends nothing yet, or adds one. `channel` is a data
    channel of yours for the `events` protocol; otherwise the one the remote opens with
    the label `events` is used. Close it with `await session.close()`, which also
    closes `pc`.

    `settings` overrides session settings for this call, by name (`{"turn_detection":
    "semantic_vad", "vad_eagerness": "high"}`; see `SessionSettings`); a bad value
    raises `SettingsError` before anything is started.

    Patches: `pc`'s audio codecs run inline on the event loop (`voicertc.patches.inline_media`,
    this connection only). No process-wide patch is installed.
    """
    if settings:
        options = options or SessionOptions()
        options = dataclasses.replace(options, upstream=options.upstream.with_changes(settings))
    session = VoiceSession(pc, options, session_id=session_id)
    session.add_outbound_track()
    # Audio codecs inline for transceivers not yet connected (a started one keeps aiortc's threads).
    inline_media(pc, pcm24=True)  # the inbound pump wants 24 kHz mono
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
    app: web.Application,
    prefix: str = "/voice",
    config: ServerConfig | None = None,
    settings_for: Callable[[web.Request], Mapping[str, Any]] | None = None,
) -> VoiceServer:
    """Serve voicertc's page, signalling and embedded endpoint under `prefix` in `app`.

    `settings_for(request)` gives each new call's session settings overrides, by name
    (e.g. from the signed-in user's preferences); they are validated per call.

    Process-wide: this installs `voicertc.patches` for `config.ice` (host addresses, port
    range, announced address, audio level), which every peer connection of the process,
    the host's own included, then uses; `voicertc.patches.uninstall()` undoes them.
    """
    prefix = "/" + prefix.strip("/")
    sub = create_app(config)
    sub[SERVER_KEY].settings_for = settings_for
    sub[PREFIX_KEY] = prefix
    app.add_subapp(prefix, sub)
    return sub[SERVER_KEY]
