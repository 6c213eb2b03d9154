"""voicertc: talk with a Realtime voice assistant over WebRTC, and embed it in your app."""

from .config import ServerConfig
from .server import VoiceServer, create_app
from .session import SessionOptions, VoiceSession
from .upstream.realtime import UpstreamConfig
from .upstream.settings import SessionSettings, SettingsError

__all__ = [
    "ServerConfig",
    "SessionOptions",
    "SessionSettings",
    "SettingsError",
    "UpstreamConfig",
    "VoiceServer",
    "VoiceSession",
    "create_app",
]
__version__ = "0.1.0"
