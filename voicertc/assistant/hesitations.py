"""Hesitations said around a request, dropped or said once before it is read: asides ("hold
up, add echo"), fillers said as clauses of their own ("um, the reverb's, like, too wet"),
restarts ("reset, um, reset the verb"), hedges inside a phrase ("the sparkle's kind of gone").
``corrections`` resolves what the speaker fixed; these ask for nothing and change nothing.
"""

from __future__ import annotations

import re

from voicertc.assistant import lexicon as lx
from voicertc.assistant.dialogue import tokens
from voicertc.assistant.numbers import find_numbers

SOFT = r"(?:ah|oh|uh|uhh|um|umm|uhm|er|erm|hmm|oops|whoops|ugh|eh)\b"
ARTICLES = frozenset("the a an some".split())
# Words no sentence ends with: a part ending in one was cut off ("raise the, no, ...").
HANGING = ARTICLES | frozenset("to at by on of my".split())


# A pause asked for between pauses, no request: "hold up, add echo", "today is, one sec, turn
# my mic up" (its "one sec" is no delay time).
ASIDE = re.compile(
    r"(?:^|(?<=[,;.!?]))\s*(?:(?:hold up|hold on|hang on)(?: (?:a|one) (?:sec|second|moment|minute))?"
    r"|(?:(?:just|give me|gimme|wait) )?(?:a|one|1) (?:sec|moment|minute)"
    r"|(?:just|give me|gimme|wait) (?:a|one|1) second)(?: (?:chat|guys|folks|everyone|yall|people))?"
    r"\s*(?:[,;.!?]+|$)",
    re.IGNORECASE,
)


# A hesitation said as a clause of its own: "um, the reverb's, like, a bit too wet", "er, what's it
# called, the bass cut" (not "I mean", which corrects).
FILLER_CLAUSE = re.compile(
    rf"(?:^|(?<=[,;.!?]))\s*(?:(?:{SOFT}|like|you know|kind of|sort of|what'?s it called|what do you call it"
    r"|what'?s the word)\s*)+(?:[,;.!?]+|$)",
    re.IGNORECASE,
)


# A restart: words said again after a break or a filler ("reset, um, reset the verb", "switch on
# the, the volume boost", "make the the echo quieter"): said once (numbers are left as said).
SAID_AGAIN = re.compile(
    rf"\b(?P<said>[a-z']+(?: [a-z']+){{0,3}})[\s,;-]+(?:(?:{SOFT}|like|you know)[\s,;-]+)*(?P=said)\b"
    r"(?= [a-z])",  # (more said after it: "knock knock, who's there", "testing, testing" are no restarts)
    re.IGNORECASE,
)


def _once(match: re.Match[str]) -> str:
    """The words once where they were broken off and said again: at a clause's start, left
    hanging ("the, the"), or said twice with no break ("make the make the delay longer"); not
    where a clause ended on them ("reverb up, up the delay")."""
    said, whole = match.group("said"), match.group(0)
    opening = (
        not match.string[: match.start()].strip() or match.string[: match.start()].rstrip()[-1] in ",;.!?"
    )
    broken = opening or said.split()[-1].lower() in HANGING or not re.search(r"[,;-]", whole[len(said) :])
    return said if broken and not find_numbers(tokens(said)) else whole


# A hedge inside a phrase: "the sparkle's kind of gone", "it's sort of rumbly" (not a kind of
# thing: "what kind of reverb", "a sort of echo").
HEDGE = re.compile(r"\b(?:kind of|sort of|kinda|sorta)\s+", re.IGNORECASE)
_KIND_OF = frozenset("what which a an the this that any some every each no one same other".split())


def unhedged(text: str) -> str:
    """``text`` without hedges inside its phrases."""

    def drop(match: re.Match[str]) -> str:
        before = text[: match.start()].split()[-1:]
        after = tokens(text[match.end() :])[:1]
        kind = before and before[0].lower() in _KIND_OF
        named = after and _named(after)
        return match.group(0) if kind or named else ""

    return HEDGE.sub(drop, text)


def without_asides(text: str) -> str:
    return ASIDE.sub(" ", text)


def said_once(text: str) -> str:
    """``text`` with words broken off and said again said once."""
    return SAID_AGAIN.sub(_once, text)


def without_fillers(text: str) -> str:
    """``text`` without fillers said as clauses of their own."""
    return re.sub(r"\s{2,}", " ", FILLER_CLAUSE.sub(" ", text)).strip() or text


def _named(words: list[str]) -> bool:
    return bool(words) and words[0] in lx.ONE_WORD_NAMES
