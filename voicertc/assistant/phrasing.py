"""Ways of asking that the keyword rules did not know, and sentences that only look like
commands: general readings written from half of the blind ``tune2`` corpus's families
(issue 20, docs/speech.md "Session 9"), the other half kept to measure them on; and
statements that only contain an effect word, from how Whisper wrote tune2's spoken
off-topic sentences (docs/speech.md, "How Whisper writes what it heard right").

Tokens are ``dialogue.normalize`` output; ``text`` is them joined with a space at each end.
"""

from __future__ import annotations

import re

from voicertc.assistant import not_sound, resets, statements
from voicertc.assistant.colloquial import ratio
from voicertc.assistant.knowledge import to_be_taught
from voicertc.assistant.lexicon import EFFECT_NAMES, IMPERATIVES, KNOWN, has_phrase, positions
from voicertc.assistant.numbers import NUMBER_WORDS, NumberSpan, find_numbers

# -- an effect named by one of its own parameters, or by a gain's unit ------------------

# Parameters no other effect has: "set the attack to ten ms", "drive twenty five percent".
OWN_PARAMS = {"attack": "compressor", "release": "compressor", "knee": "compressor",
              "drive": "distortion", "tail": "reverb"}  # fmt: skip
# ... said with one of these, so "the drive to work" or "the release date" stay what they are.
PARAM_CUES = ("faster", "quicker", "slower", "fast", "slow", "quick", "longer", "shorter", "set",
              "make", "change", "halfway", "lengthen", "shorten", "increase", "decrease", "raise",
              "lower", "reduce", "default", "defaults", "reset")  # fmt: skip
LEVEL_VERBS = ("up", "down", "lower", "raise", "boost", "drop", "cut", "increase", "decrease",
               "reduce", "louder", "quieter", "turn", "bring", "add", "more", "less", "trim",
               "extra", "knock", "shave", "pad")  # fmt: skip


# Of what can be on, only the delay repeats: "make it repeat fewer times" (not "repeat that").
_REPEATING = re.compile(r" (?:make|have|let|can) (?:it|them) repeat (?:fewer|less|more) ")


def implied_effect(tokens: list[str], text: str) -> str | None:
    """ "knee at zero": the compressor; "up three db", "lower it 3 decibels": the gain."""
    if _REPEATING.search(text):
        return "delay"
    numbers = find_numbers(tokens)
    for word, effect in OWN_PARAMS.items():
        if word not in tokens or owned(text, text.find(f" {word} "), word):
            continue  # "the attack on the castle", "the release of my book"
        if statements.verb_use(tokens, word):
            continue  # "drive to work"
        if numbers or has_phrase(text, PARAM_CUES) or _more_of(tokens, word) or _times_of(tokens, word):
            return effect
    if ratio(tokens) is not None and not ("ratio" in tokens and owned(text, text.find(" ratio "), "ratio")):
        return "compressor"  # "ten to one": a ratio (not "the ratio of flour to water")
    said_db = any(
        tokens[at : at + 1] in (["db"], ["dbs"], ["decibels"], ["decibel"])
        or tokens[at : at + 2] in (["dee", "bee"], ["d", "b"])  # as a recogniser spells "dB"
        for s in numbers
        for at in (s.end + (tokens[s.end : s.end + 1] in (["more"], ["less"], ["extra"])),)  # "2 more dB"
    )
    said_db = said_db or has_phrase(text, ROUGH_DB)
    # a level said signed: "make it plus eight dB", "plus three on me"
    signed = any(
        (s.value < 0 and tokens[s.start] == "minus") or (s.start > 0 and tokens[s.start - 1] == "plus")
        for s in numbers
        if not (s.start > 1 and tokens[s.start - 2] in NUMBER_WORDS)  # ("two plus three": a sum)
    )
    if (said_db or signed) and (has_phrase(text, LEVEL_VERBS) or has_phrase(text, OWN_LEVEL_AT)):
        return "gain"
    if (
        said_db
        and signed
        and has_phrase(text, ("make it", "make me", "put it", "put me", "set it", "set me"))
    ):
        return "gain"
    return None


# Decibels said as a rough amount: "take me down a few decibels, say four".
ROUGH_DB = tuple(f"{few} {db}" for few in ("few", "couple", "couple of") for db in ("decibels", "db", "dbs"))
# A level in dB said of the caller: "put me at plus eight decibels", "minus three dB on my voice".
_OWN = ("me", "my voice", "my mic")
OWN_LEVEL_AT = (*(f"{who} {at}" for who in _OWN for at in ("at", "to")),
                *(f"{on} {who}" for on in ("on", "off") for who in _OWN))  # fmt: skip


def _more_of(tokens: list[str], word: str) -> bool:
    """ "more drive", "less attack on the vocal"; not "more drive to finish this"."""
    at = tokens.index(word)
    return (
        at > 0 and tokens[at - 1] in ("more", "less") and tokens[at + 1 : at + 2] in ([], ["on"], ["please"])
    )


def _times_of(tokens: list[str], word: str) -> bool:
    """ "double the attack", "halve the release": a share of what is there; not "double the
    release date"."""
    at = tokens.index(word)
    return tokens[max(0, at - 2) : at] in (["double", "the"], ["halve", "the"], ["triple", "the"]) and tokens[
        at + 1 : at + 2
    ] in ([], ["time"], ["on"], ["please"])


# -- a number said with "add": a new stage at that level, or that much more --------------


def past(value: tuple[NumberSpan, str | None]) -> int:
    """Where the words after a value (and its unit, one word) begin."""
    return value[0].end + (value[1] is not None)


def inserted(tokens: list[str], value: tuple[NumberSpan, str | None]) -> bool:
    """ "add gain of 10 dB", "put on a gain block at ten decibels": a new gain stage at that
    level (its size said after its name), not 10 dB more on what is there. So too "add four dB
    of gain to me": put on the caller ("add two dB of gain" alone is a step)."""
    start = value[0].start
    named = any(t in EFFECT_NAMES["gain"] for t in tokens[:start])
    start -= start > 0 and tokens[start - 1] in ("plus", "minus")  # "a gain plug at plus five dB"
    start -= start > 1 and tokens[start - 1] in ("about", "around", "roughly")  # "a stage at about four dB"
    after = past(value)
    staged = tokens[after : after + 1] == ["of"] and tokens[after + 1 : after + 2] in (["gain"], ["boost"])
    return (named and start > 0 and tokens[start - 1] in ("of", "at")) or (
        staged and _to_caller(tokens, after + 2)
    )


def _to_caller(tokens: list[str], at: int) -> bool:
    """ "... to me", "... to my mic", "... on my voice": the caller, not what is there."""
    said = tokens[at : at + 3]
    return said[:1] in (["to"], ["on"]) and (said[1:2] in (["me"], ["us"]) or said[1:3] in CALLERS)


CALLERS = [["my", w] for w in ("mic", "microphone", "voice", "vocal", "vocals", "channel", "track")]


# A change of level said as a noun: "a boost of 10 dB", "a 3 dB cut" (its sign).
STEP_NOUNS = {"boost": 1, "lift": 1, "bump": 1, "cut": -1, "drop": -1, "reduction": -1, "attenuation": -1}
STAGE_VERBS = frozenset({"insert", "inserting", "add", "adding", "put", "include", "stick", "throw", "slap",
                         "pop", "chuck"})  # fmt: skip


def stage_step(tokens: list[str], value: tuple[NumberSpan, str | None]) -> int | None:
    """ "insert a volume boost of ten dB", "add a 3 dB cut": a gain stage put in that boosts
    (+1) or cuts (-1) by that much, i.e. the gain set at +10 or -3 dB, as a sound engineer
    inserts a gain plug-in at its setting (the chain has one gain stage; "add gain of 10 dB"
    is read so too, ``inserted``). Without such a verb a boost is a change of what is there:
    "give me a boost of 10 dB", "a volume boost of ten dB" are 10 dB more (None here)."""
    span, unit = value
    if unit != "db":
        return None
    before = tokens[span.start - 2 : span.start]
    after = tokens[span.end + 1 : span.end + 2]  # after the unit: "a 3 dB cut"
    noun = before[0] if before[1:] == ["of"] else (after[0] if after else "")
    if noun not in STEP_NOUNS or not STAGE_VERBS.intersection(tokens[: span.start]):
        return None
    rest = tokens[span.end + 1 :][1 if noun in after else 0 :]
    if rest[:1] in (["to"], ["onto"]):
        return None  # "add a 6 dB boost to the volume": onto what is there, 6 dB more
    return STEP_NOUNS[noun]


def boost_added(tokens: list[str]) -> bool:
    """ "add a gain boost", "could you put in a volume lift": a gain stage put in (at its
    default boost), not more of one there ("give me a boost" is more)."""
    for i, tok in enumerate(tokens):
        if STEP_NOUNS.get(tok) == 1 and "a" in tokens[max(0, i - 2) : i]:
            return bool(STAGE_VERBS.intersection(tokens[:i]))
        if STEP_NOUNS.get(tok) == 1 and "the" in tokens[max(0, i - 2) : i]:  # "switch on the volume boost"
            return (bool(SWITCHING.intersection(tokens[:i])) and "on" in tokens[:i]) or "enable" in tokens[:i]
    return False


SWITCHING = frozenset({"switch", "turn", "flip", "put"})


def onto(tokens: list[str], value: tuple[NumberSpan, str | None]) -> bool:
    """ "add a hundred ms to the delay", "give it another seven hundred ms": put onto what is there."""
    if tokens[value[0].start - 1 : value[0].start] == ["another"]:
        return True
    after = past(value)
    ratio = tokens[after : after + 2] in (["to", "one"], ["to", "1"])  # "four to one": a ratio
    return tokens[after : after + 1] in (["to"], ["onto"]) and not ratio and not _to_caller(tokens, after)


# -- the action: steps that have a size (speeds: ``speeds``) ---------------------------


def octaves(tokens: list[str], action: str | None) -> tuple[float, str] | None:
    """ "drop the low pass an octave": a cutoff halved (-50 %); up two octaves: x4 (+300 %)."""
    for i, tok in enumerate(tokens):
        if tok not in ("octave", "octaves"):
            continue
        count = next((s.value for s in find_numbers(tokens) if s.end == i), 1.0)
        if action in ("decrease", "remove"):  # "drop the low pass an octave"
            return 100.0 * (1 - 2.0**-count), "decrease"
        if action == "increase":
            return 100.0 * (2.0**count - 1), "increase"
    return None


# -- sentences that name an effect and ask for nothing ----------------------------------

# Things that are not sound, as the object of an effect word (``not_sound``).
NOT_SOUND = not_sound.PHRASES
# "a podcast called Delay Tactics", "the song I'm about to sing is called Quiet"
NAMED = re.compile(r" (?:(?:a|an|the|this|that|my) \w+|is|are|was|were) called ")
# A room or a space people are in, not the reverb's: "the room is really cold", "we need a
# bigger room for the party", "give me some space".
PLACES = ("room", "rooms", "space", "hall")
PLACE_CUES = ("cold", "freezing", "chilly", "hot in here", "party", "furniture", "rent", "book", "guests",
              "meeting", "give me some space", "give me space", "need some space", "need space",
              "im working", "leave me alone", "lets go", "go to the", "tickets", "tonight", "tomorrow",
              "saturday", "sunday", "weekend", "for us", "for everyone", "for all of us", "table", "tables",
              "chairs", "sofa", "window", "windows", "door", "carpet", "paint", "messy", "tidy", "bed",
              "booked")  # fmt: skip
# A story, not a request: "the reverb in that church was amazing".
NARRATIVE = ("was", "were", "took", "broke", "went", "had", "did", "used to", "yesterday", "last week",
             "bought", "sold", "heard", "listened", "watched", "love", "loved", "adore", "enjoy",
             "enjoyed", "invented", "recorded", "played", "sang", "sung", "said", "told", "wrote",
             "saw", "met", "built", "turned", "switched", "has a", "has an", "wasnt", "werent", "didnt",
             "hadnt", "has")  # fmt: skip
# A comparison, not a request, unless a verb asks for one: "reverb is not the same as echo"
# (but "make the delay the same as the reverb's").
COMPARISONS = ("difference between", "the same as", "same thing as", "different from", "similar to",
               "compared to", "compared with", "versus")  # fmt: skip
# In a story, the word after one of these is a noun ("that cut", "the drop") or a
# participle ("was cancelled", which the near-keyword correction makes "cancel"), not a verb.
DETERMINERS = ("the", "that", "this", "these", "those", "a", "an", "my", "your", "his", "her", "our",
               "their", "was", "were", "been")  # fmt: skip
_DETERMINED = re.compile(rf" (?:{'|'.join(DETERMINERS)}) \S+(?= )")


def nouns_blanked(text: str) -> str:
    """``text`` with each word after a determiner (or "was") blanked: what is left of the verbs."""
    return _DETERMINED.sub(" _", text)


def a_place(text: str) -> bool:
    """ "the room is too small for us", "we need a bigger hall for the party": a room people
    are in, not the reverb's (asked before any complaint is read: "too small" is one)."""
    return has_phrase(text, PLACES) and has_phrase(text, PLACE_CUES)


def not_a_command(tokens: list[str], text: str, asked: bool) -> bool:
    """A question about effects in general or a request to be taught, a room people are in,
    or a story with no word that asks for a change (``asked``: an action word was found).
    (An effect word whose object is not sound, ``NOT_SOUND``, the dialogue asks first,
    before any description: "the battery level is low".)"""
    if to_be_taught(tokens, text) or statements.general(text):
        return True
    if a_place(text):
        return True
    if resets_something_else(tokens):
        return True
    if not asked and not find_numbers(tokens) and (statements.said_of(tokens) or statements.gear(tokens)):
        return True
    return not asked and (has_phrase(text, NARRATIVE) or has_phrase(text, COMPARISONS))


# What a reset of the chain may name after "my" ("reset my effects"); the effects' and the
# sound's own words (lexicon.KNOWN) are the rest.
RESET_OBJECTS = frozenset("effects effect settings setting setup chain sounds vocals vocal mix levels "
                          "processing filters stuff things".split())  # fmt: skip
OWNERS = frozenset({"my", "your", "his", "her", "our", "their"})


def resets_something_else(tokens: list[str]) -> bool:
    """ "reset my phone", "he reset his password": something of someone's, not the chain; a
    reset told of ("the reset between sets is ninety seconds")."""
    if resets.told(" ".join(tokens)):
        return True
    for i, tok in enumerate(tokens[:-2]):
        if tok == "reset" and tokens[i + 1] in OWNERS:
            thing = tokens[i + 2]
            return thing not in RESET_OBJECTS and thing not in KNOWN
    return False


# -- an effect word that names someone's thing: "my compressor", "the level of detail" --

_OWNED_BY = ("on my", "in my", "of my", "on the", "in the", "of the", "at the", "on his", "on her",
             "on their", "in his", "in her", "in their", "of his", "of her", "of their")  # fmt: skip
# ("mike": Whisper writes "mic" so too; "vox": the voice, as singers say; "the lead vocal";
# "put a limiter on the chain": the effects' own chain)
SOUND = frozenset("voice mic mike microphone vocals vocal track sound audio signal mix vox lead backing "
                  "main channel singing speaking talking headset announcing commentary narration "
                  "preaching presenting chain".split())  # fmt: skip


# The speaker's own level is the gain: "raise my volume", "bring my level down".
OWN_LEVEL = frozenset({"volume", "level", "loudness", "gain"})
# Groups of people an effect's word may name, as a call sign or a firm's name.
OUTFITS = frozenset("company squad platoon battalion brigade regiment troop crew team studios".split())


# Rooms named for where they are or who meets in them ("half the breakout rooms say I'm faint").
_ROOMS_OF_PEOPLE = frozenset("next other another breakout meeting waiting chat class staff green hearing "
                             "court break".split())  # fmt: skip


def first_effect(text: str) -> tuple[str | None, int]:
    """The effect named first in ``text`` as the audio effect (not "my compressor"), and where."""
    best: tuple[str | None, int] = (None, -1)
    for effect, names in EFFECT_NAMES.items():
        hits = [h for name in names for h in positions(text, name) if not owned(text, h, name)]
        pos = min(hits, default=-1)
        if pos >= 0 and (best[1] < 0 or pos < best[1]):
            best = (effect, pos)
    return best


def owned(text: str, pos: int, name: str) -> bool:
    """ "my compressor", "the compressor on my fridge", "the compressor is on my fridge",
    "the volume of traffic": a thing, not the audio effect (``name`` found at ``pos``)."""
    before = text[:pos].split()[-1:]
    after = text[pos + len(name) + 2 :].split()[:4]
    if after[:1] and after[0] in OUTFITS:
        return True  # a name: "Echo company, move out", "the Delay team"
    if name in ("room", "rooms") and before and before[0] in _ROOMS_OF_PEOPLE:
        return True  # where a sound comes from ("music from the next room"), not the reverb
    if name == "amp" and before != ["the"]:
        # a verb ("amp up the reverb") or a thing pointed at ("that amp distorts"): "turn the
        # amp up" is the gain
        return True
    # "my volume", "all my compressor tweaks": the effect's settings are the user's own
    mine = before == ["my"] and (name in OWN_LEVEL or after[:1] in (["settings"], ["tweaks"], ["changes"]))
    # ("our reverb" ordered: the co-hosts' own voice on the call, "turn up our reverb")
    mine = mine or (before in (["my"], ["our"]) and my_effect_ordered(text[:pos].split(), after))
    # names nothing else is called by: "my high cut down a notch", "my reverb is too long"
    mine = mine or (
        before in (["my"], ["our"]) and name in ONLY_EFFECTS and not _THINGS.intersection(after[:1])
    )
    if (before and before[0] in OWNERS and not mine) or of_something_else(after, SOUND):
        return True
    if after[:1] in (["is"], ["are"]) and after[2:3] == ["my"]:
        after = after[1:]  # where someone's thing is: "is on my fridge" (not "is on the vocals")
    owner = " ".join(after[:2])
    # (one word may describe the voice: "more reverb on my king voice", "on my narrator voice")
    described = after[3:4] != [] and after[3] in SOUND
    return owner in _OWNED_BY and len(after) > 2 and after[2] not in SOUND and not described


# Effects' names that name nothing else a person has (not "my delay", a flight's; "my room").
ONLY_EFFECTS = frozenset({"reverb", "reverbs", "verb", "reverberation", "low pass", "lowpass", "lo pass",
                          "high cut", "hi cut", "treble cut", "highcut", "lpf", "high pass", "highpass",
                          "hi pass", "low cut", "lo cut", "bass cut", "lowcut", "hpf", "distortion",
                          "overdrive", "compression", "slapback"})  # fmt: skip


# ... and after them, a thing of theirs: "my reverb pedal", "my low cut jeans".
_THINGS = statements.GEAR | frozenset(
    "jeans top tops dress shirt blouse neckline sweater jumper vest".split()
)


# Verbs an order over "my <effect>" opens with: "reset my comp", "make my delay shorter".
MY_EFFECT_ORDERS = IMPERATIVES | {"reset", "undo", "shorten", "lengthen", "speed", "slow", "double", "halve"}


def my_effect_ordered(before: list[str], after: list[str]) -> bool:
    """ "Reset my comp", "a hundred and ten on my low cut": the user's own effect, the object
    of an order or of a setting put on it, not a box of theirs ("my fuzz pedal") nor what is
    theirs ("my gain this quarter", "my low cut jeans" open with no order)."""
    if after[:1] and after[0] in statements.GEAR:
        return False
    ordered = bool(before) and before[0] in MY_EFFECT_ORDERS
    # "<a setting> on my <effect>": "gentler ratio on my compressor", "fifty ms off my echo"
    put_on = before[-2:-1] in (["on"], ["off"]) and before[0] not in statements.TELLERS
    return ordered or put_on


# Words after "of" that leave an effect word the effect: "a delay of about 300 ms", "a
# ratio of four to one", "the level of my voice", "a gain of plus three", "the volume of
# the music" (and the dialogue's words of the sound).
OF_THE_SOUND = frozenset("a an the my your his her our their its it this that these those them us me you "
                         "everything all some any each every about around roughly approximately maybe "
                         "exactly only just like couple plus music speech playback output input "
                         "headphones speakers".split())  # fmt: skip


def of_something_else(after: list[str], sound: frozenset[str]) -> bool:
    """ "the volume of traffic", "the level of detail", "the second volume of poems": an
    effect word measuring a thing named bare right after "of" ("the level of reverb" is
    the reverb's)."""
    if after[:1] != ["of"] or len(after) < 2:
        return False
    word = after[1]
    return word.isalpha() and word not in OF_THE_SOUND and word not in NUMBER_WORDS and word not in sound


# A thing a sound is likened to, not wished of ("I'd like the telly down" wishes).
LIKENED = re.compile(
    r"(?<! id)(?<! i)(?<! would)(?<! we)(?<! you)(?<! they)(?<! dont) like (?:the|a|an|my|our) \w+"
)


def not_this_sound(text: str) -> bool:
    """An effect's word said of a thing that is not sound ("the battery level is low"), in a
    set phrase, or of an effect left alone: the dialogue reads no change, and its decline
    says why (``declined.reply``)."""
    compared = LIKENED.sub(" ", text)  # "far too loud, like the telly": the telly only a likeness
    return has_phrase(compared, NOT_SOUND) or statements.elsewhere(text) or NAMED.search(text) is not None
