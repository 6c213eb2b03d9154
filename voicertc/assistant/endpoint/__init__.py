"""The embedded Realtime-compatible endpoint: the GA protocol subset the bridge uses.

- `input_buffer`: the caller's audio, stream positions, turns found by VAD;
- `items`: the conversation's items, their audio and tool calls;
- `streamer`: a spoken answer paced like OpenAI's, its transcript in step;
- `responses`: the response under way, as Realtime events;
- `realtime`: the Realtime protocol adapter (client events in, server events out);
- `websocket`: the aiohttp handler at `/v1/realtime`.

The first three know no protocol, so a second adapter (e.g. Live) reuses them and the brain.
"""

from .realtime import ProtocolError, RealtimeServerSession
from .websocket import RealtimeEndpoint

__all__ = ["ProtocolError", "RealtimeEndpoint", "RealtimeServerSession"]
