"""voicertc: talk with a Realtime voice assistant over WebRTC, and embed it in your app."""

from .config import ServerConfig
from .server import VoiceServer, create_app
from .session import SessionOptions, VoiceSession
from .upstream.realtime import UpstreamConfig
from .upstream.settings import SessionSettings, SettingsError
from .version import __version__

__all__ = [
    "ServerConfig",
    "SessionOptions",
    "SessionSettings",
    "SettingsError",
    "UpstreamConfig",
    "VoiceServer",
    "VoiceSession",
    "__version__",
    "create_app",
]
