"""Second pass of general readings (issue 20, docs/speech.md "Session 9", second pass):
ways of asking written from the remaining misses of the blind ``tune2`` corpus (its half B
first, then half A) that name no control the way the keyword rules expect.

Tokens are ``dialogue.normalize`` output; ``text`` is them joined with a space at each end.
"""

from __future__ import annotations

import re
from itertools import pairwise

from voicertc.assistant import listeners, nuisances
from voicertc.assistant.degrees import less_of, more_of
from voicertc.assistant.lexicon import has_phrase, padded, section_at
from voicertc.assistant.numbers import NumberSpan, find_numbers
from voicertc.assistant.wished_level import level_step, loud_wish, verbless

# -- the level, asked for with a pronoun: "crank it", "turn me up", "take it down a notch" --

# A verb (and the direction it has alone, if any) ...
LEVEL_VERBS = {"turn": None, "bring": None, "pull": None, "take": None, "knock": "decrease",
               "crank": "increase", "juice": "increase", "pump": "increase", "bump": "increase",
               "boost": "increase",
               "back": "decrease", "dial": None, "push": "increase", "kick": None, "turning": None,
               "bringing": None, "tone": None, "tuck": None}  # fmt: skip
# ... of the sound itself, or of the speaker ...
LEVEL_OBJECTS = frozenset({"it", "me", "us", "this", "things", "her"})  # ("crank her up": the rig)
# ... or the speaker's sound, named: "turn my mic down", "bring my voice up".
SOUND_OBJECTS = frozenset({"mic", "mike", "microphone", "voice", "vocals", "vocal", "sound", "audio"})
PARTICLES = {"up": "increase", "down": "decrease", "off": "decrease", "back": "decrease"}
# The particles each verb takes for a level ("knock it off" is "stop it"; "pull it up" shows
# something; "take this down" writes it).
TAKES = {"back": ("off",), "pull": ("down", "back"), "dial": ("up", "down", "back"), "knock": ("down",),
         "take": ("down",), "tone": ("down",)}  # fmt: skip
# ... followed only by how much: "bring it up with my boss" is not about the sound.
DEGREE = frozenset("a bit little touch notch some please more tad hair lot now for me again slightly "
                   "just of way further right thanks tiny smidge "
                   "mate man dude buddy pal fam bro bruh dawg fr wee would ya you will cheers yeah "
                   "love".split())  # fmt: skip


# Words that open a clause giving a reason after the request.
REASONS = frozenset("its im thats because cause cos cuz nobody i youre".split())


def level(tokens: list[str]) -> dict[str, object] | None:
    """ "crank it", "back it off a touch", "could you turn me down a little": the gain."""
    for i, tok in enumerate(tokens[:-1]):
        named = tokens[i + 1] in ("my", "the") and tokens[i + 2 : i + 3] in [[w] for w in SOUND_OBJECTS]
        if tok not in LEVEL_VERBS or (tokens[i + 1] not in LEVEL_OBJECTS and not named):
            continue
        j, action = i + 2 + named, LEVEL_VERBS[tok]
        if j < len(tokens) and tokens[j] in TAKES.get(tok, ("up", "down")):
            action, j = PARTICLES[tokens[j]], j + 1
        elif j < len(tokens) and tokens[j] in PARTICLES:
            continue  # "knock it off", "pull it up"
        if tok == "take" and tokens[i + 1] == "this":
            continue
        rest = tokens[j:]
        if named:  # "pump my mic up, it's weak sauce": a reason may follow the named sound
            rest = rest[: next((k for k, t in enumerate(rest) if t in REASONS), len(rest))]
        rest = listeners.before(rest, DEGREE)
        rest = rest[: section_at(rest)]  # "bring my voice up a bit for my solo"
        stepped = None if action is None else level_step(action, rest, DEGREE)
        if stepped is not None:
            return stepped
    return _person_moved(tokens) or verbless(tokens, DEGREE) or loud_wish(padded(tokens))  # "make me loud"


# Verbs of the level only with the speaker as object: "lower me a touch" (not "drop it").
PERSON_VERBS = {"lower": "decrease", "raise": "increase", "drop": "decrease", "lift": "increase"}


def _person_moved(tokens: list[str]) -> dict[str, object] | None:
    for i in (i for i, t in enumerate(tokens[:-1]) if t in PERSON_VERBS and tokens[i + 1] in ("me", "us")):
        if set(tokens[i + 2 :][: section_at(tokens[i + 2 :])]) <= DEGREE | {"down", "up"}:
            return {"effect": "gain", "action": PERSON_VERBS[tokens[i]]}
    # ... or the voice, ordered ("raise my voice gently"), not told ("I had to raise my voice")
    if tokens[0] in PERSON_VERBS and tokens[1:3] in (["my", "voice"], ["my", "mic"]):
        if set(tokens[3:]) <= DEGREE | {"gently", "softly"}:
            return {"effect": "gain", "action": PERSON_VERBS[tokens[0]]}
    return None


# -- the sound breaking up: "when I sing louder it distorts" is too hot a level ------------

BREAKING = frozenset("distorts distorting clips clipping crackles crackling".split())
# What breaks up is this sound ("it", "my voice"), not a thing ("that amp distorts beautifully").
BREAKS_UP = frozenset("it its voice vocals vocal mic microphone sound audio signal everything im".split())
BETWEEN = frozenset("is keeps starts just really always kind of sort totally".split())
WANTING = frozenset("make want wanna add put apply give like love".split())


def breaks_up(tokens: list[str]) -> bool:
    """ "when I sing louder it distorts", "my voice is clipping", "it starts crackling when I
    shout": a complaint of the level (as "the sound is clipping"), not the effect wished for."""
    if WANTING.intersection(tokens):
        return False
    for i, tok in enumerate(tokens):
        if tok in BREAKING:
            subject = next((t for t in reversed(tokens[:i]) if t not in BETWEEN), "")
            return subject in BREAKS_UP
    return False


# -- a level halved or doubled: "cut the volume in half" is 6 dB down (its amplitude halved) --

HALVED = re.compile(
    r" (?:(?:in|by) half(?! an? )|halve|halved|half as (?:loud|much|strong)|half the (?:volume|level)) "
)
DOUBLED = re.compile(r" (?:double (?:the|it|my|that|this)|doubled|twice as (?:loud|much|strong)) ")
HALF_LEVEL_DB = 6  # a level in dB halves or doubles its amplitude by 6 dB


def level_scaled(text: str) -> str | None:
    """ "cut the volume in half", "halve the gain", "make it half as loud": "decrease" (by
    ``HALF_LEVEL_DB``); "double the volume", "twice as loud": "increase"."""
    return "decrease" if HALVED.search(text) else "increase" if DOUBLED.search(text) else None


# -- a compressor's ratio said as "N to one": "ten to one compression" ---------------------


def ratio(tokens: list[str]) -> NumberSpan | None:
    for span in find_numbers(tokens):
        counted = span.start > 0 and tokens[span.start - 1] == "from"  # "from three to one"
        if tokens[span.end : span.end + 2] in (["to", "one"], ["to", "1"]) and not counted:
            return span
    return None


# -- which parameter a step of a named effect moves -----------------------------------------

# The delay's level is its mix: "make the echo stronger", "the echo is way too loud",
# "the echo is distracting" (its time is what "longer" or "a faster echo" moves).
WET_LEVEL = ("louder", "quieter", "softer", "stronger", "weaker", "too loud", "too quiet",
             "too soft", "so loud", "subtle", "prominent", "distracting", "annoying", "drowning",
             "overpowering", "overwhelming", "in your face", "level", "quiet", "loud", "faint",
             "hard to hear", "barely hear", "buried",
             # how much echo is heard: "more echo", "a bit less echo", "the echo is a bit much"
             "more echo", "less echo", "more of the echo", "less of the echo", "much echo", "wetter", "drier",
             "a bit much", "too much")  # fmt: skip
# The reverb's time is its decay: "the reverb rings too long" shortens the tail, "could it
# linger a little longer" lengthens it, and so does "make the reverb a bit longer" (every writer
# who said a reverb longer or shorter meant its tail).
TIME_WORDS = ("too long", "too short", "drags on", "drags", "goes on too long", "rings", "ring",
              "last longer", "linger", "lingers", "hang on longer", "hang about", "die away", "dies away",
              "fade away", "fades away", "longer", "shorter", "lengthen", "shorten")  # fmt: skip


# How much echo is heard, asked as a quantity: "more echo", "a bit less echo", "the echo is
# a bit much", "give it more": its mix ("turn the delay up" names no quantity, and "more
# delay" is more of the delay's own time: both its time).
ECHO_NOUNS = ("echo", "echoes", "echos")
ECHO_AMOUNT = (*(f"{q} {n}" for q in ("more", "less") for n in ECHO_NOUNS),
               "a bit much", "way more", "give it more", "be more", "way less")  # fmt: skip
# The echo turned up or down as a fader is ("turn the echo down a bit", "bring the echoes
# up"): how loud it is heard, where "turn the delay up" turns the effect's own time.
ECHO_TURNED = re.compile(r" (?:turn|turns|bring|crank|push|pull|dial|knock) (?:\S+ ){0,3}(?:up|down) ")


# How long the echoes go on is how many there are: "let the echo trail on longer".
LASTING = ("trail on", "trails on", "trail off", "keep going", "keeps going", "go on", "goes on", "ring on",
           "ring out", "rings out", "hang around", "hangs around", "linger", "lingers", "die away",
           "dies away", "fewer times", "more times", "repeat fewer", "repeat more",
           "repeats fewer")  # fmt: skip


def step_param(text: str, effect: str) -> str | None:
    if effect == "delay" and (has_phrase(text, WET_LEVEL) or nuisances.nuisance(text)):
        return "mix"
    if effect == "delay" and has_phrase(text, LASTING):
        return "feedback"
    if effect == "delay" and not has_phrase(text, ("time", "times")):
        if has_phrase(text, ECHO_AMOUNT) or (has_phrase(text, ECHO_NOUNS) and ECHO_TURNED.search(text)):
            return "mix"
    if effect == "reverb" and has_phrase(text, TIME_WORDS):
        return "decay_s"
    return None


# -- the delay's time as the spacing of its echoes: "space the echoes further apart" --------

# The echoes themselves ("the delays between trains" are something else).
ECHOES = frozenset("echo echoes echos repeats repeat slapback".split())
WIDER = frozenset("more bigger longer wider larger".split())
NARROWER = frozenset("less smaller shorter tighter narrower".split())


def spacing(tokens: list[str]) -> dict[str, object] | None:
    """ "space the echoes further apart", "more time between the repeats": a longer delay;
    "bring the echoes closer together": a shorter one ("too close together": longer)."""
    words = set(tokens)
    if not ECHOES & words or find_numbers(tokens):
        return None
    between = "between" in words
    spread = "out" in words and bool(words & {"spread", "space"})  # "space out the echoes"
    # "closer to each other", "further from each other": together and apart
    other = {"each", "other"} <= words
    apart = "apart" in words or (other and bool(words & {"further", "farther"}))
    together = "together" in words or (other and bool(words & {"closer", "nearer"}))
    if apart or spread or (between and WIDER & words):
        action = "increase"
    elif together or (between and NARROWER & words):
        action = "decrease"
    else:
        return None
    if "too" in words:  # a complaint: "the repeats are too far apart" wants them closer
        action = "decrease" if action == "increase" else "increase"
    return {"effect": "delay", "action": action}


# -- a filter opened or closed: "close the low pass a bit" lowers its cutoff ---------------

# (session 43, tune21: "tighten the low cut so the kick doesn't bleed into my mic": it cuts more)
OPEN = ("open", "open up", "opens", "loosen", "loosen up")
CLOSE = ("close", "close down", "closes", "shut", "tighten", "tighten up", "tightens")


def filter_motion(text: str, effect: str) -> str | None:
    """ "open up the low pass": a higher cutoff; "close the high pass": a higher one too (it
    takes away more)."""
    if effect not in ("lowpass", "highpass"):
        return None
    opened = has_phrase(text, OPEN)
    if not opened and not has_phrase(text, CLOSE):
        return None
    return less_of(effect) if opened else more_of(effect)  # a filter opened does less


# -- the compressor's knee as felt: a softer knee is a wider one (more dB) -----------------

SOFTER_KNEE = frozenset("softer gentler smoother wider broader rounder widen broaden soften".split())
HARDER_KNEE = frozenset("harder sharper narrower tighter firmer narrow sharpen harden tighten".split())


def knee_feel(tokens: list[str]) -> str | None:
    """ "a softer knee": its dB raised (the bend spread wider), where "softer" alone would
    turn something down; "harder knee": lowered."""
    if "knee" not in tokens:
        return None
    if SOFTER_KNEE.intersection(tokens):
        return "increase"
    return "decrease" if HARDER_KNEE.intersection(tokens) else None


# -- complaints about the range of levels or about the listener's ears ---------------------

SOFT = ("whisper", "whispering", "whispers", "quiet", "soft", "mumbling", "mumble", "muttering")
LOUD = ("shout", "shouting", "shouts", "yelling", "yell", "screaming", "scream", "loud")
EAR_VERBS = ("hurting", "hurts", "hurt", "blowing out", "blow out", "blowing", "killing", "destroying",
             "ringing", "piercing", "splitting")  # fmt: skip


def swings(tokens: list[str]) -> bool:
    """ "I go from whispering to shouting", "from loud to quiet", "I keep jumping between whisper
    and shout": the level needs evening out."""
    for i, tok in enumerate(tokens[:-2]):
        joint = {"from": "to", "between": "and"}.get(tok)
        if joint is None or joint not in tokens[i + 2 : i + 4]:
            continue
        first, second = tokens[i + 1], tokens[tokens.index(joint, i + 2) + 1 : tokens.index(joint, i + 2) + 2]
        if second and {first, second[0]} & set(SOFT) and {first, second[0]} & set(LOUD):
            return True
    return False


def ears(text: str) -> bool:
    """ "you're blowing out their ears", "it's killing my ears": too loud."""
    for verb in EAR_VERBS:
        at = text.find(f" {verb} ")
        if at >= 0 and "ears" in text[at:].split()[: len(verb.split()) + 3]:
            return True
    return False


# -- producer slang with one clear reading in this chain ----------------------------------

# Each names a change one of the seven effects makes, as a sound engineer hears it: punch
# is what a compressor gives a voice, dry is without reverb, air and crispness are the top
# end a low pass takes away, warmth is a top end rolled off. Slang whose fix is no one
# effect is declined rather than guessed: "make it pop" (compression, brightness and level
# at once), "fatten it up" and "make it thicker" (a low shelf or saturation: this chain has
# no shelf), "give it some bite" (presence or grit), "clean it up" (noise, rumble or
# distortion).
SLANG: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("some punch", "a bit of punch", "a little punch", "give it punch", "add punch",
                     "make it punchy", "sound punchy", "punch it up"), ("compressor", "add")),
    **dict.fromkeys(("more punch", "punchier", "more punchy", "extra punch", "needs punch"),
                    ("compressor", "increase")),
    **dict.fromkeys(("too punchy", "less punch", "less punchy"), ("compressor", "decrease")),
    **dict.fromkeys(("dry it out", "dry it up", "dry it off", "dry me out", "dry me up", "dry things up",
                     "dry things out", "drier", "more dry"), ("reverb", "decrease")),
    **dict.fromkeys(("completely dry", "totally dry", "bone dry", "fully dry", "dry as a bone",
                     "hundred percent dry", "100 percent dry"), ("reverb", "remove")),
    # air or space around a voice is a room's: "give it a bit of air around it"
    **dict.fromkeys(("air around it", "air around me", "air around my voice", "space around it",
                     "space around me", "space around my voice"), ("reverb", "add")),
    **dict.fromkeys(("some air", "a bit of air", "a little air", "airier", "more airy",
                     "add air", "make it crisp", "sound crisp", "more crisp", "crisper", "crisp it up"),
                    ("lowpass", "increase")),
    **dict.fromkeys(("warm it up", "warm the sound up", "warm up the sound", "more warmth", "add warmth",
                     "add some warmth", "some warmth", "a bit of warmth", "a little warmth",
                     "give it warmth"), ("lowpass", "add")),
}  # fmt: skip


# "bone dry" is wished for ("make it bone dry") or complained of ("the vocal is bone dry",
# which wants reverb: ``descriptions.quality`` reads it).
WISHED = ("make it", "make me", "make my", "want it", "want me", "want my", "keep it", "go", "leave it")
# "Some air" is given to a sound ("give my voice some air"), not needed ("I need some air").
GIVEN = ("give", "add")
GUARDS = {**dict.fromkeys(("some air", "a bit of air", "a little air"), GIVEN)}


def slang(text: str) -> dict[str, object] | None:
    """ "give it some punch": a compressor; "dry it out": less reverb; "give it some air":
    a higher low pass; "add some warmth": a low pass (see ``SLANG``)."""
    for phrase, (effect, action) in SLANG.items():
        guard = WISHED if action == "remove" else GUARDS.get(phrase)
        if f" {phrase} " in text and (guard is None or has_phrase(text, guard)):
            before = text[: text.find(f" {phrase} ")].split()
            if any(a in OWNERS and b not in SOUNDS for a, b in pairwise([*before, ""])):
                return None  # "the presentation needs more punch": not the sound
            return {"effect": effect, "action": action}
    return None


# A subject or object the slang is said of: the sound ("my voice needs more punch") or not.
OWNERS = frozenset("the this that these those our his her their my your".split())
SOUNDS = frozenset("voice vocals vocal mic sound audio mix track signal recording take it me".split())
