"""The embedded Realtime-compatible endpoint: the GA protocol subset the bridge uses.

- `input_buffer`: the caller's audio, stream positions, turns found by VAD;
- `items`: the conversation's items, their audio and tool calls;
- `streamer`: a spoken answer paced like OpenAI's, its transcript in step;
- `responses`: the response under way, as Realtime events;
- `realtime`: the Realtime protocol adapter (client events in, server events out);
- `live`: the Live protocol adapter, on the same buffer, streamer and brain;
- `websocket`: the aiohttp handlers at `/v1/realtime` and `/v1/live/sessions`.

The first three know no protocol, so a second adapter (e.g. Live) reuses them and the brain.
"""

from .realtime import ProtocolError, RealtimeServerSession
from .websocket import LiveEndpoint, RealtimeEndpoint

__all__ = ["LiveEndpoint", "ProtocolError", "RealtimeEndpoint", "RealtimeServerSession"]
