"""The monitor: the caller's own audio, rendered through the effect chain, sent back."""

from __future__ import annotations

import numpy as np

from ..audio.outbound import AssistantTrack
from ..effects import ChainRenderer, EffectChain


class Monitor:
    """The caller's audio, rendered through the chain at 24 kHz, mixed into the outbound track.

    For clients without Web Audio (an aiortc app, a phone bridge): what the page does
    with Web Audio nodes, the server does with the same chain and parameters.
    """

    def __init__(self, chain: EffectChain, track: AssistantTrack) -> None:
        self.renderer = ChainRenderer(chain, sample_rate=24000)
        self._track = track

    def feed(self, pcm16: bytes) -> None:
        dry = np.frombuffer(pcm16, dtype=np.int16).astype(np.float32) / 32768.0
        wet = np.clip(self.renderer.process(dry) * 32768.0, -32768, 32767).astype(np.int16)
        self._track.monitor(wet)

    def update(self, chain: EffectChain) -> None:
        self.renderer.update(chain)
