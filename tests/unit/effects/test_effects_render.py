"""ChainRenderer: each effect measured against what its parameters promise, and streaming."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from voicertc.bench.effects import FULL_CHAIN, block_costs_us
from voicertc.effects import EFFECT_SPECS, ChainRenderer, EffectChain, EffectError
from voicertc.effects.compressor import reduction_db

FS = 48000
Items = list[dict[str, Any]]


def fx(effect: str, **params: float) -> dict[str, Any]:
    return {"effect": effect, "params": params}


def tone(freq: float, seconds: float = 1.0, amp: float = 0.5) -> np.ndarray:
    return amp * np.sin(2 * np.pi * freq * np.arange(int(FS * seconds)) / FS)


def noise(seconds: float, amp: float = 0.1, seed: int = 0) -> np.ndarray:
    return amp * np.random.default_rng(seed).standard_normal(int(FS * seconds))


def render(items: Items | ChainRenderer, x: np.ndarray, block: int = 960) -> np.ndarray:
    renderer = items if isinstance(items, ChainRenderer) else ChainRenderer(items)
    out = [renderer.process(x[i : i + block]) for i in range(0, len(x), block)]
    return np.concatenate(out).astype(np.float64)


def rms_db(x: np.ndarray) -> float:
    return float(20 * np.log10(np.sqrt(np.mean(x**2))))


def gain_db(items: Items, x: np.ndarray) -> float:
    y = render(items, x)
    half = len(x) // 2  # past the filter's settling time
    return rms_db(y[half:]) - rms_db(x[half:])


def max_step(y: np.ndarray) -> float:
    return float(np.max(np.abs(np.diff(y))))


# Filters


def test_lowpass_attenuates_and_passes() -> None:
    chain = [fx("lowpass", cutoff_hz=1000, q=0.707)]
    assert gain_db(chain, tone(5000)) == pytest.approx(-28, abs=2.5)
    assert gain_db(chain, tone(200)) == pytest.approx(0, abs=1)
    assert gain_db(chain, tone(1000)) == pytest.approx(-3, abs=0.3)  # Butterworth corner


def test_highpass_mirrors_lowpass() -> None:
    chain = [fx("highpass", cutoff_hz=1000, q=0.707)]
    assert gain_db(chain, tone(200)) == pytest.approx(-28, abs=2.5)
    assert gain_db(chain, tone(5000)) == pytest.approx(0, abs=1)


def test_filter_q_makes_a_resonant_peak() -> None:
    peak = gain_db([fx("lowpass", cutoff_hz=1000, q=4)], tone(1000, amp=0.1))
    assert peak == pytest.approx(20 * np.log10(4), abs=0.5)


def test_filter_matches_direct_recursion() -> None:
    # The chunked matrix form must equal the textbook per-sample recursion.
    from voicertc.effects.biquad import rbj

    x = noise(0.2)
    b0, b1, b2, a1, a2 = rbj("highpass", 300, 2.0, FS)
    ref = np.zeros_like(x)
    x1 = x2 = y1 = y2 = 0.0
    for n, x0 in enumerate(x.tolist()):
        y0 = b0 * x0 + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
        ref[n], x1, x2, y1, y2 = y0, x0, x1, y0, y1
    y = render([fx("highpass", cutoff_hz=300, q=2)], x)
    assert np.max(np.abs(y - ref)) < 1e-6


# Delay


def _lag_ms(x: np.ndarray, y: np.ndarray) -> float:
    n = 1 << int(np.ceil(np.log2(2 * len(x))))
    corr = np.fft.irfft(np.fft.rfft(y, n) * np.conj(np.fft.rfft(x, n)), n)[: len(x)]
    corr[: FS // 1000] = 0  # skip the dry signal at lag 0
    return float(np.argmax(corr)) * 1000 / FS


@pytest.mark.parametrize("time_ms", [1.5, 30, 250, 1200])
def test_delay_echo_at_set_time(time_ms: float) -> None:
    chain = EffectChain()
    chain.apply("set", "delay", time_ms / 1000, "s")
    x = noise(2.0)
    y = render(ChainRenderer(chain), x)
    assert _lag_ms(x, y) == pytest.approx(time_ms, abs=1)


def test_delay_feedback_and_mix() -> None:
    x = np.zeros(FS)
    x[0] = 0.5
    y = render([fx("delay", time_ms=100, feedback=50, mix=40)], x)
    d = FS // 10
    assert y[0] == pytest.approx(0.5 * 0.6, abs=1e-6)  # dry share
    assert y[d] == pytest.approx(0.5 * 0.4, abs=1e-6)  # first echo, wet share
    assert y[2 * d] == pytest.approx(0.5 * 0.4 * 0.5, abs=1e-6)
    assert y[3 * d] == pytest.approx(0.5 * 0.4 * 0.25, abs=1e-6)
    assert np.count_nonzero(np.abs(y) > 1e-9) == 10  # only the echoes, nothing between


def test_delay_time_change_moves_the_echo() -> None:
    renderer = ChainRenderer([fx("delay", time_ms=300, feedback=0, mix=100)])
    render(renderer, noise(0.5))
    renderer.update([fx("delay", time_ms=150, feedback=0, mix=100)])
    render(renderer, np.zeros(FS // 10))  # let the crossfade finish
    x = noise(1.0, seed=3)
    assert _lag_ms(x, render(renderer, x)) == pytest.approx(150, abs=1)


# Gain, distortion


@pytest.mark.parametrize("db", [6, -12, 0, -60])
def test_gain_changes_rms_by_set_db(db: float) -> None:
    x = noise(0.5, amp=0.05)
    y = render([fx("gain", gain_db=db)], x)
    assert rms_db(y) - rms_db(x) == pytest.approx(db, abs=0.1)


def test_output_is_float32_clipped_same_length() -> None:
    renderer = ChainRenderer([fx("gain", gain_db=24)])
    for n in (0, 1, 7, 960, 1500):
        y = renderer.process(np.full(n, 0.5, dtype=np.float32))
        assert y.dtype == np.float32 and y.shape == (n,)
        assert np.all(np.abs(y) <= 1.0)
    with pytest.raises(ValueError):
        renderer.process(np.zeros((2, 960)))


def test_tiny_blocks_during_changes() -> None:
    every = [fx(name) for name in EFFECT_SPECS]
    renderer = ChainRenderer(every)
    renderer.process(noise(0.05))
    changed = EffectChain.from_list(every)
    for name in EFFECT_SPECS:
        changed.apply("increase", name)
    renderer.update(changed)
    sizes = [0, 1, 2, 0, 3, 1, 47, 49, 960, 0, 1]
    rng = np.random.default_rng(5)
    outs = [renderer.process(0.1 * rng.standard_normal(n)) for n in sizes]
    assert [len(y) for y in outs] == sizes
    assert all(np.all(np.isfinite(y)) for y in outs)


def test_other_sample_rates() -> None:
    rate = 16000
    renderer = ChainRenderer([fx("lowpass", cutoff_hz=1000)], sample_rate=rate)
    t = np.arange(rate) / rate
    y = renderer.process(0.5 * np.sin(2 * np.pi * 5000 * t)).astype(np.float64)
    assert rms_db(y[rate // 2 :]) - rms_db(0.5 * np.sin(2 * np.pi * 5000 * t)) < -25
    renderer = ChainRenderer([fx("delay", time_ms=100, feedback=0, mix=100)], sample_rate=rate)
    impulse = np.zeros(rate)
    impulse[0] = 1
    assert int(np.argmax(renderer.process(impulse))) == rate // 10


def test_distortion_drive() -> None:
    x = tone(440, 0.2)
    clean = render([fx("distortion", drive=0)], x)
    assert np.max(np.abs(clean - x)) < 1e-3
    driven = render([fx("distortion", drive=100)], x)
    spectrum = np.abs(np.fft.rfft(driven))
    freqs = np.fft.rfftfreq(len(driven), 1 / FS)
    third = spectrum[np.argmin(np.abs(freqs - 1320))] / spectrum[np.argmin(np.abs(freqs - 440))]
    assert 20 * np.log10(third) > -20


# Compressor


def _peak_db(y: np.ndarray) -> float:
    return float(20 * np.log10(np.max(np.abs(y[-FS // 4 :]))))


def test_compressor_hard_knee_ratio() -> None:
    chain = [fx("compressor", threshold_db=-24, ratio=4, knee_db=0, attack_ms=3, release_ms=250)]
    y = render(chain, tone(1000, 1.0, amp=10 ** (-6 / 20)))
    assert _peak_db(y) == pytest.approx(-24 + 18 / 4, abs=0.5)


def test_compressor_default_soft_knee() -> None:
    y = render([fx("compressor")], tone(1000, 1.0, amp=10 ** (-6 / 20)))
    expected = -6 - float(reduction_db(np.array([-6.0]), -24, 4, 30)[0])
    assert _peak_db(y) == pytest.approx(expected, abs=0.5)
    assert expected < -9  # 18 dB over the threshold, well inside the 30 dB knee


def test_compressor_leaves_quiet_audio_alone() -> None:
    x = tone(1000, 0.5, amp=10 ** (-40 / 20))
    y = render([fx("compressor", threshold_db=-24, knee_db=0)], x)
    assert np.max(np.abs(y - x)) < 1e-6


def test_compressor_attack_and_release_take_time() -> None:
    chain = [fx("compressor", threshold_db=-30, ratio=10, knee_db=0, attack_ms=50, release_ms=200)]
    loud = tone(1000, 0.5, amp=0.5)
    y = render(chain, loud)
    first = np.max(np.abs(y[: FS // 200]))  # 5 ms in: barely reduced yet
    assert first > 0.3 and _peak_db(y) < -20


# Reverb


@pytest.mark.parametrize("decay", [0.5, 2.0, 6.0])
def test_reverb_decays_60_db_in_decay_s(decay: float) -> None:
    x = np.zeros(int(FS * (decay * 1.3 + 0.2)))
    x[0] = 1.0
    y = render([fx("reverb", decay_s=decay, mix=100)], x)
    edc = np.cumsum((y**2)[::-1])[::-1]
    edc_db = 10 * np.log10(edc / edc[0] + 1e-30)
    t5, t35 = np.argmax(edc_db < -5), np.argmax(edc_db < -35)
    t60 = 2 * (t35 - t5) / FS
    assert t60 == pytest.approx(decay, rel=0.1)
    assert edc_db[int(decay * FS)] == pytest.approx(-60, abs=6)


def test_reverb_wet_has_unit_energy_and_mix_blends() -> None:
    x = noise(4.0, amp=0.05)
    wet = render([fx("reverb", decay_s=1.5, mix=100)], x)
    assert rms_db(wet[2 * FS :]) - rms_db(x[2 * FS :]) == pytest.approx(0, abs=1.5)
    dry = render([fx("reverb", decay_s=1.5, mix=0)], x)
    assert np.max(np.abs(dry - x)) < 1e-6


# Streaming and changes


STREAM_CASES: list[Items] = [
    [fx("lowpass", cutoff_hz=700, q=3)],
    [fx("highpass", cutoff_hz=20, q=0.7)],
    [fx("delay", time_ms=1, feedback=90, mix=50)],
    [fx("delay", time_ms=37.5, feedback=60, mix=50)],
    [fx("reverb", decay_s=3, mix=50)],
    [fx("highpass"), fx("lowpass"), fx("gain", gain_db=-6), fx("delay"), fx("reverb")],
]


@pytest.mark.parametrize("items", STREAM_CASES)
@pytest.mark.parametrize("block", [960, 37, 1999])
def test_blocks_equal_one_block(items: Items, block: int) -> None:
    x = noise(0.6, amp=0.2)
    whole = ChainRenderer(items).process(x)
    assert np.max(np.abs(render(items, x, block) - whole)) < 1e-6


def test_compressor_streams_in_20ms_blocks() -> None:
    x = tone(300, 0.5, amp=0.8) * np.linspace(0, 1, FS // 2)
    items = [fx("compressor", attack_ms=1, release_ms=50)]
    whole = ChainRenderer(items).process(x)
    assert np.max(np.abs(render(items, x, 960) - whole)) < 1e-6


def _blocks_with_update(first: Items, second: Items, x: np.ndarray) -> np.ndarray:
    renderer = ChainRenderer(first)
    out = []
    for i in range(0, len(x), 960):
        if i == 960 * 10:
            renderer.update(second)
        out.append(renderer.process(x[i : i + 960]))
    return np.concatenate(out).astype(np.float64)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ([fx("gain", gain_db=0)], [fx("gain", gain_db=12)]),
        ([fx("gain", gain_db=12)], []),
        ([], [fx("gain", gain_db=-20)]),
        ([fx("lowpass", cutoff_hz=300)], [fx("lowpass", cutoff_hz=8000, q=5)]),
        ([fx("delay", time_ms=300)], [fx("delay", time_ms=50, feedback=90, mix=90)]),
        (
            [fx("gain", gain_db=10), fx("lowpass", cutoff_hz=200)],
            [fx("lowpass", cutoff_hz=200), fx("gain", gain_db=10)],
        ),
    ],
)
def test_changes_do_not_click(first: Items, second: Items) -> None:
    x = tone(227, 0.5, amp=0.25)  # not at a zero crossing when the change lands
    y = _blocks_with_update(first, second, x)
    peak = np.max(np.abs(y))
    smooth = 2 * np.pi * 227 / FS * peak  # the steepest slope a clean 227 Hz tone can have
    assert max_step(y) < 1.5 * smooth


def test_update_keeps_state_of_effects_that_stay() -> None:
    renderer = ChainRenderer([fx("delay", time_ms=300, feedback=0, mix=50)])
    x = np.zeros(FS // 2)
    x[0] = 0.8
    head = render(renderer, x[: FS // 10])
    renderer.update([fx("gain", gain_db=0), fx("delay", time_ms=300, feedback=0, mix=50)])
    tail = render(renderer, x[FS // 10 :])
    y = np.concatenate((head, tail))
    assert y[int(0.3 * FS)] == pytest.approx(0.4, abs=1e-6)
    assert renderer.effects == ["gain", "delay"]


def test_update_accepts_a_chain_and_validates_lists() -> None:
    chain = EffectChain()
    chain.apply("add", "gain")
    renderer = ChainRenderer()
    renderer.update(chain)
    assert renderer.effects == ["gain"]
    with pytest.raises(EffectError):
        renderer.update([fx("gain", gain_db=99)])
    assert renderer.effects == ["gain"]


def test_full_chain_is_fast() -> None:
    # Loose on purpose (shared CI machines); a per-sample loop would cost ~10 ms.
    assert float(np.median(block_costs_us(FULL_CHAIN, blocks=200, warmup=20))) < 2000
