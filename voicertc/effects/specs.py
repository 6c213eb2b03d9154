"""The effect types, their typed parameters, and the names people use for them.

This table is the single source of truth: the chain validates against it, the model's
tool schema is generated from it, and the web client renders the same names and ranges.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

StepMode = Literal["add", "mul"]

# Canonical units. "" means the parameter is a plain number (Q, ratio).
UNIT_WORDS: dict[str, tuple[str, str]] = {
    "s": ("second", "seconds"),
    "ms": ("millisecond", "milliseconds"),
    "hz": ("hertz", "hertz"),
    "percent": ("percent", "percent"),
    "db": ("decibel", "decibels"),
    "": ("", ""),
}
UNIT_SYMBOLS: dict[str, str] = {"s": "s", "ms": "ms", "hz": "Hz", "percent": "%", "db": "dB"}

# Units the caller may give; each maps to one of the accepted unit names below.
UNIT_ALIASES: dict[str, str] = {
    "ms": "ms",
    "msec": "ms",
    "millisecond": "ms",
    "milliseconds": "ms",
    "s": "s",
    "sec": "s",
    "secs": "s",
    "second": "s",
    "seconds": "s",
    "hz": "hz",
    "hertz": "hz",
    "khz": "khz",
    "kilohertz": "khz",
    "db": "db",
    "decibel": "db",
    "decibels": "db",
    "percent": "percent",
    "%": "percent",
    "pct": "percent",
    "fraction": "fraction",
}
# The unit names offered to the model (aliases above are accepted too).
TOOL_UNITS: tuple[str, ...] = ("ms", "s", "hz", "khz", "db", "percent", "fraction")

# (given unit, canonical unit) -> factor that turns the given value into canonical units.
UNIT_FACTORS: dict[tuple[str, str], float] = {
    ("ms", "ms"): 1.0,
    ("s", "ms"): 1000.0,
    ("s", "s"): 1.0,
    ("ms", "s"): 0.001,
    ("hz", "hz"): 1.0,
    ("khz", "hz"): 1000.0,
    ("db", "db"): 1.0,
    ("percent", "percent"): 1.0,
    ("fraction", "percent"): 100.0,
}


@dataclass(frozen=True)
class ParamSpec:
    """One typed parameter. ``step`` is the musical step used by increase/decrease."""

    name: str
    label: str
    unit: str
    min: float
    max: float
    default: float
    step: float
    step_mode: StepMode
    decimals: int
    description: str
    # Smallest absolute change of a multiplicative step, so a value at 0 can still move.
    step_floor: float = 0.0
    aliases: tuple[str, ...] = ()
    # How a page writes the unit after a value, when UNIT_SYMBOLS has nothing better.
    symbol: str | None = None

    def step_rule(self) -> str:
        if self.step_mode == "mul":
            return f"x{self.step:g}"
        symbol = UNIT_SYMBOLS.get(self.unit, "")
        return f"{self.step:g} {symbol}".strip()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "unit": self.unit,
            "min": self.min,
            "max": self.max,
            "default": self.default,
            "step": self.step,
            "step_mode": self.step_mode,
            "description": self.description,
        }


@dataclass(frozen=True)
class EffectSpec:
    name: str
    title: str
    description: str
    params: tuple[ParamSpec, ...]
    primary: str
    aliases: tuple[str, ...] = ()
    # Value of each parameter that makes the effect inaudible, when there is one: an
    # absent gain behaves like gain_db 0, so "quieter" can step down from there.
    neutral: dict[str, float] = field(default_factory=dict)
    # More of the effect lowers its primary parameter: a compressor compresses more as its
    # threshold falls, so "increase the compressor" steps the threshold down.
    primary_falls: bool = False
    # What a page's controls call the effect, and a few words on what it does.
    label: str = ""
    hint: str = ""

    def param(self, name: str) -> ParamSpec:
        for spec in self.params:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def defaults(self) -> dict[str, float]:
        return {p.name: p.default for p in self.params}

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "primary": self.primary,
            "params": [p.to_dict() for p in self.params],
        }


def _mix(default: float = 30.0) -> ParamSpec:
    return ParamSpec(
        "mix", "mix", "percent", 0, 100, default, 10, "add", 1,
        "wet share of the output (0 = dry only, 100 = effect only)",
        aliases=("wet", "amount", "level"),
    )  # fmt: skip


def _cutoff(default: float) -> ParamSpec:
    # A half-octave step is the smallest change most listeners call "clearly different".
    return ParamSpec(
        "cutoff_hz", "cutoff", "hz", 20, 20000, default, 2**0.5, "mul", 1,
        "corner frequency", aliases=("cutoff", "frequency", "freq", "corner"),
    )  # fmt: skip


def _q() -> ParamSpec:
    return ParamSpec(
        "q", "Q", "", 0.1, 20, 0.707, 2**0.5, "mul", 3,
        "resonance as linear Q (0.707 = Butterworth, no peak)", aliases=("resonance",),
    )  # fmt: skip


_SPECS: tuple[EffectSpec, ...] = (
    EffectSpec(
        "reverb", "reverb", "room reverberation decaying by 60 dB over decay_s",
        (
            ParamSpec("decay_s", "decay", "s", 0.1, 10, 2.0, 1.25, "mul", 2,
                      "time for the reverb tail to fall by 60 dB",
                      aliases=("decay", "time", "length", "size", "rt60")),
            _mix(),
        ),
        primary="mix", aliases=("reverberation", "verb", "room", "hall"),
        label="Reverb", hint="Room ambience",
    ),
    EffectSpec(
        "delay", "delay", "echo: a feedback delay line mixed with the dry sound",
        (
            ParamSpec("time_ms", "time", "ms", 1, 2000, 300, 1.25, "mul", 1,
                      "time between echoes", aliases=("time", "delay_time", "delay")),
            ParamSpec("feedback", "feedback", "percent", 0, 95, 35, 10, "add", 1,
                      "share of each echo fed back to make the next one",
                      aliases=("repeats", "regeneration")),
            _mix(),
        ),
        primary="time_ms", aliases=("echo", "echoes", "delay line"),
        label="Delay", hint="Echo",
    ),
    EffectSpec(
        "lowpass", "low-pass filter", "12 dB/octave filter that cuts above the cutoff",
        (_cutoff(2000), _q()),
        primary="cutoff_hz",
        label="Low-pass", hint="Cuts the highs",
        aliases=("low pass", "lpf", "low pass filter", "high cut", "treble cut"),
    ),
    EffectSpec(
        "highpass", "high-pass filter", "12 dB/octave filter that cuts below the cutoff",
        (_cutoff(200), _q()),
        primary="cutoff_hz",
        label="High-pass", hint="Cuts the lows",
        aliases=("high pass", "hpf", "high pass filter", "low cut", "bass cut"),
    ),
    EffectSpec(
        "gain", "gain", "volume change in decibels",
        (
            ParamSpec("gain_db", "gain", "db", -60, 24, 6, 3, "add", 2,
                      "level change (positive is louder)",
                      aliases=("gain", "volume", "level", "db")),
        ),
        primary="gain_db", aliases=("volume", "level", "loudness", "amplifier", "amp"),
        label="Gain", hint="Louder or quieter",
        neutral={"gain_db": 0.0},
    ),
    EffectSpec(
        "compressor", "compressor", "feed-forward soft-knee compressor, no makeup gain",
        (
            ParamSpec("threshold_db", "threshold", "db", -100, 0, -24, 3, "add", 1,
                      "level above which the gain is reduced", aliases=("threshold",)),
            ParamSpec("ratio", "ratio", "", 1, 20, 4, 1, "add", 2,
                      "input dB over threshold per output dB", aliases=("compression_ratio",),
                      symbol=":1"),
            ParamSpec("knee_db", "knee", "db", 0, 40, 30, 3, "add", 1,
                      "range above threshold over which compression fades in",
                      aliases=("knee",)),
            ParamSpec("attack_ms", "attack", "ms", 0, 1000, 3, 1.5, "mul", 2,
                      "time to react to a louder input", step_floor=1, aliases=("attack",)),
            ParamSpec("release_ms", "release", "ms", 0, 1000, 250, 1.5, "mul", 1,
                      "time to recover after the input gets quieter", step_floor=10,
                      aliases=("release",)),
        ),
        primary="threshold_db", aliases=("compression", "comp", "dynamics", "limiter"),
        label="Compressor", hint="Evens out the level",
        primary_falls=True,
    ),
    EffectSpec(
        "distortion", "distortion", "tanh waveshaper saturation",
        (
            ParamSpec("drive", "drive", "percent", 0, 100, 50, 10, "add", 1,
                      "how hard the signal is driven into saturation",
                      aliases=("amount", "overdrive")),
        ),
        primary="drive", aliases=("overdrive", "fuzz", "saturation", "distort"),
        label="Distortion", hint="Grit and drive",
    ),
)  # fmt: skip

EFFECT_SPECS: dict[str, EffectSpec] = {spec.name: spec for spec in _SPECS}


def _norm(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum() or ch == "%")


EFFECT_ALIASES: dict[str, str] = {}
for _spec in _SPECS:
    for _word in (_spec.name, _spec.title, *_spec.aliases):
        EFFECT_ALIASES.setdefault(_norm(_word), _spec.name)


def effect_key(text: str) -> str | None:
    """Canonical effect name for a name or alias ("Low-Pass", "echo"), else None."""
    return EFFECT_ALIASES.get(_norm(text))


def param_key(spec: EffectSpec, text: str) -> str | None:
    """Canonical parameter name of ``spec`` for a name, label or alias, else None."""
    wanted = _norm(text)
    for p in spec.params:
        if wanted in {_norm(p.name), _norm(p.label), *(_norm(a) for a in p.aliases)}:
            return p.name
    return None


def unit_key(text: str) -> str | None:
    return UNIT_ALIASES.get(text.strip().lower().replace(" ", ""))


def page_specs() -> dict[str, Any]:
    """The specs as a page renders its controls (`GET /effects/specs`, docs/client.md).

    `{name: {label, hint, primary, params: {param: {label, unit, min, max, default, step,
    scale}}}}`: `unit` is the symbol to print, `step` a slider step from the parameter's
    decimals, `scale` "log" for frequencies.
    """
    out: dict[str, Any] = {}
    for spec in _SPECS:
        params: dict[str, Any] = {}
        for p in spec.params:
            params[p.name] = {
                "label": p.label[:1].upper() + p.label[1:],
                "unit": p.symbol if p.symbol is not None else UNIT_SYMBOLS.get(p.unit, ""),
                "min": p.min,
                "max": p.max,
                "default": p.default,
                "step": 10.0 ** (1 - p.decimals),
                "scale": "log" if p.unit == "hz" else "linear",
                "description": p.description,
            }
        out[spec.name] = {
            "label": spec.label or spec.title,
            "hint": spec.hint or spec.description,
            "primary": spec.primary,
            "params": params,
        }
    return out
