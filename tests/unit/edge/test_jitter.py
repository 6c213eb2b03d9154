"""The audio jitter buffer: in-order packets out at once, reordering repaired, losses bounded."""

from __future__ import annotations

from aiortc.rtp import RtpPacket

from voicertc.edge.jitter import AudioJitterBuffer, JitterBatch


def packet(seq: int) -> RtpPacket:
    p = RtpPacket(payload_type=111, sequence_number=seq & 0xFFFF, timestamp=(seq * 960) & 0xFFFFFFFF)
    p._data = f"p{seq & 0xFFFF}".encode()  # type: ignore[attr-defined]
    return p


def feed(buffer: AudioJitterBuffer, seqs: list[int]) -> list[list[bytes]]:
    """What each add() released, as payloads."""
    out = []
    for seq in seqs:
        pli, frame = buffer.add(packet(seq))
        assert pli is False
        if frame is None:
            out.append([])
        elif isinstance(frame, JitterBatch):
            out.append([f.data for f in frame.frames])
        else:
            out.append([frame.data])
    return out


def test_packets_in_order_come_out_at_once() -> None:
    assert feed(AudioJitterBuffer(), [100, 101, 102, 103]) == [[b"p100"], [b"p101"], [b"p102"], [b"p103"]]


def test_a_swapped_pair_is_put_back_in_order() -> None:
    buffer = AudioJitterBuffer()
    assert feed(buffer, [0, 2, 1, 3]) == [[b"p0"], [], [b"p1", b"p2"], [b"p3"]]
    assert buffer.lost == 0 and buffer.late == 0


def test_a_lost_packet_is_given_up_after_patience_packets() -> None:
    buffer = AudioJitterBuffer(patience=3)
    assert feed(buffer, [0, 2, 3, 4, 5]) == [[b"p0"], [], [], [b"p2", b"p3", b"p4"], [b"p5"]]
    assert buffer.lost == 1
    # the lost packet turning up afterwards is too late
    assert feed(buffer, [1]) == [[]] and buffer.late == 1


def test_sequence_numbers_wrap_around() -> None:
    buffer = AudioJitterBuffer()
    assert feed(buffer, [65534, 65535, 65536, 65538, 65537]) == [
        [b"p65534"],
        [b"p65535"],
        [b"p0"],
        [],
        [b"p1", b"p2"],
    ]


def test_a_jump_far_ahead_restarts_the_stream() -> None:
    buffer = AudioJitterBuffer()
    assert feed(buffer, [10, 11, 5000, 5001]) == [[b"p10"], [b"p11"], [b"p5000"], [b"p5001"]]


def test_batch_keeps_each_frames_timestamp() -> None:
    buffer = AudioJitterBuffer()
    buffer.add(packet(0))
    buffer.add(packet(2))
    _, frame = buffer.add(packet(1))
    assert isinstance(frame, JitterBatch)
    assert [f.timestamp for f in frame.frames] == [960, 1920] and frame.timestamp == 960


def test_an_empty_payload_keeps_its_place_but_is_no_frame() -> None:
    buffer = AudioJitterBuffer()
    empty = packet(1)
    empty._data = b""  # type: ignore[attr-defined]
    assert feed(buffer, [0]) == [[b"p0"]]
    assert buffer.add(empty) == (False, None)
    assert feed(buffer, [2]) == [[b"p2"]] and buffer.lost == 0
