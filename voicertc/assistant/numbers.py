"""Numbers spoken in words or typed in digits, found inside a token list.

Recognisers spell numbers out ("three hundred", "two point five") while typed text
uses digits ("300", "2.5"); both must give the same value.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

ONES: dict[str, int] = {
    "zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
TEENS: dict[str, int] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000}
NEGATIVE = frozenset({"minus", "negative"})
# "a quarter of a second", "three quarters", "one and a third"
FRACTIONS: dict[str, float] = {"half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3,
                               "quarter": 1 / 4, "quarters": 1 / 4, "halfway": 1 / 2,
                               "tenth": 1 / 10, "tenths": 1 / 10,
                               "fifth": 1 / 5, "fifths": 1 / 5}  # fmt: skip
NUMBER_WORDS = frozenset({*ONES, *TEENS, *TENS, *SCALES, *NEGATIVE, *FRACTIONS, "point"})

_DIGITS = re.compile(r"^\d+(?:\.\d+)?$")
# Words before "one" that make it a thing: "put some reverb on for this one"; "I haven't got one
# on", "there isn't one yet" (session 44, tune23).
ONE_OF_THINGS = frozenset("this that the each every next last which no any another got isnt".split())
_CHANGED = (["off"], ["longer"], ["shorter"], ["more"], ["less"])


@dataclass(frozen=True)
class NumberSpan:
    start: int  # index of the first token
    end: int  # index one past the last token
    value: float


def _is_word_number(tok: str) -> bool:
    return tok in ONES or tok in TEENS or tok in TENS or tok in SCALES


def _read(tokens: list[str], i: int) -> tuple[float, int] | None:
    """Reads one unsigned number starting at tokens[i]; returns (value, next index)."""
    n = len(tokens)
    tok = tokens[i]
    fraction = _fraction(tokens, i)
    if fraction is not None:
        return fraction
    if _DIGITS.match(tok):
        value = float(tok)
        j = i + 1
        if j < n and tokens[j] in SCALES:
            value *= SCALES[tokens[j]]
            j += 1
        if value >= 100 and value % 100 == 0 and j + 1 < n and tokens[j] == "and":
            # "200 and 50": how Whisper writes "two hundred and fifty"
            rest = _read(tokens, j + 1)
            if rest is not None and rest[0] < 100 and rest[0] == int(rest[0]):
                value, j = value + rest[0], rest[1]
        return _and_fraction(tokens, j, value)
    if tok == "point" and i + 1 < n and tokens[i + 1] in ONES:
        tokens = [*tokens[:i], "zero", *tokens[i:]]  # "point five" is "zero point five"
        value, j = _read(tokens, i) or (0.0, i + 1)
        return value, j - 1
    if tok == "one" and i and tokens[i - 1] in ONE_OF_THINGS and tokens[i + 1 : i + 3] != ["and", "a"]:
        return None  # "for this one", "the next one": a thing ("to last one and a quarter seconds": a value)
    if tok == "dozen" or tokens[i : i + 2] == ["a", "dozen"]:
        return 12.0, i + (tok != "dozen") + 1  # "a dozen decibels"
    whole = tokens[i + 1 : i + 2] in (["whole"], ["full"])  # "a whole second longer"
    if tokens[i : i + 2 + whole] == ["a", *(tokens[i + 1 : i + 2] if whole else []), "second"] and (
        tokens[i - 1 : i] in (["by"], ["up"], ["down"]) or tokens[i + 2 + whole : i + 3 + whole] in _CHANGED
    ):
        return 1.0, i + 1 + whole  # "by a second", "a second off" ("wait a second" counts nothing)
    if tok == "couple" or tokens[i : i + 2] == ["a", "couple"]:
        j = i + (tok != "couple") + 1
        return 2.0, j + (tokens[j : j + 1] == ["of"])  # "a couple of dB"
    a_scale = tok in ("a", "an") and i + 1 < n and tokens[i + 1] in SCALES
    if not (_is_word_number(tok) or a_scale):
        return None
    if tok == "oh" and not _in_number_context(tokens, i):
        return None
    total = 0
    current = 0
    last = ""  # kind of the last word, to stop at "two three" which is two numbers
    j = i
    while j < n:
        w = tokens[j]
        if w in ("a", "an") and j + 1 < n and tokens[j + 1] in SCALES and last == "":
            w = "one"  # "a hundred" reads as "one hundred"
        if w in ONES and last in ("", "tens", "scale"):
            current += ONES[w]
            last = "ones"
        elif w in TEENS and last in ("", "scale"):
            current += TEENS[w]
            last = "teens"
        elif w in TENS and last in ("", "scale"):
            current += TENS[w]
            last = "tens"
        elif w in TENS and last == "ones" and current < 10 and total == 0:
            current = current * 100 + TENS[w]  # "two fifty" is 250, as times and sizes are said
            last = "tens"
        elif w in TEENS and last == "ones" and current < 10 and total == 0:
            current = current * 100 + TEENS[w]  # "one ten" is 110, "two fifteen" 215
            last = "teens"
        elif w == "hundred" and last in ("", "ones", "teens", "tens") and current < 100:
            current = max(current, 1) * 100
            last = "scale"
        elif w == "thousand" and last in ("", "ones", "teens", "tens", "scale"):
            total += max(current, 1) * 1000
            current = 0
            last = "scale"
        elif w == "and" and last == "scale" and j + 1 < n and _is_word_number(tokens[j + 1]):
            pass  # "three hundred and fifty"
        else:
            break
        j += 1
    value = float(total + current)
    # "two point five", "one and a half"
    if j + 1 < n and tokens[j] == "point" and tokens[j + 1] in ONES:
        digits = ""
        j += 1
        while j < n and tokens[j] in ONES:
            digits += str(ONES[tokens[j]])
            j += 1
        return _scaled(tokens, j, value + float("0." + digits))
    return _and_fraction(tokens, j, value)


def _fraction(tokens: list[str], i: int) -> tuple[float, int] | None:
    """ "half a second", "a quarter of a second", "three quarters": the article and "of"
    belong to the number, not to the unit that follows."""
    n = len(tokens)
    count, j = 1.0, i
    if tokens[j] in ("a", "an", "one") and j + 1 < n and tokens[j + 1] in FRACTIONS:
        j += 1
    elif (k := _count(tokens[j])) is not None and (tokens[j + 1 : j + 2] != ["half"] or k == 1) and j + 1 < n:
        if tokens[j + 1] in FRACTIONS:
            count, j = k, j + 1  # "three quarters", and as Whisper writes it, "3 quarters"
    if tokens[j] not in FRACTIONS or (j == i and tokens[j - 1 : j] in _PART_OF):
        return None  # ("the second half is the heavy set": a part of something, no amount)
    value = count * FRACTIONS[tokens[j]]
    j += 1
    if tokens[j : j + 2] in (["of", "a"], ["of", "an"]):
        j += 2
    elif j < n and tokens[j] in ("a", "an"):
        j += 1
    return value, j


_PART_OF = (
    ["second"],
    ["first"],
    ["other"],
    ["back"],
    ["front"],
    ["top"],
    ["bottom"],
    ["latter"],
    ["better"],
)


def _count(tok: str) -> float | None:
    """How many of a fraction a word or a whole number in digits counts: "three", "3"."""
    if tok in ONES:
        return float(ONES[tok])
    return float(tok) if tok.isdigit() and 0 < int(tok) < 10 else None


# Fractions Whisper writes in digits ("3/4 of a second", "1/2 a second"), as said.
_WRITTEN_FRACTION = re.compile(r"(?<![\w./])([1-9])/([234])(?![\w/]|\.\d)")
_DENOMINATORS = {"2": ("half", "halves"), "3": ("third", "thirds"), "4": ("quarter", "quarters")}
_ONES_BY_VALUE = {v: w for w, v in ONES.items() if w not in ("zero", "oh")}


def written_fractions(text: str) -> str:
    """ "3/4" -> "three quarters", "1/2" -> "one half": fractions read as the words they
    stand for, so that "of a second" after them still belongs to the number."""

    def words(m: re.Match[str]) -> str:
        top = int(m.group(1))
        one, many = _DENOMINATORS[m.group(2)]
        if top >= int(m.group(2)):
            return m.group(0)  # "3/2", "4/4": not a fraction of one thing
        return f"{_ONES_BY_VALUE[top]} {one if top == 1 else many}"

    return _WRITTEN_FRACTION.sub(words, text)


_UNIT_AND_A_HALF = re.compile(
    r"\b(an?|one|two|three|four|five|six|seven|eight|nine) (decibel|second|millisecond|kilohertz|hertz)s?"
    r" and (?:a )?half\b"
)


def unit_and_a_half(text: str) -> str:
    """ "a decibel and a half" -> "one and a half decibels", "one second and half" (as a
    learner says it) -> "one and a half seconds": the number before its unit, as every
    other number is read; and "a second long" -> "one second long"."""

    def said(m: re.Match[str]) -> str:
        count = "one" if m.group(1) in ("a", "an") else m.group(1)
        return f"{count} and a half {m.group(2)}s"

    text = _UNIT_AND_A_HALF.sub(said, text)
    return _ONE_UNIT_LONG.sub(r"one \1 \2", text)


# (session 49, tune29) A length of one unit said with "a": "a delay, a whole second long", "a second
# long" (not "wait a second", nor "a second delay": the other one).
# (not "half a second long", "a quarter of a second between")
_ONE_UNIT_LONG = re.compile(
    r"(?<!\bof )(?<!\bhalf )\ban? (?:whole |full |single )?(second|millisecond) (long|of delay|between)\b"
)


# A kilohertz said as engineers say it, the decimal after the "k": "three k five" is 3.5 kHz,
# "2k4" is 2.4 kHz (a digit, or a number word under ten, either side).
_DIGIT = rf"(?:\d|{'|'.join(k for k in ONES if k != 'oh')})"
_K_DECIMAL = re.compile(rf"\b({_DIGIT}|1\d) ?k ?({_DIGIT})\b(?! (?:hundred|thousand)\b)")


def k_decimal(text: str) -> str:
    """ "three k five" -> "three point five k", "3k5" -> "3.5 k"."""

    def said(m: re.Match[str]) -> str:
        return f"{m[1]}.{m[2]} k" if m[1].isdigit() and m[2].isdigit() else f"{m[1]} point {m[2]} k"

    return _K_DECIMAL.sub(said, text)


def _and_fraction(tokens: list[str], j: int, value: float) -> tuple[float, int]:
    """ "two and a half", "one and a quarter", "one and three quarters"."""
    if j < len(tokens) and tokens[j] == "and" and j + 1 < len(tokens):
        rest = _fraction(tokens, j + 1)
        if rest is not None and rest[0] < 1:
            return _scaled(tokens, rest[1], value + rest[0])
    return value, j


def _scaled(tokens: list[str], j: int, value: float) -> tuple[float, int]:
    """A number with a part after it, then its scale: "two and a half thousand" (2,500), as
    "two point five thousand"."""
    if j < len(tokens) and tokens[j] in SCALES and value < 100:
        return value * SCALES[tokens[j]], j + 1
    return value, j


def _in_number_context(tokens: list[str], i: int) -> bool:
    # "oh" is a digit only after "point" or another digit ("two point oh").
    return i > 0 and (tokens[i - 1] == "point" or tokens[i - 1] in ONES)


def as_said(value: float) -> float:
    """A value as a call gives it: 300.0 is 300."""
    return int(value) if value == int(value) else value


def find_numbers(tokens: list[str]) -> list[NumberSpan]:
    """All numbers in ``tokens``, left to right, each with its token span."""
    spans: list[NumberSpan] = []
    i = 0
    n = len(tokens)
    while i < n:
        sign = 1.0
        start = i
        j = i
        if tokens[i] in NEGATIVE and i + 1 < n:
            sign = -1.0
            j = i + 1
        got = _read(tokens, j)
        if got is None:
            i += 1
            continue
        value, end = got
        spans.append(NumberSpan(start, end, sign * value))
        i = end
    return spans


def ranges_as_either(tokens: list[str]) -> list[str]:
    """ "three to five more decibels": a range said with "to" read as "three or five", so the
    "to" sets nothing ("more" still steps). A ratio ("8 to 1") and a value set from another
    ("from 200 to 300") stay as said."""
    spans = find_numbers(tokens)
    out = list(tokens)
    for left, right in itertools.pairwise(spans):
        between = tokens[left.end : right.start]
        after_from = left.start > 0 and tokens[left.start - 1] == "from"
        if between == ["to"] and right.value > left.value and right.value != 1 and not after_from:
            out[left.end] = "or"
    return out


def number_across(left: list[str], joint: list[str], right: list[str]) -> bool:
    """A number read across a joint between two parts: "five hundred and twenty", "two and a half"."""
    cut = len(left)
    return any(s.start < cut and s.end > cut + len(joint) for s in find_numbers([*left, *joint, *right]))
