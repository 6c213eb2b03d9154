"""The benchmark's utterance: a short synthetic vowel with a sharp onset.

A pure tone, a click or noise never wakes the Silero VAD the embedded endpoint uses, so
the "click" is a 300 ms vowel /a/ (additive harmonics of a falling 140->110 Hz pitch,
shaped by the first three formants) with a 2 ms attack: speech to the VAD, and an onset
sharp enough to time to well under a millisecond on the way back.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RATE = 24000
_FORMANTS_A = ((730.0, 90.0), (1090.0, 110.0), (2440.0, 170.0))  # Hz, bandwidth Hz
_ATTACK_S = 0.002
_RELEASE_S = 0.04


@dataclass(frozen=True)
class Utterance:
    pcm16: bytes  # 24 kHz mono PCM16 LE
    duration_s: float
    peak: int  # largest absolute sample
    onset_s: float  # where |x| first exceeds onset_fraction * peak


def vowel(
    duration_s: float = 0.3, dbfs: float = -12.0, f0: tuple[float, float] = (140.0, 110.0)
) -> np.ndarray:
    n = int(RATE * duration_s)
    t = np.arange(n) / RATE
    pitch = np.linspace(f0[0], f0[1], n)
    phase = 2 * np.pi * np.cumsum(pitch) / RATE
    out = np.zeros(n)
    for k in range(1, int(RATE / 2 / max(f0))):
        fk = k * pitch
        gain = sum(1.0 / (1.0 + ((fk - f) / bw) ** 2) for f, bw in _FORMANTS_A) / np.sqrt(k)
        out += gain * np.sin(k * phase)
    out *= np.minimum(1.0, np.minimum(t / _ATTACK_S, (duration_s - t) / _RELEASE_S))
    return out / np.abs(out).max() * (10 ** (dbfs / 20) * 32767)


def make_utterance(duration_s: float = 0.3, dbfs: float = -12.0, onset_fraction: float = 0.1) -> Utterance:
    return _utterance(np.rint(vowel(duration_s, dbfs)).astype(np.int16), onset_fraction)


def _utterance(samples: np.ndarray, onset_fraction: float) -> Utterance:
    peak = int(np.abs(samples.astype(np.int32)).max())
    first = int(np.argmax(np.abs(samples.astype(np.int32)) > onset_fraction * peak))
    return Utterance(samples.tobytes(), len(samples) / RATE, peak, first / RATE)


def make_syllables(
    count: int = 2, syllable_s: float = 0.25, gap_s: float = 0.08, dbfs: float = -12.0
) -> Utterance:
    """`count` vowels `gap_s` apart: one turn the Silero VAD hears wherever its windows fall.

    The VAD scores 32 ms windows, and a call's audio comes in 20 ms frames, so what is said
    at a frame boundary starts at one of 8 places in a window (the pattern repeats every
    160 ms). Where a window takes in only the first milliseconds of a lone vowel, Silero
    scores it ~0.2 and the rest of the vowel 0.7-0.8 for ~100 ms before falling away: short
    of the detector's 150 ms, so the turn is never heard. That happens at 9 of 96 onset
    positions for `make_utterance(0.4)`; two syllables are heard at all of them (tests/unit/
    assistant/test_spoken_answer.py). Use this where a turn must be heard every time; the
    onset, as sharp as make_utterance's, still times the echo.
    """
    vowels = [np.rint(vowel(syllable_s, dbfs)).astype(np.int16) for _ in range(count)]
    gap = np.zeros(int(RATE * gap_s), dtype=np.int16)
    return _utterance(np.concatenate([part for v in vowels for part in (v, gap)][:-1]), 0.1)


def first_above(samples: np.ndarray, threshold: float) -> int | None:
    """Index of the first sample whose magnitude exceeds `threshold`, or None."""
    hits = np.flatnonzero(np.abs(samples.astype(np.int32)) > threshold)
    return int(hits[0]) if hits.size else None
