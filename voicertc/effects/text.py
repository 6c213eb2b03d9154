"""How values read in messages ("300 ms") and in spoken summaries ("300 milliseconds")."""

from __future__ import annotations

from .specs import UNIT_SYMBOLS, UNIT_WORDS, EffectSpec, ParamSpec

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def num(value: float, decimals: int = 3) -> str:
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt(p: ParamSpec, value: float) -> str:
    """Short written form: "2 s", "30%", "-24 dB", "4:1"."""
    if p.name == "ratio":
        return f"{num(value, p.decimals)}:1"
    symbol = UNIT_SYMBOLS.get(p.unit, "")
    if p.unit == "percent":
        return f"{num(value, p.decimals)}%"
    return f"{num(value, p.decimals)} {symbol}".rstrip()


def say(p: ParamSpec, value: float) -> str:
    """Spoken form with words instead of symbols, for text-to-speech."""
    if p.name == "ratio":
        return f"{num(value, p.decimals)} to 1"
    if p.unit == "hz" and value >= 1000:
        return f"{num(value / 1000, 2)} kilohertz"
    text = num(abs(value), p.decimals)
    sign = "minus " if value < 0 and text != "0" else ""
    one, many = UNIT_WORDS.get(p.unit, ("", ""))
    word = one if text == "1" else many
    return f"{sign}{text} {word}".rstrip()


def param_title(spec: EffectSpec, p: ParamSpec) -> str:
    """ "delay time", but just "gain" where the parameter is the effect itself."""
    return spec.title if p.label in (spec.name, spec.title) else f"{spec.title} {p.label}"


def _single(spec: EffectSpec) -> bool:
    return len(spec.params) == 1 and spec.params[0].label in (spec.name, spec.title)


def params_text(spec: EffectSpec, params: dict[str, float]) -> str:
    if _single(spec):
        p = spec.params[0]
        return fmt(p, params[p.name])
    return ", ".join(f"{p.label} {fmt(p, params[p.name])}" for p in spec.params)


def join_words(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def spoken_entry(spec: EffectSpec, params: dict[str, float]) -> str:
    if _single(spec):
        p = spec.params[0]
        return f"{spec.title} of {say(p, params[p.name])}"
    parts = [f"{p.label} {say(p, params[p.name])}" for p in spec.params]
    return f"{spec.title} with {join_words(parts)}"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]
