"""What is refused beside what is wanted: "not louder, clearer", "don't kill the reverb, just
tame it", "no, not the high-pass, the low-pass, lower it".

People say what they do not want before what they do. Read as parts, the refused one asks for
the very change it refuses ("kill the reverb"), or names the effect that is not the trouble
("the problem isn't the echo, it's my level"). ``wanted`` gives the turn without its leading
refusals, so that only what is wanted is read; a refusal of a change to one effect lends that
effect to what follows when it names none ("I don't want the high-pass gone, only set lower":
the high-pass lower), while a wrong guess does not ("not the compressor, I sound tinny"). A
turn that only forbids changes ("please don't put any fuzz on me, I've got a ballad next")
wants nothing; one that forbids, gives its reason and then orders ("don't change the compressor,
it's how I want it, just make me louder") wants what it orders. Corpus22's tune side (session 44)
is where these were read, corpus26's (session 46) the order after a reason.
"""

from __future__ import annotations

import re

from voicertc.assistant import keepings, named_params
from voicertc.assistant.lexicon import IMPERATIVES
from voicertc.assistant.referents import named_effect, said_before
from voicertc.assistant.words import tokens

# Where a turn's parts meet (not a decimal point or a thousands comma).
PART = re.compile(r"\s*[,;:.!?](?!\d)\s*|\s+(?:but|-)\s+")
# Said between refusals, asking nothing: "no, not the echo, ..."; "it's not that I don't want a
# compressor, I do, switch one on".
FILLERS = frozenset({"no", "nope", "nah", "oh", "sorry", "wrong filter", "wrong effect", "no thanks", "i do",
                     "go on", "go ahead", "please", "no no", "ok", "okay", "oops"})  # fmt: skip
_LEAD = r"^(?:(?:no|nope|nah|oh|so|well|sorry|please) )*"
# "Not loud enough", "it's not bright enough", "not enough repeats": a complaint, not a refusal.
_ENOUGH = r"(?! (?:\w+ )?enough\b)"
# What a refused change says was not wanted: "I don't want the reverb wetter" (not "I don't want
# the reverb anymore", a removal).
CHANGED = ("more|less|fewer|louder|quieter|softer|wetter|drier|longer|shorter|brighter|darker|gone|moved"
           "|changed|touched|different|lower|higher|harder|heavier|bigger|smaller|faster|slower")  # fmt: skip
# A wrong target named: nothing of it carries to what is wanted ("it isn't the gain at all, it's
# the mud underneath my voice"; "instead of turning me down, roll off the top end").
WRONG_TARGET = re.compile(
    _LEAD + r"(?:not (?:just |only )?(?:the|my|that) (?!way\b)"
    r"|(?:the )?(?:problem|issue|trouble)(?: here)? (?:isnt|is not|wasnt|was not)\b"
    r"|im not (?:too|that|so)\b"
    r"|(?:its|it is|it) (?:not|isnt)\b(?! (?:that|like)\b)"
    + _ENOUGH
    + r"|(?:rather than|instead of) \w+ing\b)"
)
# A change refused to an effect that is still the one meant: "not a louder reverb, a longer one";
# "I'm not asking you to remove the low-pass, only to lower it"; "it's not that I don't want
# distortion, go on, put some on"; "it's not that the space is wrong, it's that there's too much of it".
SAME_TARGET = re.compile(
    _LEAD
    + r"(?:not\b(?! (?:now|yet|today|tonight|right now|for now|at the moment|anymore)\b)"
    + _ENOUGH
    + r"|i (?:dont|do not|didnt|did not) (?:want|need) (?!any more\b)(?=.*\b(?:"
    + CHANGED
    + r")\b)"
    r"|i (?:didnt|did not|dont|do not) mean\b"
    r"|im not asking(?: you)? to\b"
    r"|(?:its |it is )?not (?:that|like)\b"
    r"|(?:dont|do not) (?:just )?(?:take|remove|switch|turn|kill|mute|cut|ease|drop)\b)"
)
# A change forbidden: nothing is wanted unless a later part asks ("don't bother with the low cut,
# the rumble has stopped"; "don't make the room any bigger, it's lovely as is"). Not "don't make
# it so loud", which asks for less.
FORBIDDING = re.compile(
    _LEAD + r"(?:(?:dont|do not)(?: you dare| even think about| go| you go)? (?:touch|change|changing|switch"
    r"|turn|take|put|add|adding|drop|remove|lower|raise|bother|mute|kill|cut|make|move|fiddle|mess)\b"
    r"|(?:theres |there is )?no (?:need|call) to\b"
    r"|i (?:dont|do not) fancy any\b"
    r"|i (?:dont|do not) want (?:\w+ ){1,4}(?:moved|touched|changed|any different)\b)"
)
# An order nearly given and then thought better of: "I almost said turn me up, but I'm loud enough".
NEARLY_ASKED = re.compile(
    r"^(?:\w+ )?i (?:very )?(?:nearly|almost) (?:said|asked|told you|went to ask)\b.* but "
)


def _nearly_asked(transcript: str) -> bool:
    # (the turn is tokenized only where it may hold one: this runs on every turn)
    lowered = transcript.lower()
    return ("nearly" in lowered or "almost" in lowered) and NEARLY_ASKED.match(
        " ".join(tokens(transcript))
    ) is not None


TOO = frozenset({"so", "too"})
ANOTHER_ORDER = re.compile(r"\b(?:and|then|but|just|instead)\s+(?:" + "|".join(sorted(IMPERATIVES)) + r")\b")
# "No more" is a removal ("no more delay") unless what is on is said to be enough: "nope, no more
# compression, what's there is fine".
NO_MORE = re.compile(_LEAD + r"no more\b")
ENOUGH_ON = re.compile(r"\bwhats there is (?:fine|plenty|enough)\b")
# How a part that asks after a forbidden change opens: "don't mute me, just bring my level down".
ASKED = IMPERATIVES | {"just", "only", "instead", "get", "please", "can", "could", "switch", "strip"}
# A wanted part's opening that only points at it: "..., I meant the ratio", "..., it's the treble cut".
POINTING = re.compile(
    r"^(?:(?:it'?s|it is) that\s+|(?:i meant|i mean|i said|it'?s|it is)\s+(?=(?:the|my|that|all|a)\b))",
    re.IGNORECASE,
)
# Everything kept but one thing, which is what the turn is about: "keep everything except the
# reverb, that can go"; "leave the compressor as it is apart from the knee, make it harder".
EXCEPT = re.compile(
    r"^(?:(?:please|so|ok|okay|now)[ ,]+)*"
    r"(?P<verb>keep|leave|don'?t change|do not change|change nothing|touch nothing)"
    r"\b.*?\s(?:except(?: for)?|apart from|other than)\s+",  # ("but" parts a turn: ``PART``)
    re.IGNORECASE,
)
# What follows it that says it goes, or goes on about it as its subject ("..., which should come down").
GOING = re.compile(r"^(?:that|it|which)\s+(?:can|should|has to|must|needs to)\s+go\b", re.IGNORECASE)
WHICH = re.compile(r"^which\s+", re.IGNORECASE)
# What in a wanted part stands for the effect a refusal named: "just tame it", "put some on".
POINTERS = frozenset("it its them one some".split())


def kept(transcript: str) -> str | None:
    """What of ``transcript`` is read: all of it, or what is wanted beside its refusals, past what
    it first keeps as it is (``keepings``: "keep the reverb, it's lovely, but the echo has to go");
    None when it wants nothing but forbids a change."""
    starts, parts = _parts(transcript)
    transcript = keepings.rest(parts, starts, transcript) or transcript  # "keep the reverb, but ..."
    left = wanted(transcript)
    return transcript if left is None else left or None


def wanted(transcript: str) -> str | None:
    """``transcript`` without the refusals it opens with; "" when it only forbids changes; None
    when it opens with no refusal (or is a refusal alone that may still ask: "not so loud")."""
    if _nearly_asked(transcript):
        return ""  # "I nearly said turn the fuzz down, but it suits this track"
    starts, parts = _parts(transcript)
    but = EXCEPT.match(parts[0]) if parts else None
    if but is not None:
        return _excepted(
            parts[0][but.end() :], transcript[starts[1] :] if len(parts) > 1 else "", but["verb"]
        )
    carried: str | None = None
    forbids = refused = False
    i = 0
    while i < len(parts):
        part = tokens(parts[i])
        said = " ".join(part)
        if said in FILLERS and (refused or i + 1 < len(parts)):
            i += 1
            continue
        # (the whole turn is looked at only after "no more": "..., what's there is fine")
        enough = (
            NO_MORE.match(said) is not None and ENOUGH_ON.search(" ".join(tokens(transcript))) is not None
        )
        forbidden = _forbids(said) or enough
        if WRONG_TARGET.match(said) and not forbidden:
            refused = True
        elif forbidden or SAME_TARGET.match(said):
            forbids, refused = forbids or forbidden, True
            carried = carried or named_effect(part) or named_params.owner(part)
        else:
            break
        i += 1
    if not refused:
        return None
    if forbids and i == len(parts):
        return ""
    if forbids and not ASKED.intersection(tokens(parts[i])[:1]):
        # what follows a forbidden change is its reason ("..., it's doing its job"), unless a later
        # part asks: "don't change the compressor, it's how I want it, just make me louder"
        i = next((k for k in range(i + 1, len(parts)) if ASKED.intersection(tokens(parts[k])[:3])), 0)
        if not i:
            return ""
        carried = None  # (past a reason, "just make me louder" is not of what was forbidden)
    rest = POINTING.sub("", transcript[starts[i] :] if i < len(parts) else "", count=1)
    words = tokens(rest)
    if i == len(parts):
        return None  # "not so loud": a refusal alone may still ask
    pointed = bool(POINTERS.intersection(words)) or words[:1] in (["just"], ["only"])
    if carried and pointed and named_effect(words) is None and named_params.owner(words) is None:
        return said_before(carried, rest)
    return rest


def _forbids(said: str) -> bool:
    """A part that forbids a change and asks for none: not "don't make it so loud" (less), nor
    "don't touch the delay and add reverb" (another verb of change after it)."""
    forbidden = FORBIDDING.match(said)
    if forbidden is None or not TOO.isdisjoint(said.split()):
        return False
    return ANOTHER_ORDER.search(said, forbidden.end()) is None


def _excepted(target: str, rest: str, verb: str) -> str | None:
    """What is wanted of the one thing not kept: "keep everything as it is except my level, drop
    that by four decibels" (my level down); "keep all the effects except the high cut" (off)."""
    if not rest:
        return f"remove {target}" if verb.lower() in ("keep", "leave") else None
    if GOING.match(rest):
        return f"remove {target}"
    return f"{target} {WHICH.sub('', rest)}" if WHICH.match(rest) else f"{target}, {rest}"


def _parts(transcript: str) -> tuple[list[int], list[str]]:
    """Where each of a turn's parts starts, and the parts."""
    starts, parts, at = [], [], 0
    for joint in [*PART.finditer(transcript), None]:
        end = len(transcript) if joint is None else joint.start()
        if transcript[at:end].strip():
            starts.append(at)
            parts.append(transcript[at:end])
        at = len(transcript) if joint is None else joint.end()
    return starts, parts
