"""Readers that take a remote track's frames as they are decoded, not through its queue.

aiortc hands each decoded frame to the track's `asyncio.Queue`, and the reader's task
wakes to take it in a later turn of the event loop: per 20 ms frame of every call a queue
put, a future and a task switch (~2 us here, `benchmarks/hot_path.py`), and under load a
whole loop iteration (milliseconds) between the packet and the upstream append. The
inline decoder (`patches/inline_media.py`) calls a reader registered here for the track
instead, on the loop, in the transport's receive task. The track's queue still carries what came before
the reader was registered, and the end of the track (`recv()` raises
`MediaStreamError`), so a reader keeps a task reading it too.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from aiortc.mediastreams import MediaStreamTrack

Reader = Callable[[Any], None]

_readers: weakref.WeakKeyDictionary[MediaStreamTrack, Reader] = weakref.WeakKeyDictionary()


def register(track: MediaStreamTrack, reader: Reader) -> None:
    """Frames decoded for `track` from now on go to `reader` (which must not block or raise)
    once its queue is empty; the queue keeps order until then."""
    _readers[track] = reader


def unregister(track: MediaStreamTrack) -> None:
    _readers.pop(track, None)


def reader_of(track: MediaStreamTrack) -> Reader | None:
    return _readers.get(track)
