"""PeerMedia over an aiortc peer connection that never connects (no network)."""

from __future__ import annotations

from aiortc import RTCConfiguration, RTCPeerConnection

from voicertc.audio.outbound import AssistantTrack
from voicertc.session import PeerMedia, VoiceSession


def peer() -> RTCPeerConnection:
    return RTCPeerConnection(RTCConfiguration(iceServers=[]))


async def test_a_track_is_added_when_the_offer_made_no_transceiver() -> None:
    pc = peer()
    media = PeerMedia(pc)
    track = AssistantTrack()
    media.add_outbound_track(track)
    assert [t.sender.track for t in pc.getTransceivers()] == [track]
    await media.close()


async def test_a_recvonly_transceiver_becomes_sendrecv_with_our_track() -> None:
    pc = peer()
    transceiver = pc.addTransceiver("audio", direction="recvonly")
    media = PeerMedia(pc)
    track = AssistantTrack()
    media.add_outbound_track(track)
    assert transceiver.sender.track is track and transceiver.direction == "sendrecv"
    assert len(pc.getTransceivers()) == 1
    await media.close()


async def test_the_session_over_a_peer_keeps_pc_and_connection_state() -> None:
    pc = peer()
    session = VoiceSession(pc)
    assert session.pc is pc and session.media.connection_state == "new"
    await session.close()
    assert pc.connectionState == "closed"


async def test_video_tracks_are_not_listened_to() -> None:
    class Video:
        kind = "video"

    media = PeerMedia(peer())
    media.attach(lambda pcm: None, lambda channel: None, lambda: None)
    media.listen(Video())  # type: ignore[arg-type]
    assert media._pump is None
    await media.close()
