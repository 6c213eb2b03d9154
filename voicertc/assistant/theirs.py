"""Sounds that are not this call's: another thing's ("my phone sounds like a tin can", "the
announcements echo so much"), someone else's ("my neighbor's bass is so loud", "he uses a
lot of delay") or an instrument's ("the drums need more compression"). The effects act on
the user's voice alone, so such sentences are declined with their own reply
(``declined.OTHER_SOUND_TEXT``) whatever effect they name.

Tokens are ``dialogue.normalize`` output.
"""

from __future__ import annotations

from voicertc.assistant import asking
from voicertc.assistant.lexicon import EFFECT_WORDS, NAMING_WORDS, PARAM_WORDS, has_phrase, padded
from voicertc.assistant.numbers import find_numbers
from voicertc.assistant.other_times import FIRST_PERSON, HABITUAL
from voicertc.assistant.statements import ARTICLES, COPULAS, MARKERS, OF_MINE, SOUND_SUBJECTS


def others(tokens: list[str]) -> bool:
    """Another thing's sound (``thing_sounds``), someone else's (``someone_elses``) or an
    instrument's (``instrument``): the world, not this sound."""
    return thing_sounds(tokens) or someone_elses(tokens) or instrument(tokens)


# People (and pets) of the speaker's, whose sound is theirs: "my neighbor's bass is so loud".
_KIN = [
    [w]
    for w in "neighbor neighbors neighbour neighbours sister sisters brother brothers mom moms "
    "dad dads roommate roommates son daughter husband wife friend friends boss kids baby dog "
    "cat cousin cousins uncle aunt nephew niece grandson granddaughter grandma grandpa colleague "
    "flatmate".split()
]
# Someone else's habits with an effect: "my brother's band uses a lot of reverb".
HABITS = frozenset("uses likes loves plays prefers owns sells records mixes puts adds".split())
HABIT_STEMS = frozenset("use like love play prefer own".split())
PEOPLE = frozenset("he she they everyone everybody someone somebody people".split())
# People in general, by their craft: "some singers put delay on every line".
GROUPS = tuple(f"{many} {who}" for many in ("some", "a lot of", "lots of", "most", "many", "loads of", "all")
               for who in ("singers", "podcasters", "rappers", "streamers", "youtubers", "bands",
                           "producers", "engineers", "djs", "artists", "musicians", "vocalists", "presenters",
                           "people"))  # fmt: skip
NOT_OTHERS = frozenset("it this that which what who you i we".split())
# Levels of other things: "the traffic noise is getting louder", "it's too quiet in the library".
LEVELS = frozenset("louder quieter loud quiet softer noisy noisier".split())
VERBS_OF_STATE = frozenset("is are was were keeps keep gets get getting got seems".split())
SUBJECT_OPENERS = frozenset("the that this these those my our his her their".split())
PLACE_AFTER = ("in the", "at the", "in my", "in our", "in this", "at my", "outside", "downstairs", "upstairs",
               "next door", "without")  # fmt: skip


# What others hear themselves in: a level there is theirs, not this voice's.
IN_THEIR_EARS = tuple(f"in {whose} {what}" for whose in ("their", "his", "her")
                      for what in ("monitors", "monitor", "headphones", "ears", "wedges"))  # fmt: skip
# ... unless ours is named: "turn the reverb down in their headphones" is this voice's reverb.
_OURS = frozenset({"me", "my", "i", "us", "our"}) | NAMING_WORDS
# Words of when, after a level's "at the": "too loud at the moment" is a time, not a place.
WHEN = frozenset("moment minute minutes second start end beginning time".split())


def someone_elses(tokens: list[str]) -> bool:
    """Someone else's habit with an effect ("he uses a lot of delay"), or the level of
    another thing or place ("the traffic noise is getting louder", "it's too quiet in the
    library")."""
    for i, tok in enumerate(tokens[1:], 1):
        told = not NAMING_WORDS.isdisjoint(tokens[i + 1 : i + 6])  # (not "while the band plays")
        if tok in HABITS and tokens[i - 1] not in NOT_OTHERS and tokens[i - 1] not in EFFECT_WORDS and told:
            return True
        if tok in HABIT_STEMS and tokens[i - 1] in PEOPLE:
            return True  # "he likes", written "like" by the near-keyword correction
    if has_phrase(padded(tokens), IN_THEIR_EARS) and _OURS.isdisjoint(tokens):
        return True  # "bring the backing vocalists up a couple of dB in their monitors"
    kin = tokens[0] in ("my", "our") and tokens[1:2] in _KIN
    if kin and tokens[2:3] and tokens[2] in HABITS:
        return True  # "my cousin plays his guitar through a pedal that makes it all fuzzy"
    someone = tokens[0] in ("his", "her", "their") or kin
    # "the lecturer's voice is very soft" (its apostrophe gone from the tokens)
    someone = someone or (
        tokens[0] == "the" and len(tokens) > 2 and tokens[1].endswith("s") and tokens[2] == "voice"
    )
    if someone and any(t in COPULAS for t in tokens[2:7]):
        return True  # "her voice on that record is so wet", "my neighbor's bass is so loud": someone else's
    if _habitually(tokens) or has_phrase(padded(tokens[:4]), GROUPS):
        return True  # "a lot of podcasters use way too much compression"
    levels = [i for i, t in enumerate(tokens) if t in LEVELS]
    if not levels or has_phrase(padded(tokens), MARKERS) or _said_of_me(tokens[: levels[0]]):
        return False  # (a level set against another is ``level_compared``'s)
    text = padded(tokens[levels[0] + 1 :])
    # Where, or without whom: "too quiet in the library", "so quiet without the kids" (not
    # "too quiet without the reverb", which is this sound's).
    place = [_noun(text.split(f" {p} ", 1)[1].split()) for p in PLACE_AFTER if f" {p} " in text]
    ours = OF_MINE | EFFECT_WORDS | WHEN  # ("too loud at the moment": when, not where)
    if any(w.isalpha() and w not in ours for w in place) or has_phrase(text, ("outside", "next door")):
        return True
    verb = next((i for i, t in enumerate(tokens[: levels[0]]) if t in VERBS_OF_STATE), None)
    if verb is None or verb < 2 or tokens[0] not in SUBJECT_OPENERS:
        return False
    if _located_elsewhere(tokens[1:verb]):
        return True
    subject = set(tokens[1:verb])
    return not subject & (OF_MINE | EFFECT_WORDS | SOUND_SUBJECTS | {"music"})


# Where a sound of this call may be said to be: "the vocal in the chorus", "the hum in the
# background", "the reverb in my headphones" (what the caller hears of it).
OF_THIS_CALL = frozenset("chorus verse bridge intro outro start beginning end middle half part parts "
                         "background song track take recording mix stream call".split())  # fmt: skip


def _located_elsewhere(subject: list[str]) -> bool:
    """A subject placed somewhere not of this call: "the speakers at the gym", "the echo in
    the hallway" ("are way too loud" is theirs, whatever word the subject shares with ours)."""
    text = padded(subject)
    place = [_noun(text.split(f" {p} ", 1)[1].split()) for p in PLACE_AFTER if f" {p} " in text]
    ours = OF_MINE | EFFECT_WORDS | ROOMS | OF_THIS_CALL
    return any(w.isalpha() and w not in ours for w in place)


# How things always are, or what others always do: "the subway announcements are always
# muffled", "podcasters usually cut the low end under eighty hertz". A complaint says it of
# this sound ("my voice is always muffled", "it's always too quiet"), which the subject shows,
# and what others say of it is passed on ("people always say I'm too quiet").
ASKING = (asking.POLITE - {"will"}) | {"you"}  # ("the drums will always need compression": told)


def _habitually(tokens: list[str]) -> bool:
    """A thing's sound told as how it always is, or others' habit, said of no sound of
    this call's."""
    at = next((i for i, t in enumerate(tokens[:-1]) if i and t in HABITUAL), 0)
    if not at:
        return False  # none, or nothing before it to be the subject
    verb = at - 1 if tokens[at - 1] in COPULAS else at
    subject = set(tokens[:verb]) - ARTICLES
    if not subject or subject & (OF_MINE | EFFECT_WORDS | SOUND_SUBJECTS | NOT_OTHERS | ASKING):
        return False
    return verb < at or not (set(tokens[at:]) & (FIRST_PERSON | ASKING))


SAYING = frozenset("say says saying said tell tells telling told".split())


def _said_of_me(before: list[str]) -> bool:
    """ "my producer keeps saying I'm too quiet": someone's word on this call's sound."""
    said = next((i for i, t in enumerate(before) if t in SAYING), None)
    return said is not None and not FIRST_PERSON.isdisjoint(before[said + 1 :])


def _noun(words: list[str]) -> str:
    """The first word of ``words`` after any article: "the kids" -> "kids"."""
    return next((w for w in words if w not in ARTICLES), "")


# What a thing does to a sound: "my phone sounds like a tin can", "the amp keeps humming".
# ("makes" is written "make"); what a thing had or has, or someone said: "the karaoke machine
# at the party had so much echo", "the producer said the mix is a bit muddy"
SOUNDING = frozenset("sounds makes make keeps had has said says echoes hums buzzes hisses rings booms "
                     "rattles crackles whistles squeals".split())  # fmt: skip
TOLD = frozenset("had has said says have say".split())  # ("have", "say": after a plural)
NOISES = frozenset("humming buzzing hissing crackling ringing beeping clicking popping rattling whistling "
                   "squealing feeding booming".split())  # fmt: skip
# A request said with it: "my cat keeps walking on the desk, can you put a high pass on".
ASKS = frozenset("you please lets want need".split())  # ("a tin can" asks nothing)
# Places whose sound is the voice's room: "the room sounds dead" asks for reverb.
ROOMS = frozenset("room studio booth space place".split())


# What things (said in the plural) do to sound: "the announcements echo so much", "these
# earplugs cut everything above a pitch", "my neighbours' speakers sound awful". Only after
# a plural, where the word is a verb, not a noun ("the guitar echo is too loud").
PLURAL_SOUNDING = frozenset("sound echo cut have say keep".split())


# (session 49, tune29) Another app or call's sound told of: "Zoom makes my voice sound like a tin
# can", "the voice chat in my game makes everyone sound crunchy".
APPS = frozenset("zoom skype teams discord facetime whatsapp slack twitch youtube tiktok instagram".split())
CHANNELS = ("the voice chat", "the game chat", "the video call", "the phone call", "the group call",
            "the conference call", "my phone", "my laptop", "my headset")  # fmt: skip
_DOES = frozenset("make makes made sound sounds sounded turn turns turned always".split())


def _an_app(tokens: list[str]) -> bool:
    if tokens[:1] and tokens[0] in APPS:
        return tokens[1:2] != [] and tokens[1] in _DOES
    text = " ".join(tokens[:3])
    return any(text.startswith(ch) for ch in CHANNELS) and not {"make", "makes"}.isdisjoint(tokens[:8])


# (session 50, tune30) What a listener's device does, asked: "would the museum's headsets cut off the low
# end of my voice", "will their phones make me sound tinny".
_WONDERING = frozenset("would will do does can could might".split())
DEVICES = frozenset("headset headsets headphones earbuds speaker speakers phone phones laptop laptops radio "
                    "radios tv tvs telly aids".split())  # fmt: skip


def _a_device_asked(tokens: list[str]) -> bool:
    return (
        bool(tokens)
        and tokens[0] in _WONDERING
        and "you" not in tokens
        and bool(DEVICES.intersection(tokens[1:5]))
    )


def thing_sounds(tokens: list[str]) -> bool:
    """Another thing's sound described ("my phone sounds like a tin can on speaker", "the
    tunnel makes the car sound boomy", "the amp at practice keeps humming"): the world's,
    not this sound's."""
    if (_an_app(tokens) and not _asks(tokens)) or _a_device_asked(tokens):
        return True
    verb = next(
        (
            i
            for i, t in enumerate(tokens[:7])
            if (t in SOUNDING or _plural_verb(tokens, i)) and not _a_noun(tokens, i)
        ),
        None,
    )
    if verb is None or verb < 2 or tokens[0] not in SUBJECT_OPENERS or _asks(tokens):
        return False
    if tokens[verb] == "make" and find_numbers(tokens[verb + 1 : verb + 4]):
        return False  # an order with its value: "the gap between echoes, make it one and a half seconds"
    noise = tokens[verb + 1 : verb + 2] and tokens[verb + 1] in NOISES
    if tokens[verb] == "keeps" and not noise:
        return False  # "my cat keeps walking across the desk"
    if tokens[verb] in TOLD:
        told = tokens[verb + 1 :]
        if not _SOUNDS_OF.intersection(told) or _of_me(told):
            return False  # "the class has a low student to teacher ratio": no sound in it;
            # "my viewers say I'm too quiet": this sound, as others hear it
    thing = tokens[1]
    if not thing.isalpha() or len(thing) < 2 or thing in OF_MINE or thing in ROOMS:  # ("the s sounds")
        return False
    # "the amp keeps humming": the box, not the gain ("the release is too long, make it shorter": ours)
    return noise or (thing not in EFFECT_WORDS and thing not in PARAM_WORDS)


def _asks(tokens: list[str]) -> bool:
    """A request said beside the story: "you" only as asked ("can you put a high pass on"),
    not as told ("you can't hear your gate")."""
    return any(
        t in ASKS and (t != "you" or (i > 0 and tokens[i - 1] in ASKING_YOU)) for i, t in enumerate(tokens)
    )


ASKING_YOU = frozenset("can could would will".split())


# (session 47, tune27) Words before a sounding word that make it a noun: "the gap between echoes".
_NOUN_BEFORE = frozenset("between of with no more less some any".split())


def _a_noun(tokens: list[str], i: int) -> bool:
    return i > 0 and tokens[i - 1] in _NOUN_BEFORE


def _plural_verb(tokens: list[str], i: int) -> bool:
    return tokens[i] in PLURAL_SOUNDING and i >= 2 and len(tokens[i - 1]) > 3 and tokens[i - 1].endswith("s")


_TOLD_OF_ME = frozenset("im me my mine".split())
# "I" as the one who sounds ("they say I sound quiet"), not the one who listened ("the exercise
# had so much echo I couldn't follow it").
_I_SOUNDING = frozenset("sound sounded am was seem seemed".split())


def _of_me(told: list[str]) -> bool:
    return bool(_TOLD_OF_ME.intersection(told)) or any(
        t == "i" and told[k + 1 : k + 2] and told[k + 1] in _I_SOUNDING for k, t in enumerate(told)
    )


# Words of a sound in what a thing had or someone said ("the party had so much echo").
_SOUNDS_OF = frozenset(
    "echo echoes reverb hum buzz hiss noise bass treble mix muddy boomy loud quiet "
    "distorted tinny delay distortion compressor compression fuzz".split()
)


# -- an instrument's sound: "put reverb on the guitar", "the drums need more compression" --

INSTRUMENTS = frozenset("guitar guitars drum drums snare snares piano pianos synth synths keyboard "
                        "strings horns violin cello organ ukulele uke hihat hihats cymbal "
                        "cymbals".split())  # fmt: skip
# Before the instrument, words that make it the thing changed or described: "on the guitar",
# "to the drums", "the drums need ..." (not "louder than the guitar", "like an old guitar").
ONTO = frozenset("on to for onto".split())
NOT_THE_TARGET = frozenset("than like over above under".split())


def instrument(tokens: list[str]) -> bool:
    """An effect put on, or wanted by, an instrument: the call carries the user's voice only
    (a level set against one is ``statements.level_compared``'s: "the drums are louder than me")."""
    if has_phrase(padded(tokens), MARKERS):
        return False
    for i, tok in enumerate(tokens):
        if tok not in INSTRUMENTS:
            continue
        before = tokens[max(i - 3, 0) : i]
        if NOT_THE_TARGET.intersection(before) or tokens[i + 1 : i + 2] in (["amp"], ["amps"]):
            continue
        if ONTO.intersection(before) or set(before) <= ARTICLES | {"my", "our"}:
            return True
    return False
