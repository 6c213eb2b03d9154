"""Tags and particles that close a clause in many Englishes (corpus15's callers from
Singapore, Malaysia, Nigeria, Ghana, the Philippines ...): "reduce a bit, can?", "can add the
fuzz or not?", "too loud already lah", "it's too loud o", "clearer on top po". They ask for
agreement or soften the order; none of them changes what the clause asks, and read as words
they are taken for others ("or not" for a refusal, "can" for a question about the can).
"""

from __future__ import annotations

import re

# Tags read the same without a question mark, as a recogniser often writes them ("can
# control or not."); not after "whether" or "if", where "or not" is the choice asked.
_BARE = "can or not|or not"

# A question tag said after an order, with its question mark and a comma before it: "add more
# reverb, no?" (not the question itself: "what band is it?"); "can" and "or not" with no
# comma too, as Singaporeans and Malaysians say them ("reduce a bit can?").
_ASKED = "no|eh|isn't it|is it|right|okay|ok|yeah|innit|abi|not so|can you"
_ASKED_BARE = f"{_BARE}|can"

# Particles that soften a clause's end: Singlish and Malaysian "lah", "leh", "lor", Nigerian
# "o", "sha", Filipino "po".
_PARTICLES = "lah|leh|lor|meh|hor|o|sha|po"

_QUESTION_TAG = re.compile(rf"(?:,\s*(?:{_ASKED}|{_ASKED_BARE})|\s+(?:{_ASKED_BARE}))\s*\?", re.IGNORECASE)
_BARE_TAG = re.compile(rf"(?:,\s*|\s+)(?:{_BARE})\s*(?=[,;.!]|$)", re.IGNORECASE)
_CHOICE = re.compile(r"\b(?:whether|if)\b", re.IGNORECASE)
# "can" closing an order with no question mark: "low pass back to default, can" (never after
# a pronoun, "as loud as you can", nor as a thing, "I sound like I'm in a tin can").
_NOT_BEFORE_CAN = (
    "you i we they it that this someone a an the my your his her our their tin trash garbage "
    "watering beer paint soup soda oil spray petrol jerry"
).split()
_FINAL_CAN = re.compile(
    "".join(rf"(?<!\b{word})" for word in _NOT_BEFORE_CAN) + r",?\s+can\s*(?=[.!]?\s*$)",
    re.IGNORECASE,
)
_PARTICLE = re.compile(rf"(?<=\w)\s*,?\s+(?:{_PARTICLES})\b(?=\s*(?:[,;.!?]|$))", re.IGNORECASE)


# A degree said after a plain adjective an order makes, as West African and Indian callers say
# it: "make my voice loud small", "make it low a bit" (a comparative, a little; not "my voice is
# soft a bit", a complaint).
_COMPARATIVES = {"loud": "louder", "soft": "softer", "quiet": "quieter", "low": "lower", "high": "higher"}
_DEGREE_AFTER = re.compile(
    rf"(\b(?:make|put|set|keep|get)\b[^,;.!?]*?)\b({'|'.join(_COMPARATIVES)}) "
    r"(?:small small|small|a little bit|a bit|a little)\b",
    re.IGNORECASE,
)


def untagged(text: str) -> str:
    """``text`` without the tags and particles that close its clauses (a question mark kept
    where a tag had one, so its sentences still split there), a degree after a plain
    adjective said as its comparative."""
    text = _DEGREE_AFTER.sub(lambda m: f"{m[1]}{_COMPARATIVES[m[2].lower()]} a bit", text)
    text = _QUESTION_TAG.sub("?", text)
    text = _BARE_TAG.sub(lambda m: m[0] if _CHOICE.search(_clause_before(m.string, m.start())) else "", text)
    text = _FINAL_CAN.sub("", text)
    return _PARTICLE.sub("", text)


def _clause_before(text: str, end: int) -> str:
    return re.split(r"[,;.!?]", text[:end])[-1]
