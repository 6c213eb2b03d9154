"""Self-corrections inside one sentence: "add delay, no wait, the reverb".

People fix a slip as they speak: "Put the distortion, ah sorry, the echo on", "Raise the,
no, lower the volume", "Set the ratio to eight, no, three", "Move the low pass up, wait,
down". Read as several requests, both halves would be made; only the corrected one is
meant. ``corrected`` rewrites such a sentence into the request meant, taking what the
correction leaves out (the verb, the effect, the value's parameter) from the part it
corrects, and leaves every other sentence as it was.

A marker ("no", "no wait", "sorry", "I meant", "actually", "rather", "not the compressor")
must stand between two parts, after a pause (a comma) or as words no request holds ("no
wait", "I meant"). "No" must be followed by a pause or another marker: "add delay, no
reverb" removes the reverb, and "no more delay" is a removal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from voicertc.assistant import hesitations, pointed_values, withdrawals
from voicertc.assistant import lexicon as lx
from voicertc.assistant.dialogue import APPLY, ToolCall, tokens, understand
from voicertc.assistant.numbers import ONES, TEENS, TENS, find_numbers

_SOFT = hesitations.SOFT
# The wrong thing said, or its direction: "wrong way, down", "the other way round, lower it".
_WRONG = (
    r"(?:(?:the )?wrong (?:word|way|one|effect|thing|knob|direction)|(?:the )?other way(?: round| around)?"
    r"|the opposite|not that(?: one)?(?=\s*[,;.!-])|never ?mind (?:the|that|my) [a-z]+"
    r"|i was (?:talking|thinking) about (?:the |my )?[a-z]+)"
)
_FLIPPED = re.compile(r"wrong way|wrong direction|other way|opposite", re.IGNORECASE)
_WORD = (
    r"(?:or no+|no+|nope|wait|sorry(?!\s+(?:about|for)\b)|actually|rather|or rather|i mean|i meant|my bad"
    rf"|scratch that|hang on|{_WRONG})\b"
)  # ("sorry about that" apologises, it corrects nothing)
_NAMES = "|".join(
    sorted((re.escape(n) for names in lx.EFFECT_NAMES.values() for n in names), key=len, reverse=True)
)
# What was wrong with the part taken back, said between the marker and the fix: "no, too
# long, 350".
_JUDGED = (
    r"(?:(?:(?:thats|that's|that is|way|far|much) )?too [a-z]+"
    # ... or that it was the wrong one: "sorry, wrong word, louder", "no, the other way, closer"
    rf"|{_WRONG}|not (?:just )?(?:the |a |an |that )?(?:{_NAMES})"
    # ... or what it would do: "hang on, that'll run away, make it forty"
    r"|(?:that'll|thatll|that will|it'll|itll|it will|that would|it would) (?:[a-z]+ ){0,2}[a-z]+)"
    r"\b(?=\s*[,;.!-])"
)
# A run of markers, each maybe after a filler: ", ah sorry, ", ", wait, no, I meant ".
MARKER = re.compile(
    rf"(?P<lead>[,;.!?]\s*|\s+)(?:{_SOFT}[\s,]+)*"
    rf"(?P<words>{_WORD}(?:[\s,.;:!-]+(?:{_SOFT}|{_WORD}|{_JUDGED}))*)"
    r"(?P<pause>\s*[,;.!:-]+)?\s*(?=\S|$)",
    re.IGNORECASE,
)
# A value said again after a hesitation or a judgement: "high pass at 200, hmm, maybe 150",
# "set it to ninety, hmm, make it a hundred and ten", "delay at 400, that's too long, 300".
# Only a bare value may follow (``_first_fixed``): "add reverb, maybe some delay" asks for both.
RESTATED = re.compile(
    rf"(?P<lead>[,;]\s*)(?P<words>(?:(?:{_SOFT}|{_JUDGED}|or maybe|maybe|or|say|lets say|let's say)[\s,]+)+)",
    re.IGNORECASE,
)
# Markers that no request holds, so need no pause before them ("add delay no wait reverb").
STRONG = ("no wait", "wait no", "no sorry", "sorry no", "i meant", "or rather", "sorry i meant",
          "no i meant", "no i mean", "sorry i mean", "scratch that", "my bad")  # fmt: skip
# "not the compressor, the delay": the effect after "not" is the one corrected away.
NOT_THAT = re.compile(
    rf"(?P<lead>[,;]\s*|\s+)(?:{_SOFT}[\s,]+)*not (?:the |a |an |that |some |any )?(?:{_NAMES})\b"
    r"(?P<pause>\s*[,;]+)?\s*",
    re.IGNORECASE,
)
ARTICLE_NAME = re.compile(rf"(?:the|that|this) (?:{_NAMES})\b", re.IGNORECASE)
# Where the part before a correction begins, and the part after it ends.
_NUMBER_WORDS = "|".join((*ONES, *TEENS, *TENS))
# ("plus six" is a value: "set the gain to plus six, or no, plus four")
CLAUSE_END = re.compile(
    rf"[,;!?]|\.(?!\d)|\s(?:and then|and|then|plus(?!\s+(?:\d|(?:{_NUMBER_WORDS})\b)))\s", re.IGNORECASE
)
TRAILING_FILLER = re.compile(rf"(?:[\s,;]+(?:{_SOFT}|like|i|so))*[\s,;.]*$", re.IGNORECASE)
# A request taken back whole: "add reverb, no wait, forget it".
WITHDRAWN = frozenset({"never mind", "nevermind", "forget it", "forget that", "thats fine", "its fine",
                       "leave it", "dont", "dont bother", "nothing", "ignore that", "skip it"})  # fmt: skip
# What opens a corrected part without asking anything: "I meant the reverb", "make it three".
OPENERS = (("make", "it"), ("make", "that"), ("i", "mean"), ("i", "meant"), ("go", "with"), ("to",), ("at",))
# Words beside an effect's name that ask for nothing: "the echo instead", "some reverb on".
BARE = frozenset("a an the some bit of little touch tad please too also as well now just maybe its one "
                 "instead then on in".split())  # fmt: skip
ARTICLES = hesitations.ARTICLES
HANGING = hesitations.HANGING
PRONOUNS = frozenset("it that this them".split())
# A direction said alone corrects the one before it: "turn it up, no, down".
OPPOSITES = {"up": "down", "higher": "lower", "louder": "quieter", "more": "less", "raise": "lower",
             "increase": "decrease", "longer": "shorter", "faster": "slower", "brighter": "darker",
             "on": "off", "open": "close", "wider": "narrower", "bigger": "smaller"}  # fmt: skip
# How far, said after a direction alone: "no, down a bit".
DEGREE = frozenset("a bit little touch tad slightly please instead then more".split())
DIRECTIONS = {**OPPOSITES, **{b: a for a, b in OPPOSITES.items()}, "softer": "louder"}


# A hesitation inside a phrase, where no phrase ends: "reset the, um, reverb settings", "the drive
# at, like, seventy" (not before a correction: "kill the, um, no, not the echo").
HESITATION = re.compile(
    rf"\b(?P<open>the|a|an|at|to|my|some|of|on|with|by|your|this|more|less)\s*,\s*"
    rf"(?:(?:{_SOFT}|like|you know|kind of|sort of)\s*,?\s*)+"
    rf"(?!(?:{_SOFT}[\s,]+)*(?:{_WORD}|not|forget|never|cancel|scratch)\b)(?=\w)",
    re.IGNORECASE,
)


def corrected(text: str) -> str:
    """``text`` with each self-correction in it resolved; ``text`` itself when it holds none
    (or none whose corrected part reads as a request). Asides ("hold up,") and hesitations
    inside a phrase ("the, um, reverb") are dropped."""
    text = HESITATION.sub(r"\g<open> ", hesitations.without_asides(text)).strip() or text
    text = hesitations.said_once(hesitations.unhedged(text))
    if withdrawals.taken_back(text):
        return "leave it as it is"  # "turn the reverb up, actually, no, it can stay where it is"
    text = pointed_values.brought(text)  # "seven point five decibels, so set the gain to that"
    for _ in range(3):
        fixed = _first_fixed(text)
        if fixed is None:
            break
        text = fixed
    # (after the corrections, whose values may follow a filler: "forty, uh, make it forty five")
    return hesitations.without_fillers(text)


def _first_fixed(text: str) -> str | None:
    """``text`` with its first resolvable correction resolved, or None."""
    found = [*MARKER.finditer(text), *NOT_THAT.finditer(text), *RESTATED.finditer(text)]
    for match in sorted(found, key=lambda m: m.start()):
        if not _is_marker(match):
            continue
        before, after = text[: match.start()], text[match.end() :]
        after = _no_given_back(match) + after
        before = TRAILING_FILLER.sub("", before)
        cut = [m.end() for m in CLAUSE_END.finditer(before)]
        start = cut[-1] if cut else 0
        left = tokens(before[start:])
        end = CLAUSE_END.search(after)
        right_text = after[: end.start()] if end else after
        right = tokens(right_text)
        if not left:
            continue  # "No, add the reverb": nothing before it to correct
        if match.re is RESTATED and (_bare_value(_opened(right), left) is None or not find_numbers(left)):
            continue
        turned = _turned(left) if match.re is MARKER and _FLIPPED.search(match.group("words")) else None
        if turned is not None and (_effect_span(right) is None or _same_effect(right, turned)):
            return (before[:start] + " " + turned).strip() + (after[end.start() :] if end else "")
        if not right:
            if match.re is NOT_THAT:  # "add the delay, not the reverb": the reverb left alone
                return before + after
            continue
        if " ".join(right) in WITHDRAWN:  # "make it louder, no wait, never mind": nothing asked
            rest = _pointing_at(after[end.start() :], left) if end else ""
            return (before[:start] + " never mind").strip() + rest
        resolved = _resolved(left, right)
        if resolved is None and cut and find_numbers(left):
            # the part corrected began a clause earlier: "more fuzz, like ten percent more, no, fifteen"
            start = cut[-2] if len(cut) > 1 else 0
            resolved = _resolved(tokens(before[start:]), right)
        if resolved is not None:
            return (before[:start] + " " + resolved).strip() + (after[end.start() :] if end else "")
    return None


def _pointing_at(rest: str, left: list[str]) -> str:
    """``rest`` with its first "it" naming the effect ``left`` named: "make the compressor
    gentler, actually never mind, just take it out" takes the compressor out."""
    span = _effect_span(left)
    if span is None:
        return rest
    return re.sub(r"\b(?:it|them)\b", "the " + " ".join(left[span[0] : span[1]]), rest, count=1)


def _no_given_back(match: re.Match[str]) -> str:
    """ "less compression, no actually, no compression at all": a "no" ending a run of markers
    with no pause after it is the corrected part's own ("no compression"), not a marker."""
    if match.re is not MARKER or match.group("pause") is not None:
        return ""
    said = match.group("words")
    last = re.search(r"\b(no+|nope)\s*$", said, re.IGNORECASE)
    return f"{last.group(1)} " if last and said[: last.start()].strip() else ""


def _is_marker(match: re.Match[str]) -> bool:
    if match.re in (NOT_THAT, RESTATED):
        return True
    words = " ".join(re.findall(r"[a-z]+", match.group("words").lower()))
    # a filler before the marker is a pause too: "gain at minus eight uh actually make that twelve"
    hesitated = re.search(r"[a-z]", match.string[match.start() : match.start("words")].lower()) is not None
    paused = match.group("lead").strip() != "" or hesitated or any(f" {s} " in f" {words} " for s in STRONG)
    # "no reverb", "no more delay": a removal, unless a pause or another marker follows "no",
    # or, after a pause, an effect named with its article (", no the delay, is too loud")
    named = ARTICLE_NAME.match(match.string, match.end()) and match.group("lead").strip()
    lone_no = re.fullmatch(r"no+|nope", words) is not None and match.group("pause") is None and not named
    return paused and not lone_no


# The opposite of a change, said plainly: "turn it up, no, the other way" is "lower the gain".
_OPPOSITE_VERBS = {"increase": "lower", "decrease": "raise", "add": "remove", "remove": "add"}


def _turned(left: list[str]) -> str | None:
    """The change opposite to the one ``left`` asks for, said plainly, or None (none asked, or
    one with a value: "set it to 5, no, the other way" turns nothing)."""
    reading = understand(" ".join(left))
    if not (isinstance(reading, ToolCall) and reading.name == APPLY):
        return None
    args = reading.arguments
    verb = _OPPOSITE_VERBS.get(str(args.get("action")))
    if verb is None or "value" in args or "effect" not in args:
        return None
    param = str(args["param"]).split("_")[0] if "param" in args else ""
    return f"{verb} the {args['effect']} {param}".strip()


def _same_effect(words: list[str], said: str) -> bool:
    """Whether ``words`` read as a change of the effect ``said`` changes."""
    mine, theirs = understand(" ".join(words)), understand(said)
    return all(isinstance(r, ToolCall) for r in (mine, theirs)) and mine.arguments.get(
        "effect"
    ) == theirs.arguments.get("effect")


def _resolved(left: list[str], right: list[str]) -> str | None:
    """The one request meant by ``left`` corrected by ``right``, or None."""
    for words in _candidates(left, right):
        reading = understand(" ".join(words))
        if isinstance(reading, ToolCall) and reading.name == APPLY:
            return " ".join(words)
    return None


def _candidates(left: list[str], right: list[str]) -> list[list[str]]:
    """What ``left`` corrected by ``right`` may mean, the likeliest first."""
    core = _opened(right)
    left_span, right_span = _effect_span(left), _effect_span(core)
    out: list[list[str]] = []
    if right_span is not None and _bare(core, right_span):
        name = core[right_span[0] : right_span[1]]
        if left_span is not None:  # "add the distortion, sorry, the reverb": add the reverb
            out.append(left[: left_span[0]] + name + left[left_span[1] :])
        elif PRONOUNS.intersection(left):  # "make it louder, sorry, the reverb"
            out.append(_replace_pronoun(left, ["the", *name]))
        else:  # "turn on the, um, not the compressor, the delay"
            out.append([*_fragment(left), "the", *name])
    value = _bare_value(core, left)
    if value is not None:
        out.append(_revalued(left, value))  # "set the ratio to eight, no, three"
    way = core[0] if core and set(core[1:]) <= DEGREE else None  # "down", "down a bit"
    if DIRECTIONS.get(way or "") in left:  # "move it up, wait, down"
        out.append([way if w == DIRECTIONS[way] else w for w in left] + core[1:])
    if way in DIRECTIONS and way in left:
        out.append(left)  # "move it down, I meant down": said again
    turned = _turned(left) if way in DIRECTIONS and DIRECTIONS[way] not in left and way not in left else None
    if turned is not None and turned.split()[0] == ("raise" if way in OPPOSITES else "lower"):
        out.append(turned.split())  # "raise the echo, no, down": the verb was the direction
    if right_span is not None:
        out.append(right)  # "raise the, no, lower the volume": a request of its own
    if left_span is None and PRONOUNS.intersection(right) and ARTICLES.intersection(left):
        at = next(
            i for i, w in enumerate(left) if w in ARTICLES | {"my"}
        )  # "speed up the release, no, slow it down"
        out.append(_replace_pronoun(right, left[at:]))
    if left_span is not None and PRONOUNS.intersection(right):  # "raise the low pass, no, lower it"
        out.append(_replace_pronoun(right, ["the", *left[left_span[0] : left_span[1]]]))
    if left_span is None and left[-1] in HANGING:
        out.append(_fragment(left) + right)  # "set the delay to, sorry, 300 ms"
    out.append(right)
    return out


def _bare(words: list[str], span: tuple[int, int]) -> bool:
    """Only an effect's name (at ``span``) and words that ask for nothing: "the echo instead"."""
    return all(w in BARE or span[0] <= i < span[1] for i, w in enumerate(words))


def _opened(words: list[str]) -> list[str]:
    """``words`` less an opening that asks for nothing ("I meant", "make it")."""
    for opener in OPENERS:
        if tuple(words[: len(opener)]) == opener and len(words) > len(opener):
            return words[len(opener) :]
    return words


def _effect_span(words: list[str]) -> tuple[int, int] | None:
    """Where the first effect name stands in ``words`` (token indices)."""
    best: tuple[int, int] | None = None
    for names in lx.EFFECT_NAMES.values():
        for name in names:
            parts = name.split()
            i = lx.word_index(words, parts)
            if i >= 0 and (best is None or i < best[0]):
                best = (i, i + len(parts))
    return best


def _bare_value(words: list[str], left: Sequence[str] = ()) -> list[str] | None:
    """``words`` when they are a number and maybe its unit ("minus fifteen", "15 ms"), less the
    words after it that the part corrected said after its own ("ten percent more, no, fifteen
    percent more")."""
    if words[:1] == ["plus"]:  # "or no, plus four": the sign the number had
        words = words[1:]
    spans = find_numbers(words)
    if len(spans) != 1 or spans[0].start != 0:
        return None
    rest = words[spans[0].end :]
    for closing in ENOUGH:  # "no, 3 is enough"
        if tuple(rest[-len(closing) :]) == closing:
            rest, words = rest[: -len(closing)], words[: -len(closing)]
            break
    units = {w for phrase, _ in lx.UNIT_WORDS for w in phrase}
    while rest and rest[-1] not in units and rest[-1] in left[-2:]:
        rest, words = rest[:-1], words[:-1]
    return words if all(w in units for w in rest) and len(rest) <= 2 else None


# What may close a value said again: "no, 3 is enough", "make it 40, that'll do".
ENOUGH = tuple(tuple(p.split()) for p in ("is enough", "is plenty", "is fine", "will do", "should do",
                                          "should do it", "is better", "would be better", "is good",
                                          "thatll do", "please", "instead"))  # fmt: skip


def _revalued(left: list[str], value: list[str]) -> list[str]:
    """``left`` with its last number (and its unit, if ``value`` says one) changed to ``value``."""
    spans = find_numbers(left)
    if not spans:
        return _fragment(left) + value
    span = spans[-1]
    end = span.end
    has_unit = len(find_numbers(value)) == 1 and find_numbers(value)[0].end < len(value)
    units = {w for phrase, _ in lx.UNIT_WORDS for w in phrase}
    while has_unit and end < len(left) and left[end] in units:
        end += 1
    return left[: span.start] + value + left[end:]


def _replace_pronoun(words: list[str], name: list[str]) -> list[str]:
    at = next(i for i, w in enumerate(words) if w in PRONOUNS)
    return words[:at] + name + words[at + 1 :]


def _fragment(words: list[str]) -> list[str]:
    """A part cut off mid-way ("turn on the"), less the article left hanging."""
    while words and words[-1] in ARTICLES:
        words = words[:-1]
    return words
