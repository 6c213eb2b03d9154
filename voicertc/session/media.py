"""The call's media, as the session sees it: the caller's audio in, the assistant's
track out, a data channel, a connection state. `PeerMedia` is aiortc's peer connection."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from aiortc import RTCPeerConnection
from aiortc.mediastreams import MediaStreamTrack

from ..audio.inbound import InboundPump
from .events import Channel

#: 20 ms of the caller's audio (24 kHz PCM16) and its `pts` (48 kHz, the sender's clock).
AudioSink = Callable[[bytes, int | None], None]


class CallMedia(Protocol):
    """What a `VoiceSession` needs of the call's transport."""

    @property
    def connection_state(self) -> str:
        """`new`, `connecting`, `connected`, `failed` or `closed` (as WebRTC's)."""

    def attach(
        self,
        on_audio: AudioSink,
        on_channel: Callable[[Channel], None],
        on_state: Callable[[], None],
    ) -> None:
        """Hand the caller's audio (20 ms of 24 kHz PCM16 at a time, with its `pts`: where
        it starts on the sender's 48 kHz clock, or None), each data channel they open and
        each connection state change to these."""

    def listen(self, track: MediaStreamTrack) -> None:
        """Take the caller's audio from `track` (the first audio track; later ones are ignored)."""

    def add_outbound_track(self, track: MediaStreamTrack) -> None:
        """Send `track` to the caller."""

    async def stop_listening(self) -> None:
        """Stop taking the caller's audio."""

    def detach(self) -> None:
        """Report nothing more to the session (it carries on over another connection)."""

    async def close(self) -> None:
        """Hang up."""


class PeerMedia:
    """`CallMedia` over an aiortc `RTCPeerConnection`."""

    def __init__(self, pc: RTCPeerConnection) -> None:
        self.pc = pc
        self._pump: InboundPump | None = None
        self._on_audio: AudioSink | None = None

    @property
    def connection_state(self) -> str:
        return self.pc.connectionState

    def attach(
        self,
        on_audio: AudioSink,
        on_channel: Callable[[Channel], None],
        on_state: Callable[[], None],
    ) -> None:
        self._on_audio = on_audio
        self.pc.on("track", self.listen)
        self.pc.on("datachannel", on_channel)
        self.pc.on("connectionstatechange", on_state)

    def listen(self, track: MediaStreamTrack) -> None:
        if track.kind == "audio" and self._pump is None and self._on_audio is not None:
            self._pump = InboundPump(track, self._on_audio)

    def add_outbound_track(self, track: MediaStreamTrack) -> None:
        """On the call's audio transceiver if the offer made one, else a new one."""
        for transceiver in self.pc.getTransceivers():
            if transceiver.kind == "audio" and transceiver.sender.track is None:
                transceiver.sender.replaceTrack(track)
                if transceiver.direction == "recvonly":
                    transceiver.direction = "sendrecv"
                return
        self.pc.addTrack(track)

    async def stop_listening(self) -> None:
        if self._pump is not None:
            await self._pump.close()

    def detach(self) -> None:
        self._on_audio = None
        for event in ("track", "datachannel", "connectionstatechange"):
            self.pc.remove_all_listeners(event)

    async def close(self) -> None:
        await self.pc.close()
