"""A voice session: one call's audio, data channel, effect chain and upstream, bridged.

`VoiceSession` (voice.py) composes one owner per concern:

- `events.CallEvents`: the call's event sink (the data channel and the host's pyee listeners);
- `upstream_link.UpstreamLink`: one model connection for the whole call (reconnect with
  backoff, reply watchdog, history replay), behind `voicertc.upstream.UpstreamConnection`;
- `conversation.Conversation`: transcripts, responses, tool calls (`tools`), barge-in and
  turn metrics (`turns`);
- `limits.CallLimiter`: the call's time, idle and media limits (`CallLimits`);
- `datachannel.DataChannelProtocol`: the `events` channel's protocol;
- `chain.CallEffects` and `monitor.Monitor`: the effect chain and the server-side monitor;
- `media.CallMedia`: the transport it talks to (`PeerMedia` over aiortc).
"""

from .limits import CallLimits
from .media import CallMedia, PeerMedia
from .options import SessionOptions
from .tools import ToolHandler
from .voice import VoiceSession

__all__ = ["CallLimits", "CallMedia", "PeerMedia", "SessionOptions", "ToolHandler", "VoiceSession"]
