"""An audio jitter buffer that adds no delay to packets arriving in order.

aiortc's audio receivers use `JitterBuffer(capacity=16, prefetch=4)`: every frame waits
until four more have arrived, a constant 80 ms, and a lost packet stalls the stream until
16 packets have piled up behind it (320 ms). For a voice assistant the receiver's output
feeds speech detection and the model, not a loudspeaker, so smoothing arrival times buys
nothing and every millisecond held is a millisecond added to each answer. Here a packet
in sequence goes out at once; one that arrives ahead of a gap waits, and the gap is given
up once `patience` packets have arrived past it (60 ms by default): reordering within
that is repaired, a loss costs one wait instead of a stall.

Several packets can become ready at once (the one that fills a gap releases those held
behind it); they go out together as one `JitterBatch`, which only the inline decoder of
`inline_media` knows how to take apart, so the two are installed together.
"""

from __future__ import annotations

from aiortc.jitterbuffer import JitterFrame
from aiortc.rtp import RtpPacket

_HALF = 1 << 15


class JitterBatch(JitterFrame):
    """Frames ready together, in order; `timestamp` and `data` are the first one's."""

    def __init__(self, frames: list[JitterFrame]) -> None:
        super().__init__(data=frames[0].data, timestamp=frames[0].timestamp)
        self.frames = frames


class AudioJitterBuffer:
    """Drop-in for aiortc's `JitterBuffer` on audio receivers (one packet, one frame)."""

    def __init__(self, patience: int = 3, capacity: int = 16) -> None:
        self.capacity = capacity
        self.patience = patience
        self._next: int | None = None  # the sequence number due next
        self._held: dict[int, RtpPacket] = {}
        self.lost = 0  # packets given up on
        self.late = 0  # packets that came after their turn, dropped

    def add(self, packet: RtpPacket) -> tuple[bool, JitterFrame | None]:
        """Takes a packet; returns (False: no picture loss for audio, what is now ready)."""
        seq = packet.sequence_number
        if self._next is None:
            self._next = seq
        ahead = (seq - self._next) & 0xFFFF
        if ahead >= _HALF:
            self.late += 1
            return False, None
        if ahead > self.capacity:
            # Far ahead: the sender restarted or jumped; start again from here.
            self.lost += len(self._held)
            self._held.clear()
            self._next = seq
        self._held[seq] = packet
        if self._next not in self._held and len(self._held) >= self.patience:
            oldest = min(self._held, key=lambda s: (s - self._next) & 0xFFFF)  # type: ignore[operator]
            self.lost += (oldest - self._next) & 0xFFFF
            self._next = oldest
        ready: list[JitterFrame] = []
        while self._next in self._held:
            taken = self._held.pop(self._next)
            # An empty payload (padding-only probing) holds its place in the sequence, but
            # is no frame: an empty packet would make the decoder drain and go deaf.
            if taken._data:  # type: ignore[attr-defined]
                ready.append(JitterFrame(data=taken._data, timestamp=taken.timestamp))  # type: ignore[attr-defined]
            self._next = (self._next + 1) & 0xFFFF
        if not ready:
            return False, None
        return False, ready[0] if len(ready) == 1 else JitterBatch(ready)
