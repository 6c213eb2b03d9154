"""Command words Whisper heard badly and wrote as other words, read back where only the
command can be meant.

Each reading needs the words around it to say it is about the sound: "slap back" is the
delay only before what a slapback is ("a slap back echo", "that slap back thing"), not
in "slap back at the critics"; "key" is a filter's Q only as "the key of the low pass",
not "the key of the song". Written from tune3's spoken misses (docs/speech.md, session
15), each as a kind of mishearing, tested on sentences of their own
(``tests/unit/assistant/test_misheard.py``).

``text`` works on the transcript as written (it needs the commas), ``tokens`` on
``words.normalize`` output.
"""

from __future__ import annotations

import re

from voicertc.assistant.numbers import ONES, TEENS, TENS

# A vocative at the end, after a comma, written as the commoner word: "turn me up, made."
_VOCATIVE = re.compile(r",\s*made(?=[.!?]*\s*$)", re.IGNORECASE)


def text(transcript: str) -> str:
    """The transcript with the mishearings only its punctuation shows read back."""
    return _VOCATIVE.sub(", mate", transcript)


# "fifteen hundred" written "fifty hundred": nobody says tens before "hundred" (they say
# "five thousand"), and Whisper often writes "-teen" as "-ty".
_TEEN_OF = {tens: next(t for t, v in TEENS.items() if v == value // 10 + 10) for tens, value in TENS.items()
            if value >= 30}  # fmt: skip

# What may follow "slap back" when it names the effect, and what may come before it.
_SLAPBACK_AFTER = frozenset("echo echoes delay delays thing effect sound style on".split())
_SLAPBACK_BEFORE = frozenset("a the that some more less".split())

_FILTERS = (["low", "pass"], ["high", "pass"], ["lowpass"], ["highpass"], ["low", "cut"], ["high", "cut"])
_COUNTS = frozenset({*ONES, *TEENS, *TENS, "half"})
_K_AFTER = (["hertz"], ["hz"], ["please"])


def _is_count(before: list[str]) -> bool:
    return bool(before) and (before[0] in _COUNTS or before[0][:1].isdigit())


def _filter_at(tokens: list[str], i: int) -> bool:
    return any(tokens[i : i + len(f)] == f for f in _FILTERS)


def _names_filter(tokens: list[str]) -> bool:
    return any(_filter_at(tokens, i) for i in range(len(tokens)))


def tokens(toks: list[str]) -> list[str]:
    """``toks`` with misheard command words read back where the sentence is about sound."""
    out = list(toks)
    named = _names_filter(toks)
    for i, tok in enumerate(toks):
        before, after = toks[i - 1 : i] if i else [], toks[i + 1 : i + 2]
        if tok in _TEEN_OF and after == ["hundred"]:
            out[i] = _TEEN_OF[tok]
        elif tok == "hand" and _is_count(before) and toks[i + 1 : i + 3] in (["a", "half"], ["a", "quarter"]):
            out[i] = "and"  # "one hand a half dB"
        elif tok == "for" and before == ["half"] and toks[i + 1 : i + 2] in (["second"], ["a"]):
            out[i] = "a" if after == ["second"] else ""  # "half for second", "half for a second"
        elif tok == "plane" and after and after[0] in ("voice", "sound"):
            out[i] = "plain"  # "my plane voice back": an aircraft has no voice
        elif tok == "slap" and after == ["back"] and (
            _SLAPBACK_AFTER.intersection(toks[i + 2 : i + 3]) or _SLAPBACK_BEFORE.intersection(before)
        ):
            out[i], out[i + 1] = "slapback", ""
        elif tok == "key" and named:
            # "the key of the low pass": its Q; "an extra half key", "twelve key": kilohertz.
            of_filter = after and after[0] in ("of", "on", "for") and toks[i + 2 : i + 3] == ["the"]
            if of_filter and _filter_at(toks, i + 3):
                out[i] = "q"
            elif _is_count(before) and after in ([], *_K_AFTER):
                out[i] = "k"
    return [t for t in out if t]
