"""A value said in the story of a turn and then pointed at by its order: "I always run the level a
little hot, seven point five decibels, so please set the gain to that"; "most of them say minus
eighteen decibels is a sensible threshold, so set the compressor threshold there".

Long turns give the number first, as something heard or advised, and the order last. The order
read alone has no value; the one value said before it, with its unit, is put where it points.
Corpus26's tune side (session 46) is where these were read.
"""

from __future__ import annotations

import re

from voicertc.assistant.numbers import find_numbers
from voicertc.assistant.values import unit_words, value
from voicertc.assistant.words import tokens

# An order that points at a value instead of saying it: "set the gain to that", "put the threshold
# there", "make it that"; the pointer ends its clause ("..., so set it to that before I start").
POINTED = re.compile(
    r"\b(?:set|put|make|bring|take|move|change|drop|raise|lower|turn|try)\b[^,.;!?]*?"
    r"\b(?P<pointer>(?:to|at) (?:that|this)(?: value| number| level| setting)?|there)\b"
    r"(?=\s*(?:[,.;!?]|$|please\b|before\b|and\b|then\b|for\b))",
    re.IGNORECASE,
)


def brought(text: str) -> str:
    """``text`` with its order's pointer replaced by the one value (and unit) said before it;
    ``text`` itself when there is no such order, or not exactly one value with a unit before it."""
    order = POINTED.search(text)
    if order is None or find_numbers(tokens(text[order.start() : order.end()])):
        return text
    # the value said right after the pointer ("put it at that, one point two"); one later is of
    # something else ("..., before I start chapter twelve")
    if any(n.start == 0 for n in find_numbers(tokens(text[order.end() :]))):
        return text
    words = tokens(text[: order.start()])
    numbers = find_numbers(words)
    said = value(words, numbers)
    if said is None or said[1] is None or len(numbers) != 1:
        return text
    span, _ = said
    phrase = " ".join(words[span.start : span.end + len(unit_words(words, span.end))])
    at = "at" if order["pointer"].lower().startswith("at") else "to"
    return f"{text[: order.start('pointer')]}{at} {phrase}{text[order.end('pointer') :]}"
