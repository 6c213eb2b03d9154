"""48 <-> 24 kHz resamplers compared: ours (voicertc.audio.resample), soxr's qualities, PyAV.

`python -m voicertc.bench.resampler [--json FILE]` streams each one in 20 ms frames, as
the call does, and reports per direction and resampler:

- SNR per frequency: a sine through the resampler, a least-squares sine fitted to the
  steady output; SNR = fitted power / residual power (aliasing, distortion, noise), and
  the fitted gain. `int16` is what the pipeline delivers (output rounded to int16, which
  alone caps a -1 dBFS sine near 97 dB); `float` is the filter before that rounding.
- us per frame: the whole per-frame work the server does (channel mix, conversions).
- Latency: the filter's delay seen in the output stream, and how many samples a
  resampler holds back at a frame boundary (soxr HQ emits two frames at once: a held
  20 ms is 20 ms more before the audio can go upstream).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np

from ..audio import resample

HIGH, LOW = 48000, 24000
# Off the sample grid on purpose: at exactly 8 kHz a 24 kHz signal repeats every 3 samples,
# so every distortion product folds onto the tone itself and the fit reads as perfect.
FREQUENCIES = (440.0, 997.0, 3001.0, 7993.0, 9991.0)
ROUND_TRIP_FREQUENCIES = (440.0, 7993.0)
# Above 24 kHz's Nyquist: what a downsampler lets through folds back into the voice band.
ALIAS_FREQUENCIES = (13997.0, 17989.0)
_LEVEL = 10 ** (-1 / 20) * 32767  # -1 dBFS
_SECONDS = 2.0
_EDGE_S = 0.2  # output trimmed at both ends before fitting: start-up and flush


def _frames_of(rate: int) -> int:
    return rate // 50


# A streaming resampler: one 20 ms frame of int16 in (stereo interleaved at 48 kHz, mono at
# 24 kHz), that frame's output out (float64, any length, possibly empty).
Stream = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Candidate:
    name: str
    down: Callable[[bool], Stream]  # argument: keep float (skip int16 rounding)
    up: Callable[[bool], Stream]


def _round16(x: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(x), -32768, 32767)


@contextmanager
def _unrounded() -> Iterator[None]:
    """Ours rounds to int16 inside; for the filter-only figure that step is skipped."""
    with mock.patch.object(resample, "_to_int16", lambda x: x):
        yield


def _ours_down(keep_float: bool) -> Stream:
    down = resample.Downsampler()

    def run(frame: np.ndarray) -> np.ndarray:
        if keep_float:
            with _unrounded():
                out: Any = down.process(frame, 2)
            return np.frombuffer(out, dtype=np.float32).astype(np.float64)
        return np.frombuffer(down.process(frame, 2), dtype=np.int16).astype(np.float64)

    return run


def _ours_up(keep_float: bool) -> Stream:
    up = resample.Upsampler()

    def run(frame: np.ndarray) -> np.ndarray:
        if keep_float:
            with _unrounded():
                return np.asarray(up.process(frame.tobytes()), dtype=np.float64)
        return up.process(frame.tobytes()).astype(np.float64)

    return run


def _soxr(quality: str) -> Candidate:
    import soxr

    def make(src: int, dst: int, stereo_in: bool) -> Callable[[bool], Stream]:
        def factory(keep_float: bool) -> Stream:
            stream = soxr.ResampleStream(src, dst, 1, dtype="float32", quality=quality)

            def run(frame: np.ndarray) -> np.ndarray:
                if stereo_in:
                    pairs = frame.reshape(-1, 2).astype(np.float32)
                    mono = (pairs[:, 0] + pairs[:, 1]) * 0.5
                else:
                    mono = frame.reshape(-1).astype(np.float32)
                out = stream.resample_chunk(mono).astype(np.float64)
                return out if keep_float else _round16(out)

            return run

        return factory

    return Candidate(f"soxr {quality}", make(HIGH, LOW, True), make(LOW, HIGH, False))


def _pyav() -> Candidate:
    import av

    def make(src: int, dst: int, stereo_in: bool) -> Callable[[bool], Stream]:
        def factory(keep_float: bool) -> Stream:
            out_format = "flt" if keep_float else "s16"
            resampler = av.AudioResampler(format=out_format, layout="mono", rate=dst)
            pts = 0

            def run(frame: np.ndarray) -> np.ndarray:
                nonlocal pts
                layout = "stereo" if stereo_in else "mono"
                av_frame = av.AudioFrame.from_ndarray(frame.reshape(1, -1), format="s16", layout=layout)
                av_frame.sample_rate = src
                av_frame.pts = pts
                pts += frame.size // (2 if stereo_in else 1)
                chunks = [f.to_ndarray().reshape(-1) for f in resampler.resample(av_frame)]
                if not chunks:
                    return np.zeros(0)
                out = np.concatenate(chunks).astype(np.float64)
                return out * 32768 if keep_float else out

            return run

        return factory

    return Candidate("PyAV (swresample)", make(HIGH, LOW, True), make(LOW, HIGH, False))


def candidates() -> list[Candidate]:
    found = [Candidate("voicertc half-band FIR", _ours_down, _ours_up)]
    try:
        found += [_soxr(q) for q in ("QQ", "LQ", "MQ", "HQ", "VHQ")]
    except ImportError:
        pass
    try:
        found.append(_pyav())
    except ImportError:
        pass
    return found


def _sine(freq: float, rate: int, seconds: float = _SECONDS) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return np.rint(_LEVEL * np.sin(2 * np.pi * freq * t)).astype(np.int16)


def _stream(make: Stream, signal: np.ndarray, frame: int) -> tuple[np.ndarray, list[int]]:
    outs, sizes = [], []
    for i in range(0, signal.size - frame + 1, frame):
        out = make(signal[i : i + frame])
        outs.append(out)
        sizes.append(int(out.size))
    return (np.concatenate(outs) if outs else np.zeros(0)), sizes


def _fit(signal: np.ndarray, freq: float, rate: int) -> tuple[float, float]:
    """(SNR dB, amplitude) of the best sine at `freq` (with offset) over the steady part."""
    edge = int(_EDGE_S * rate)
    y = signal[edge : signal.size - edge]
    t = np.arange(edge, edge + y.size) / rate
    basis = np.column_stack([np.sin(2 * np.pi * freq * t), np.cos(2 * np.pi * freq * t), np.ones_like(t)])
    coef, *_ = np.linalg.lstsq(basis, y, rcond=None)
    fitted = basis[:, :2] @ coef[:2]
    residual = y - basis @ coef
    snr = 10 * np.log10(np.sum(fitted**2) / max(np.sum(residual**2), 1e-30))
    return float(snr), float(np.hypot(coef[0], coef[1]))


def _stereo(mono: np.ndarray) -> np.ndarray:
    return np.repeat(mono, 2)


def _snr_down(c: Candidate, freq: float, keep_float: bool) -> tuple[float, float]:
    out, _ = _stream(c.down(keep_float), _stereo(_sine(freq, HIGH)), 2 * _frames_of(HIGH))
    snr, amp = _fit(out, freq, LOW)
    return snr, 20 * np.log10(amp / _LEVEL)


def _snr_up(c: Candidate, freq: float, keep_float: bool) -> tuple[float, float]:
    out, _ = _stream(c.up(keep_float), _sine(freq, LOW), _frames_of(LOW))
    snr, amp = _fit(out, freq, HIGH)
    return snr, 20 * np.log10(amp / _LEVEL)


def _snr_round_trip(c: Candidate, freq: float) -> float:
    down, up = c.down(False), c.up(False)
    signal = _stereo(_sine(freq, HIGH))
    frame = 2 * _frames_of(HIGH)
    mid = []
    for i in range(0, signal.size - frame + 1, frame):
        mid.append(down(signal[i : i + frame]))
    low = np.concatenate(mid).astype(np.int16)
    out, _ = _stream(up, low, _frames_of(LOW))
    return _fit(out, freq, HIGH)[0]


def _per_frame_us(make: Stream, frame: np.ndarray, count: int = 1000, repeats: int = 7) -> dict[str, float]:
    """Median and best of `repeats` runs: on a shared machine the best is the cost, the median the
    cost with neighbours."""
    for _ in range(50):
        make(frame)
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(count):
            make(frame)
        timings.append((time.perf_counter() - start) / count)
    return {"median": round(statistics.median(timings) * 1e6, 1), "min": round(min(timings) * 1e6, 1)}


def _latency(make: Stream, src: int, dst: int, stereo_in: bool) -> dict[str, Any]:
    """Impulse delay in the output stream, and the samples held back at frame boundaries."""
    seconds = 1.0
    click_at = int(src * 0.5) + 7  # mid-frame, away from the start-up transient
    # Band-limited (8 kHz) so that even a plain decimator keeps it: a one-sample click at
    # an odd index simply vanishes through soxr QQ.
    n = np.arange(int(src * seconds)) - click_at
    pulse = np.sinc(n * 16000 / src) * np.exp(-0.5 * (n / (src / 2000)) ** 2)
    signal = np.rint(16000 * pulse).astype(np.int16)
    frame = _frames_of(src)
    if stereo_in:
        signal, frame = _stereo(signal), 2 * frame
    out, sizes = _stream(make, signal, frame)
    # Only near where the click belongs: some resamplers ring at start-up.
    expected = int(click_at / src * dst)
    span = dst // 20
    peak = expected - span + int(np.argmax(np.abs(out[expected - span : expected + span])))
    # Parabolic interpolation around the peak for a sub-sample position.
    if 0 < peak < out.size - 1:
        a, b, c = np.abs(out[peak - 1 : peak + 2])
        peak_pos = peak + 0.5 * (a - c) / (a - 2 * b + c) if (a - 2 * b + c) else float(peak)
    else:
        peak_pos = float(peak)
    delay_s = peak_pos / dst - click_at / src
    # Samples owed at each frame boundary, once past start-up: a resampler that trims its
    # filter delay from the stream owes it here instead, plus whatever it batches.
    steady = slice(len(sizes) // 2, None)
    held = (np.cumsum([_frames_of(dst)] * len(sizes)) - np.cumsum(sizes))[steady]
    return {
        "delay_ms": round(delay_s * 1000, 3),
        "held_max_ms": round(float(held.max()) / dst * 1000, 2),
        "held_mean_ms": round(float(held.mean()) / dst * 1000, 2),
        "output_sizes": sorted(set(sizes[steady])),
        "worst_latency_ms": round((delay_s + float(held.max()) / dst) * 1000, 2),
    }


def _alias_rejection(c: Candidate, freq: float) -> float:
    """dB between a -1 dBFS tone above 12 kHz going in and whatever comes out at 24 kHz."""
    out, _ = _stream(c.down(True), _stereo(_sine(freq, HIGH)), 2 * _frames_of(HIGH))
    edge = int(_EDGE_S * LOW)
    leaked = np.sqrt(np.mean(out[edge:-edge] ** 2))
    return float(20 * np.log10(_LEVEL / np.sqrt(2) / max(leaked, 1e-9)))


def measure(c: Candidate) -> dict[str, Any]:
    result: dict[str, Any] = {"name": c.name}
    for direction, snr_of, make, src, dst, stereo in (
        ("down", _snr_down, c.down, HIGH, LOW, True),
        ("up", _snr_up, c.up, LOW, HIGH, False),
    ):
        snr: dict[str, Any] = {}
        for freq in FREQUENCIES:
            s16, gain = snr_of(c, freq, False)
            s_float, _ = snr_of(c, freq, True)
            snr[f"{freq:g}"] = {
                "int16_db": round(s16, 1),
                "float_db": round(s_float, 1),
                "gain_db": round(gain, 3),
            }
        frame = _stereo(_sine(1000, HIGH, 0.02)) if stereo else _sine(1000, LOW, 0.02)
        result[direction] = {
            "snr": snr,
            "us_per_frame": _per_frame_us(make(False), frame),
            "latency": _latency(make(False), src, dst, stereo),
        }
    result["down"]["alias_rejection_db"] = {
        f"{f:g}": round(_alias_rejection(c, f), 1) for f in ALIAS_FREQUENCIES
    }
    result["round_trip_int16_db"] = {
        f"{f:g}": round(_snr_round_trip(c, f), 1) for f in ROUND_TRIP_FREQUENCIES
    }
    return result


def measure_all() -> dict[str, Any]:
    return {
        "method": "20 ms frames streamed; -1 dBFS sine; least-squares sine fit over the output minus "
        f"{_EDGE_S:g} s at each end; SNR as int16 output (float before rounding); us per frame over "
        "7 x 1000 frames, best and median",
        "resamplers": [measure(c) for c in candidates()],
    }


def markdown(report: dict[str, Any]) -> str:
    head = "| resampler | dir | " + " | ".join(f"SNR {f:g} Hz" for f in FREQUENCIES)
    head += " | gain 9991 Hz dB | us/frame best (median) | delay ms | held max ms | output sizes |"
    lines = [head, "|" + "---|" * (len(FREQUENCIES) + 7)]
    for r in report["resamplers"]:
        for direction in ("down", "up"):
            d = r[direction]
            snrs = " | ".join(
                f"{d['snr'][f'{f:g}']['int16_db']:.1f} ({d['snr'][f'{f:g}']['float_db']:.1f})"
                for f in FREQUENCIES
            )
            lat = d["latency"]
            lines.append(
                f"| {r['name']} | {direction} | {snrs} | {d['snr']['9991']['gain_db']:.2f} | "
                f"{d['us_per_frame']['min']:.0f} ({d['us_per_frame']['median']:.0f}) | "
                f"{lat['delay_ms']:.3f} | {lat['held_max_ms']:.2f} | "
                f"{', '.join(map(str, lat['output_sizes']))} |"
            )
    lines.append("")
    head = " | ".join(f"round trip {f:g} Hz dB" for f in ROUND_TRIP_FREQUENCIES)
    head += " | " + " | ".join(f"down: {f:g} Hz rejected dB" for f in ALIAS_FREQUENCIES)
    lines.append(f"| resampler | {head} |")
    lines.append("|" + "---|" * (len(ROUND_TRIP_FREQUENCIES) + len(ALIAS_FREQUENCIES) + 1))
    for r in report["resamplers"]:
        trip = " | ".join(f"{r['round_trip_int16_db'][f'{f:g}']:.1f}" for f in ROUND_TRIP_FREQUENCIES)
        alias = " | ".join(f"{r['down']['alias_rejection_db'][f'{f:g}']:.1f}" for f in ALIAS_FREQUENCIES)
        lines.append(f"| {r['name']} | {trip} | {alias} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m voicertc.bench.resampler", description=__doc__)
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    report = measure_all()
    print(markdown(report))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
