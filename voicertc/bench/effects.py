"""Measure the effects' rendering cost per 20 ms block: ``python -m voicertc.bench.effects``."""

from __future__ import annotations

import argparse
import time

import numpy as np

from ..effects.render import ChainRenderer
from ..effects.specs import EFFECT_SPECS

FULL_CHAIN = ("highpass", "lowpass", "compressor", "gain", "delay", "reverb")


def block_costs_us(
    effects: tuple[str, ...], blocks: int = 3000, block: int = 960, warmup: int = 100
) -> np.ndarray:
    """Per-block wall time in microseconds for ``effects`` at defaults, on noise."""
    renderer = ChainRenderer([{"effect": name, "params": {}} for name in effects])
    rng = np.random.default_rng(0)
    audio = (0.1 * rng.standard_normal(block * (blocks + warmup))).astype(np.float32)
    costs = []
    for i in range(blocks + warmup):
        chunk = audio[i * block : (i + 1) * block]
        start = time.perf_counter()
        renderer.process(chunk)
        costs.append(time.perf_counter() - start)
    return np.array(costs[warmup:]) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--blocks", type=int, default=3000)
    args = parser.parse_args()
    rows = [(name,) for name in EFFECT_SPECS] + [FULL_CHAIN, tuple(EFFECT_SPECS)]
    for effects in rows:
        costs = block_costs_us(effects, args.blocks)
        label = " + ".join(effects)
        print(f"{label:70s} median {np.median(costs):7.1f} us  p99 {np.percentile(costs, 99):7.1f} us")


if __name__ == "__main__":
    main()
