"""What a change is for, said after it: "bit more reverb on me for the candlelit slow-jams
hour", "add an echo on my voice for the announcer bit when the match kicks off", "add a short
delay for the big reveal slide, then we'll take it off". An assistant embedded in another app
hears its app's occasions named (corpus13, session 35); their words ask nothing of the sound
("slow" is not the reverb's decay, a match kicking off takes nothing off), so they are left
unread where they name no effect, parameter or number.

``transcript`` is the turn as said, its commas kept.
"""

from __future__ import annotations

import re

from voicertc.assistant import lexicon as lx
from voicertc.assistant.addressee import after_opening
from voicertc.assistant.numbers import find_numbers
from voicertc.assistant.words import tokens

# The occasion, said last: "for the ending credits", "during my bedtime story".
_FOR = re.compile(
    r"\s(?:for|during) (?:the|my|our|this|that|a|an|tonight's|today's|tonights|todays) [^,;.!?]*"
    r"(?:[,;]\s*(?:when|while|once|as) [^,;.!?]*)?[.!?]?\s*$",
    re.IGNORECASE,
)
# What the caller is busy with meanwhile, said last (corpus14): "stick some reverb on me while I
# pot these up" (the pots go up, not the reverb).
_WHILE = re.compile(r"\s(?:while|whilst) (?:i|i'm|im|we|we're|were) [^,;.!?]*[.!?]?\s*$", re.IGNORECASE)
# A later plan after the order: ", then we'll take it off" (not asked now).
_LATER = re.compile(r",\s*then (?:we'll|we will|i'll|i will|you can) [^,;.!?]*[.!?]?\s*$", re.IGNORECASE)

# An effect named in what is left; a room is a place people are in too ("we need a bigger room
# for the party": the party says so).
_NAMED = lx.NAMING_WORDS - {"room", "space", "hall", "spacious", "ambience", "ambiance"}
_OWN = frozenset("me my myself".split())
_SOUND = lx.NAMING_WORDS | lx.PARAM_WORDS | frozenset(lx.PARAM_SYNONYMS) | {"voice", "vocals", "mic", "sound"}


# The occasion said first, then the order: "for the Dalek bit in today's lesson, add distortion".
_FIRST = re.compile(
    r"^\s*(?:for|during) (?:the|my|our|this|a|an|today's|tonight's|todays|tonights) [^,;.!?]*[,;]\s*(?=\S)",
    re.IGNORECASE,
)


def _order_after(text: str) -> str:
    first = _FIRST.match(text)
    if first is None:
        return text
    rest = tokens(text[first.end() :])
    opening = next(iter(after_opening(rest)), "")
    return text[first.end() :] if opening in lx.IMPERATIVES and not _NAMED.isdisjoint(rest) else text


def unoccasioned(transcript: str) -> str:
    """``transcript`` less a later plan, the occasion said first before an order naming an
    effect, and the occasion (or what the caller is busy with) said last, where its clause
    names an effect and the occasion names no effect, parameter or number."""
    text = _order_after(_LATER.sub("", transcript))
    # (what the caller does meanwhile may follow an order of their own sound: "turn me up while
    # I sing the chorus"; an occasion only one that names the effect)
    for said_last, naming in ((_WHILE, _NAMED | _OWN), (_FOR, _NAMED)):
        occasion = said_last.search(text)
        if occasion is not None:
            text = _unread(text, occasion, naming)
    return text


def _unread(text: str, occasion: re.Match[str], naming: frozenset[str]) -> str:
    # (in the clause that names the effect: "..., it's too slow for my commentary" is a reason)
    said, rest = tokens(occasion.group(0)), tokens(re.split(r"[,;]", text[: occasion.start()])[-1])
    if _SOUND.intersection(said) or find_numbers(said) or naming.isdisjoint(rest):
        return text
    return text[: occasion.start()]
