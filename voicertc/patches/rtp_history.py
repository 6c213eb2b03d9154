"""aiortc: no retransmission history for audio senders, which never retransmit.

What: per audio sender, the name-mangled `RTCRtpSender.__rtp_history` (a dict of the last
128 packets sent, for answering NACKs) is replaced by a mapping that keeps nothing.
Why: aiortc offers Opus without `nack` feedback, so a NACK for audio is never negotiated
and the history is never read; but every call kept 128 live `RtpPacket`s, each with its
`HeaderExtensions`, lists and tuples, replaced one by one at 50 a second. Objects replaced
that way never raise the collector's allocation count yet sit in its youngest
generation: at 30 calls it held ~19,000 objects, and each young collection (every few
seconds) spent 3-8 ms and each middle one up to 12 ms on the event loop walking them,
collecting nothing: a pacing stall for every call at once. With the history gone the
young generation holds ~1,500-4,000 objects, mostly the calls' tasks in flight, and young
collections take about a millisecond (measured with gc callbacks in the benchmark's server).
Upstream: no issue filed (aiortc could skip the history when no NACK was negotiated).
"""

from __future__ import annotations

from typing import Any

from aiortc import RTCRtpSender

_HISTORY = "_RTCRtpSender__rtp_history"


class _NoHistory(dict):  # type: ignore[type-arg]
    """A dict that stays empty: a NACK's lookup finds nothing, as for a packet too old."""

    def __setitem__(self, key: Any, value: Any) -> None:
        return None


def drop_audio_history(sender: RTCRtpSender) -> bool:
    """Stop `sender` keeping packets for retransmission; False (history kept) unless it is
    an audio sender with aiortc's history dict."""
    history = getattr(sender, _HISTORY, None)
    if sender.kind != "audio" or type(history) is not dict:
        return isinstance(history, _NoHistory)
    setattr(sender, _HISTORY, _NoHistory())
    return True
