"""Turns tool output text into something a speech synthesiser reads well.

espeak-ng reads "30%" or "300 ms" literally or letter by letter, so units and symbols
are spelled out before anything is spoken.
"""

from __future__ import annotations

import re

_UNITS: dict[str, tuple[str, str]] = {
    "ms": ("millisecond", "milliseconds"),
    "s": ("second", "seconds"),
    "sec": ("second", "seconds"),
    "hz": ("hertz", "hertz"),
    "khz": ("kilohertz", "kilohertz"),
    "db": ("decibel", "decibels"),
    "dbfs": ("decibel", "decibels"),
    "%": ("percent", "percent"),
    "x": ("times", "times"),
}
_NUM = r"(?<![\w.])(-?\d+(?:\.\d+)?)"
_NUM_UNIT = re.compile(_NUM + r"\s*(ms|sec|s|khz|hz|dbfs|db|%|x)(?![\w])", re.IGNORECASE)
_SYMBOLS: list[tuple[str, str]] = [
    ("->", " then "),
    ("→", " then "),
    ("&", " and "),
    ("+", " plus "),
    ("=", " is "),
    ("%", " percent"),
    ("/", " per "),
    ("~", " about "),
    ("≈", " about "),
    ("°", " degrees"),
]
_RATIO = re.compile(r"(?<![\w.:])(\d+(?:\.\d+)?):(1)(?![\d:])")
_DROP = re.compile(r"[()\[\]{}<>*#_|\\^@$`\"]")
_PARAM_UNITS: dict[str, str] = {
    "s": "seconds",
    "ms": "milliseconds",
    "hz": "hertz",
    "khz": "kilohertz",
    "db": "decibels",
    "pct": "percent",
    "percent": "percent",
}


def _number_with_unit(m: re.Match[str]) -> str:
    number = _plain_number(m.group(1))
    singular, plural = _UNITS[m.group(2).lower()]
    return f"{number} {singular if number in ('1', 'minus 1') else plural}"


def _plain_number(text: str) -> str:
    if "." in text:
        text = text.rstrip("0").rstrip(".")  # "2.0" reads as "two point zero" otherwise
    return "minus " + text[1:] if text.startswith("-") else text


def speakable(text: str) -> str:
    """``text`` with units, signs and symbols spelled out, fit to be spoken."""
    # A ratio ("4:1", as tool outputs write the compressor's) is said "4 to 1"; the colon
    # rule below would make it "4, 1".
    out = _RATIO.sub(r"\1 to \2", text)
    out = _NUM_UNIT.sub(_number_with_unit, out)
    out = re.sub(_NUM, lambda m: _plain_number(m.group(1)), out)
    for symbol, words in _SYMBOLS:
        out = out.replace(symbol, words)
    out = _DROP.sub(" ", out)
    out = re.sub(r"\s*[:;]\s*", ", ", out)
    out = re.sub(r"\s+([,.!?])", r"\1", out)
    return re.sub(r"\s+", " ", out).strip()


def describe_param(name: str, value: object) -> str:
    """ "decay_s", 2.0 -> "decay 2 seconds": reads a parameter named with a unit suffix."""
    base, _, suffix = name.rpartition("_")
    unit = _PARAM_UNITS.get(suffix.lower()) if base else None
    label = (base if unit else name).replace("_", " ")
    shown = _plain_number(str(value)) if isinstance(value, int | float) else str(value)
    return f"{label} {shown} {unit}" if unit else f"{label} {shown}"
