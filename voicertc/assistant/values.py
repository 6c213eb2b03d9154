"""Which number of a sentence is the command's value, and its unit ("set the delay to 300
ms", "two more dB"), leaving out numbers of other things ("2 meters"), a filter's slope
("12 dB per octave") and a lone "one" that names the effect ("put one on")."""

from __future__ import annotations

import re

from voicertc.assistant import lexicon as lx
from voicertc.assistant.numbers import FRACTIONS, NumberSpan, as_said, find_numbers
from voicertc.effects.specs import EFFECT_SPECS, ParamSpec


def value(tokens: list[str], numbers: list[NumberSpan]) -> tuple[NumberSpan, str | None] | None:
    """The first number that has a unit, else the first number at all, leaving out
    numbers of other things ("2 meters")."""
    spans = [
        s
        for s in numbers
        if not (other_unit(tokens, s) or _slope(tokens, s) or _one_of(tokens, s) or _age(tokens, s))
    ]
    with_units = [(s, _unit_after(tokens, s.end + (tokens[s.end : s.end + 1] in MORE))) for s in spans]
    for span in spans:  # "down a few decibels, say four": the rough amount's unit, this number
        said = span.start > 1 and tokens[span.start - 1] == "say"
        unit = _unit_after(tokens, span.start - 2) if said else None
        if unit:
            return span, unit
    for span, unit in with_units:
        if unit:
            return span, unit
    return (spans[0], None) if spans else None


# Between a number and its unit: "two more dB", "three extra milliseconds".
MORE = (["more"], ["less"], ["extra"])


def other_unit(tokens: list[str], span: NumberSpan) -> bool:
    return span.end < len(tokens) and (tokens[span.end] in lx.OTHER_UNITS or _decade(tokens, span))


def _decade(tokens: list[str], span: NumberSpan) -> bool:
    """ "a 1950s radio", "the 80s": a decade, not seconds (no effect lasts 20 s or more)."""
    return tokens[span.end] == "s" and span.value >= 20 and span.value % 10 == 0


# Who is said to be of an age: "I'm seventy eight", "and she's ninety two".
_AGED = re.compile(
    r"\b(?:im|i am|shes|she is|hes|he is|theyre|they are|turning|turned|aged)"
    r"(?: (?:nearly|almost|about|over|just))?$"
)


def _age(tokens: list[str], span: NumberSpan) -> bool:
    """ "my grandson says I'll sound like a rock singer and I'm seventy eight": an age, with no
    unit after it, not a value."""
    return _AGED.search(" ".join(tokens[max(0, span.start - 3) : span.start])) is not None and (
        _unit_after(tokens, span.end) is None
    )


# Verbs after which a lone "one" is an effect, not a number: "could you put one on".
TAKES_ONE = frozenset("put turn add get use need want try like stick throw switch have give".split())


def _one_of(tokens: list[str], span: NumberSpan) -> bool:
    """ "put one on for me": "one" is the effect named before, not a value of 1; "the quiet
    one", "quick one, could you ...": a thing or a request, not a value; "we're live in ten":
    a time from now."""
    if (
        _unit_after(tokens, span.end + (tokens[span.end : span.end + 1] in MORE)) is not None
        or span.start == 0
    ):
        return False  # ("add one more second to the decay": a second, not a reverb)
    before = tokens[max(span.start - 2, 0) : span.start]
    if tokens[span.start - 1] == "in" and span.end == len(tokens):
        return True
    if before[-1] in NUMBERED and not (before[-1] == "take" and tokens[span.end : span.end + 1] in _TAKEN):
        return True  # "then we'll go from scene two", "take five": a thing counted, not a value
    if tokens[span.start : span.end] != ["one"]:
        return False
    return before[-1] in TAKES_ONE or before[-1] in PRONOUN_ONE or before[0] in ARTICLES


# Things counted by a number after them: "scene two", "verse three", "take five".
NUMBERED = frozenset("scene take verse track song act page line chapter number row table step episode round "
                     "bar year grade slide question exercise lesson unit module".split())  # fmt: skip
_TAKEN = (["off"], ["from"], ["away"], ["out"], ["of"], ["more"], ["less"])  # "take ten off the drive"
# Before "one", words that make it a thing: "this one", "the other one", "quick one".
PRONOUN_ONE = frozenset("the a this that which other another quick every each any no".split())
ARTICLES = frozenset("the a an this that my".split())  # "the quiet one", "a cheap one"


def _slope(tokens: list[str], span: NumberSpan) -> bool:
    """ "twelve dB per octave": a filter's slope, which the filters have fixed, not a setting."""
    return tokens[span.end + 1 : span.end + 3] in (["per", "octave"], ["an", "octave"])


def by(tokens: list[str], span: NumberSpan) -> bool:
    """ "by two": a step of that size, not a setting."""
    return span.start > 0 and tokens[span.start - 1] == "by"


def unit_words(tokens: list[str], i: int) -> tuple[str, ...]:
    """The words of the unit said at ``i`` ("decibels", "milli seconds"), or none."""
    said = _unit_said(tokens, i)
    return () if said is None else said[0]


def _unit_after(tokens: list[str], i: int) -> str | None:
    said = _unit_said(tokens, i)
    return None if said is None else said[1]


def _unit_said(tokens: list[str], i: int) -> tuple[tuple[str, ...], str] | None:
    """The unit's words said at ``i`` and the unit, or None."""
    for words, unit in lx.UNIT_WORDS:
        if tokens[i : i + len(words)] == list(words):
            return words, unit
    return None


LARGER = {"hz": "khz", "ms": "s"}


def larger_unit(spec: ParamSpec, value: float) -> str | None:
    """A bare number below a parameter's range that fits it in the larger unit: "low pass at
    8" is 8 kHz, "set the delay to 0.4" 0.4 s (the chain would clamp them to 20 Hz, 1 ms)."""
    larger = LARGER.get(spec.unit)
    fits = larger is not None and 0 < value < spec.min and spec.min <= value * 1000 <= spec.max
    return larger if fits else None


def scaled(effect: str, param: str, change: tuple[float, str]) -> dict[str, object]:
    """A step of ``param`` by ``change`` (percent of what is there, and the action): in
    percent on a time or frequency, as a fraction on a percentage (the chain reads percent
    there as points); the parameter named where it is not the effect's main one."""
    spec = EFFECT_SPECS[effect]
    args: dict[str, object] = {"effect": effect, "action": change[1]}
    if spec.param(param).unit == "percent":
        args |= {"value": round(change[0] / 100, 5), "unit": "fraction"}
    else:
        args |= {"value": change[0], "unit": "percent"}
    return args | ({"param": param} if param != spec.primary else {})


# Verbs that put a value onto something ("put minus 6 dB on the gain": 6 dB less).
PUTTING = frozenset("put add stick throw slap give".split())


def on_as_at(tokens: list[str]) -> list[str]:
    """ "on" read "at" where it tells a value, not "turn on": before a number ("the volume on
    minus six dB") or, with no verb putting it there, after one in a level wished ("minus three
    dB on my volume would be good"; "minus 6 dB on the gain" takes 6 dB away)."""
    ends = set()
    for span in find_numbers(tokens):
        ends.add(span.end)
        unit = _unit_said(tokens, span.end)
        ends.add(span.end + (0 if unit is None else len(unit[0])))
    after = PUTTING.isdisjoint(tokens) and not {"would", "should"}.isdisjoint(tokens)  # (a level wished)
    return [
        "at" if t == "on" and (find_numbers(tokens[i + 1 : i + 3]) or (after and i in ends)) else t
        for i, t in enumerate(tokens)
    ]


_DB = frozenset("db dbs decibel decibels by about around".split())


def decibels_alone(rest: list[str], degree: frozenset[str]) -> float | None:
    """ "(take me down) four", "(turn it up) 3 dB please": the level moved by a number said
    alone, with only ``degree`` words beside it (a bare number on the level is decibels)."""
    spans = find_numbers(rest)
    if len(spans) != 1 or spans[0].value <= 0:
        return None
    if not all(t in degree or t in _DB for t in rest[: spans[0].start] + rest[spans[0].end :]):
        return None
    return as_said(spans[0].value)


def share_unit(
    tokens: list[str], span: NumberSpan, param: ParamSpec, action: object, value: object
) -> tuple[str | None, object]:
    """The unit of a share said with no unit, and the value in it (``value`` as read where
    the unit is not a share's): on a percentage a fraction of it ("reverb mix at half" is 50 %,
    not 0.5 %; so is "feedback to 0.4" 40 %); a step by a fraction word of anything else is
    that share of it in percent ("the high cut down by a third": 33.3 %; "the ratio down by one
    and a half" is 1.5)."""
    fraction_said = not FRACTIONS.keys().isdisjoint(tokens[span.start : span.end])
    if (fraction_said or 0 < abs(span.value) < 1) and param.unit == "percent":
        return "fraction", value
    if fraction_said and abs(span.value) < 1 and action in ("increase", "decrease"):
        return "percent", as_said(round(100 * abs(span.value), 1))
    return None, value
