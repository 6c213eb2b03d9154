"""Streaming rendering of an effect chain on mono float audio."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .biquad import FilterStage
from .chain import EffectChain
from .compressor import CompressorStage
from .dsp import Crossfade, DelayStage, DistortionStage, GainStage, Signal, Stage, fade_samples
from .reverb import ReverbStage

Pipeline = list[tuple[str, Stage]]


def _make(name: str, params: Mapping[str, float], rate: int) -> Stage:
    if name in ("lowpass", "highpass"):
        return FilterStage(name, params, rate)
    stages: dict[str, type[Any]] = {
        "reverb": ReverbStage,
        "delay": DelayStage,
        "gain": GainStage,
        "compressor": CompressorStage,
        "distortion": DistortionStage,
    }
    stage: Stage = stages[name](params, rate)
    return stage


def _run(pipeline: Pipeline, x: Signal) -> Signal:
    for _, stage in pipeline:
        x = stage.process(x)
    return x


class ChainRenderer:
    """Renders a chain block by block, carrying every effect's state across blocks.

    Parameter changes glide inside each effect; adding, removing or reordering effects
    crossfades from the old pipeline to the new one over 20 ms. Effects that stay keep
    their state (a delay's echoes or a reverb's tail carry on).
    """

    def __init__(
        self,
        chain: EffectChain | Iterable[Mapping[str, Any]] | None = None,
        sample_rate: int = 48000,
    ) -> None:
        self.sample_rate = sample_rate
        self._stages: Pipeline = []
        self._old: Pipeline | None = None
        self._fade = Crossfade(fade_samples(sample_rate))
        self._started = False
        if chain is not None:
            self.update(chain)

    @property
    def effects(self) -> list[str]:
        return [name for name, _ in self._stages]

    def update(self, chain: EffectChain | Iterable[Mapping[str, Any]]) -> None:
        """Switch to a new chain (validated like EffectChain.load; raises EffectError)."""
        items = (chain if isinstance(chain, EffectChain) else EffectChain.from_list(chain)).to_list()
        names = [item["effect"] for item in items]
        current = dict(self._stages)
        if names == self.effects:
            for item in items:
                current[item["effect"]].set_params(item["params"])
            return
        stages: Pipeline = []
        for item in items:
            name, params = item["effect"], item["params"]
            if name in current:
                # The old pipeline keeps running through the fade, so the new one needs
                # its own copy of the state.
                stage = copy.deepcopy(current[name])
                stage.set_params(params)
            else:
                stage = _make(name, params, self.sample_rate)
            stages.append((name, stage))
        if self._started:
            self._old = self._stages
            self._fade.start()
        self._stages = stages

    def process(self, block: ArrayLike) -> NDArray[np.float32]:
        """Render one mono block (any length); returns float32 in [-1, 1], same length."""
        x = np.asarray(block, dtype=np.float64)
        if x.ndim != 1:
            raise ValueError(f"expected a mono 1-D block, got shape {x.shape}")
        self._started = True
        y = _run(self._stages, x)
        if self._old is not None:
            y_old = _run(self._old, x)
            y = y_old + self._fade.next(len(x)) * (y - y_old)
            if not self._fade.active:
                self._old = None
        return np.clip(y, -1.0, 1.0).astype(np.float32)
