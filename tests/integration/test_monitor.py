"""Server-rendered monitor: a client without Web Audio hears its own audio through the chain."""

from __future__ import annotations

import numpy as np
from conftest import listening_call


def _tone(seconds: float, dbfs: float, freq: float = 440.0) -> bytes:
    t = np.arange(int(24000 * seconds)) / 24000
    amplitude = 32767 * 10 ** (dbfs / 20)
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.int16).tobytes()


def _level_dbfs(frames: list[np.ndarray]) -> float:
    levels = [20 * np.log10(max(np.sqrt(np.mean(f.astype(np.float64) ** 2)), 1e-3) / 32768) for f in frames]
    return float(np.median(levels))


async def test_monitor_renders_the_callers_audio_through_the_chain(server) -> None:
    async with listening_call(server.url) as client:
        client.send({"type": "effect", "action": "set", "effect": "gain", "value": 12, "unit": "db"})
        await client.wait_type("effects")
        client.send({"type": "monitor", "enabled": True})
        assert (await client.wait_type("monitor"))["enabled"] is True
        # A steady tone (no speech, so the assistant stays quiet): -30 dBFS in, +12 dB of gain.
        client.say(_tone(4.0, -30.0))
        await client.wait_loud(frames=40, threshold_dbfs=-30.0, timeout=15)
        loud = [f for f in client.received[-60:] if np.sqrt(np.mean(f.astype(np.float64) ** 2)) > 655]
        assert abs(_level_dbfs(loud[-25:]) - (-30 + 12 - 3)) < 3  # a sine's RMS is 3 dB under its peak

        since = len(client.messages)
        client.send({"type": "effect", "action": "set", "effect": "gain", "value": -12, "unit": "db"})
        await client.wait_type("effects", since=since)
        mark = len(client.received)
        await client.wait_loud(frames=40, since_frame=mark, threshold_dbfs=-70.0, timeout=15)
        quieter = _level_dbfs(client.received[-20:])
        assert abs(quieter - (-30 - 12 - 3)) < 4

        client.send({"type": "monitor", "enabled": False})
        assert (await client.wait_type("monitor", since=since))["enabled"] is False
        client.send({"type": "monitor", "enabled": "yes"})
        assert (await client.wait_type("error", since=since))["code"] == "bad_message"
