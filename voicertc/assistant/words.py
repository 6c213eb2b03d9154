"""The token list the dialogue's rules read, from a transcript or typed text.

Recognisers write lower-case words with numbers spelled out and sometimes the wrong word;
people type digits, symbols and typos. Both become one token list (``normalize``), and
keywords misheard or misspelt are mapped to the nearest known one (``correct``), but never
a real English word that only looks like one (``lexicon.REAL_WORDS``).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable

from voicertc.assistant import descriptions, homophones, misheard, nicknames, numbers
from voicertc.assistant import lexicon as lx
from voicertc.assistant.numbers import NUMBER_WORDS

_BEFORE_EVENT = "for|the|a|at|before|after|till|until|by|from"
_EVENT_VERBS = "kick|lift|take|tip|face|play|send|sign|lay|stand|spin|trade|write|show"


def normalize(text: str) -> list[str]:
    """Lower-case word tokens with digits split from units ("300ms" -> "300 ms")."""
    s = misheard.text(text).lower().replace("%", " percent ").replace("’", "'")
    s = re.sub(r"(?<=\d),(?=\d{3}\b)", "", s)  # Whisper writes "2,500 hertz"
    # Whisper writes the noun "cutoff" as "cut off" or "cut-off" ("Raise the low pass cut
    # off."), with a comma where the speaker paused ("the high pass, cut off at ..."): after
    # a filter or an article it is the noun, not the verb that removes.
    s = re.sub(r"\b(pass|filter|the|its|that)[\s,]+cut[\s-]+off\b", r"\1 cutoff", s)
    # An event named by a verb and "off" ("ready for kick-off", "before the play-offs") is one
    # noun, not an order to take something off.
    s = re.sub(rf"\b({_BEFORE_EVENT})[\s,]+({_EVENT_VERBS})[\s-]+off(s?)\b", r"\1 \2off\3", s)
    s = numbers.written_fractions(s)  # "3/4 of a second" -> "three quarters of a second"
    s = numbers.unit_and_a_half(s)
    s = numbers.k_decimal(s)
    s = re.sub(r"(?<![\w.])\.(?=\d)", "0.", s)  # ".5 seconds": a decimal point, not a full stop
    s = re.sub(r"\bq(?=\d)", "q ", s)  # "the high pass Q3": a parameter letter glued to its value
    # "down a dB", "up a decibel", "high cut up a k": one
    s = re.sub(
        r"\b(up|down|by|another) an? (db|decibel|dee bee|k|khz|kilohertz|millisecond|ms)\b", r"\1 one \2", s
    )
    s = re.sub(r"\b(one|two|three|a|\d+) full (seconds?)\b", r"\1 \2", s)  # "to one full second"
    # "knock one single decibel off"
    s = re.sub(r"\b(?:one|a) single (db|decibel|millisecond|second|hertz)\b", r"one \1", s)
    s = re.sub(r"\bgain reduction\b", "compression", s)  # the compressor's, not the gain's
    # (session 47, tune27) "let each echo feed back ten percent into the next": its feedback; "low
    # pass, I want the cut at two thousand five hundred": its cutoff
    s = re.sub(r"\b(echo|echoes|repeat|repeats|delay) (?:feeds?|feeding) back\b", r"\1 feedback", s)
    s = re.sub(
        r"\bthe cut (at|to) (?=\d|one|two|three|four|five|six|seven|eight|nine|ten|a hundred)",
        r"the cutoff \1 ",
        s,
    )
    s = re.sub(r"\bpre[\s-]+delay\b", "predelay", s)  # a reverb's setting, not the delay effect
    s = re.sub(r"\b(in|into) (half|double)[\s-]+time\b", r"\1 \2time", s)  # a song's feel: "in half-time"
    s = re.sub(r"\b(?:all|every (?:single )?one|each one) of (the|my|those) effects\b", r"all \1 effects", s)
    s = re.sub(r"\bnah\b", "no", s)  # "nah, shorter": a correction
    s = re.sub(r"\b(?:filters and effects|effects and filters)\b", "effects", s)  # all of them, not a filter
    # (session 50, tune29) The mix said as how wet, of an effect that has one: "reverb completely wet"
    # (not "I got all wet"); a setting put "in the middle" as the last words: halfway (not "in the
    # middle of the chain", nor "thin in the middle")
    if _WET_MIXED.search(s):
        s = _ALL_WET.sub("mix at 100 percent", s)
    s = _IN_THE_MIDDLE.sub(r"\1 halfway", s)
    s = re.sub(rf"\bdrive[\s-]+time (?={_SLOTS})", "drivetime ", s)  # a radio slot, not the distortion
    s = _TO_MATCH.sub("", s)  # "bring me down to match him": why, not a value
    s = _OUTER_SPACE.sub("outerspace ", s)  # "for the kids' space story set the echo to thirty percent"
    # A setting sent "to nothing" is zero; a single echo asked for is no feedback ("only one single
    # echo"; not "I only hear one echo").
    s = re.sub(r"\b(feedback|mix|drive|wet|regen) (to|at) nothing\b", r"\1 \2 zero", s)
    if "feedback" not in s:
        s = _ONE_ECHO.sub("feedback to zero", s)
    # A ratio written "4:1", or "1:4" as some say it: "four to one" (a time such as "2:30" is left)
    s = re.sub(r"\b(\d+(?:\.\d+)?)\s*:\s*1\b", r"\1 to 1", s)
    s = re.sub(r"\b1\s*:\s*(\d+(?:\.\d+)?)\b", r"\1 to 1", s)
    s = re.sub(r"\bcolon (?:for|fore)\b", "colon four", s)  # as Whisper hears "1:4" said
    s = re.sub(r"\b(?:one|1) colon (\w+)|\b(\w+) colon (?:one|1)\b", lambda m: f"{m[1] or m[2]} to one", s)
    # Letters spelled out ("L.P.F.", "H-P-F") and words hyphenated ("over-drive", "re-set",
    # "echo-y"): one word, where that word is known.
    s = re.sub(r"\b[a-z](?:[.-][a-z]\b)+\.?", lambda m: _joined(m.group(0).replace(".", "-")), s)
    s = re.sub(r"\b[a-z]+(?:-[a-z]+)+\b", lambda m: _joined(m.group(0)), s)
    s = re.sub(r"(?<![\w.])-(?=\d)", " minus ", s)
    s = re.sub(r"(\d)([a-z])", r"\1 \2", s)
    s = re.sub(r"[^a-z0-9.' ]+", " ", s)
    s = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", s)  # keep only decimal points
    # An effect's name before "'s" (its possessive, or "is" or "has") stays its name: "the high cut's
    # default", "the low cut's too high" (not "cuts", which names nothing).
    s = re.sub(
        r"\b(cut|pass|filter|compressor|limiter|gain|volume|level|fuzz|distortion|overdrive)'s\b", r"\1", s
    )
    s = re.sub(
        r"\b(gain|level|levels)((?: is| are)?(?: a bit| a little| a tad| too| way too| quite)?) hot\b",
        r"\1\2 loud",
        s,
    )
    s = s.replace("'", "")  # "what's" -> "whats", as the lexicon spells it
    return s.split()


_COUNTED = "|".join(sorted(numbers.NUMBER_WORDS - {"point"}))
_POINTS = re.compile(
    r"\b((?:add|take|knock|shave|give|put|drop|pull|cut|throw|bump|push|another) "
    rf"(?:\d+|(?:(?:{_COUNTED})[ -]?)+)) points (of|off|to|on|more|less)\b"
)
# An amount said signed is a step ("overdrive plus twenty five", as "minus ten" already is):
# these amounts are never below zero, unlike a level or a threshold in dB ("gain plus three").
_PLUS = re.compile(
    rf"\b(overdrive|drive|distortion|fuzz|crunch|reverb|verb|echo|delay|wet|mix|feedback) plus "
    rf"(?=\d|(?:{_COUNTED})\b)"
)
# "Drive" moved by a step is the distortion's (session 43, tune21: "drive up a notch"), where
# "drive" alone is too common a word to name it ("drive up a hill").
_DRIVE_STEPPED = re.compile(r"(?<!\bthe) drive (up|down) a (notch|bit|touch|tad|little|hair|smidge) ")
# ... or sent to its end (session 50, tune30: "for the demon's final line, drive to the max")
_DRIVE_MAXED = re.compile(r"(?<!\bthe) drive (to|at) (the max|the maximum|max|full) ")
# Late, of a thing in the world: "my flight's delayed again", "the timing's delayed by a couple of
# degrees" (not the sound's: "the echoes delayed", "my voice is delayed").
_LATE = re.compile(
    r" (?!(?:echoes|repeats|vocals|its|voice|mic|sound|me|signal|audio)\b)"
    r"(\w+s|is|are|was|were|been) delayed "
)

# (session 48, tune28) A thing wished gone is one to get rid of: "I want the top end gone like a
# kitchen radio" cuts the highs (as "get rid of the top end" does), not the low pass.
_WANTED_GONE = re.compile(r" (?:i want|i need|id like|i would like|we want|i wanna) (the|that|all the|this)"
                          r" ((?:[a-z]+ ){1,3}?)gone ")  # fmt: skip


_WET_MIXED = re.compile(r"\b(?:reverb|verb|delay|echo|echoes|repeats)\b")
_ALL_WET = re.compile(r"\b(?:fully|completely|totally|entirely|all|100 percent|a hundred percent) wet\b")
_ONE_ECHO = re.compile(r"\b(?:only|just) (?:one|a) (?:single )?(?:echo|repeat|bounce)\b")
_TO_MATCH = re.compile(r",? (?:so as )?to match (?:him|her|them|it|everyone|everybody"
                       r"|(?:the|my|his|her|their) \w+)(?=[\s.!?]*$)")  # fmt: skip
_OUTER_SPACE = re.compile(r"\bspace (?=(?:story|stories|station|ship|ships|opera|movie|film|game|adventure|"
                          r"mission|alien|aliens|robot|captain|theme|scene|age|race)\b)")  # fmt: skip
_SLOTS = "show|slot|radio|programme|program|traffic|listeners|audience|crowd|segment|commute|hours?"
_IN_THE_MIDDLE = re.compile(
    r"\b((?:put|set|turn|dial|bring|move|leave) (?:the |my |its )?(?:[a-z]+ ){1,2})in the middle"
    r"(?= *(?:please)?[.!?,]*$| of (?:its|the) range)"
)


def _joined(hyphenated: str) -> str:
    word = hyphenated.strip("-").replace("-", "")
    return word if word in lx.KNOWN or word in descriptions.KEEP_SPELLING else hyphenated


def near_keyword(token: str) -> str | None:
    """The keyword an unknown word of 4 letters or more is a near miss of, if any.

    Real English words are not excluded here (``correct`` does that with
    ``lexicon.REAL_WORDS``): scripts/real_words.py lists them with this very test.
    """
    if len(token) < 4 or token in lx.KNOWN or token in NUMBER_WORDS:
        return None
    close = difflib.get_close_matches(token, _within_reach(len(token)), n=1, cutoff=0.8)
    return close[0] if close else None


@functools.cache
def _within_reach(length: int) -> list[str]:
    """The keywords whose length lets them reach a ratio of 0.8 with a word of ``length``
    (difflib's own length test, done once a length instead of once a keyword: the same
    matches, a third of the cost of reading a sentence)."""
    return [k for k in lx.KEYWORDS if 2 * min(length, len(k)) >= 0.8 * (length + len(k))]


def correct(tokens: list[str]) -> list[str]:
    """Maps misspelt or misheard keywords to the nearest known one."""
    text = " " + " ".join(tokens) + " "
    for heard, meant in misheard.PHRASES:
        text = text.replace(f" {heard} ", f" {meant} ")
    # Points of a percentage are a step: "add twenty points of wet", "fifteen points off the drive"
    text = _POINTS.sub(
        lambda m: f"{m[1]} percent {'more ' if m[2] in ('of', 'to', 'on') else ''}{m[2]}", text
    )
    text = _LATE.sub(r" \1 late ", _PLUS.sub(r"\1 up ", _WANTED_GONE.sub(r" get rid of \1 \2", text)))
    text = _DRIVE_MAXED.sub(r" the drive \1 \2 ", _DRIVE_STEPPED.sub(r" the drive \1 a \2 ", text))
    tokens = homophones.bass(text.split())  # "less base": the band, as Whisper spells it
    tokens = _below_zero(nicknames.named(misheard.tokens(tokens)))  # "the church sound": the reverb
    out: list[str] = []
    for i, tok in enumerate(tokens):
        if tok in lx.HOMOPHONE_NUMBERS and i + 1 < len(tokens) and tokens[i + 1] in lx.UNIT_HEADS:
            if i == 0 or (tokens[i - 1] not in NUMBER_WORDS and not tokens[i - 1][:1].isdigit()):
                out.append(lx.HOMOPHONE_NUMBERS[tok])  # "turn it up by for decibels"
                continue
        if tok in ("2", "two") and tokens[i + 1 : i + 2] and _too_what(tokens[i + 1]):
            out.append("too")  # typed: "the reverb is 2 loud"; heard: "two subtle"
            continue
        fixed = lx.MISHEARD.get(tok)
        if fixed is None and tok not in lx.REAL_WORDS and tok not in descriptions.KEEP_SPELLING:
            fixed = near_keyword(tok)
        out.extend((fixed or tok).split())
    return out


# Adverbs in "-ly" a count comes before ("two only", "two early", "two daily"); before any other
# one "two" is "too" (session 50, heard: "it's grabbing two abruptly").
_COUNTED_LY = frozenset("only early daily weekly monthly yearly nightly hourly likely".split())


def _too_what(word: str) -> bool:
    return word in lx.TOO_WORDS or (word.endswith("ly") and len(word) > 4 and word not in _COUNTED_LY)


def _below_zero(tokens: list[str]) -> list[str]:
    """ "threshold twenty five below zero", "ten dB under zero": minus that many (session 47, tune27)."""
    for at in range(1, len(tokens) - 1):
        if tokens[at : at + 2] not in (["below", "zero"], ["under", "zero"]):
            continue
        end = at - (tokens[at - 1] in ("db", "decibel", "decibels"))
        said = [s for s in numbers.find_numbers(tokens[:end]) if s.end == end and s.value > 0]
        if said:
            return [*tokens[: said[0].start], "minus", *tokens[said[0].start : at], *tokens[at + 2 :]]
    return tokens


def tokens(text: str) -> list[str]:
    """The token list the rules (and the learned model) read: normalised, misheard
    keywords corrected."""
    return correct(normalize(text))


def blank(text: str, phrases: Iterable[str]) -> str:
    """``text`` (padded with spaces) with each of ``phrases`` replaced by " _ ", longest first."""
    for p in sorted(phrases, key=len, reverse=True):
        text = text.replace(f" {p} ", " _ ")
    return text
