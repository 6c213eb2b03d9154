"""Sentences that borrow an effect's word in another of its senses, or talk about someone
else's sound or about the craft, and so ask for nothing: "she gained so much confidence",
"the second volume of that series", "compression socks", "the mirror gave my face a funny
distortion", "my brother's voice is really deep", "this font is too thin to read", "reset
the score", "I need to clean this room", "which reverb plugin do engineers use?".

Written from the off-topic misses of the blind ``tune4`` corpus as kinds of sentence (the
word's other sense, a third person as the subject, a question about what others do), each
tested on sentences of our own; ``test4`` was kept to measure them on.

Tokens are ``dialogue.normalize`` output (the near-keyword correction writes "gained" as
"gain"); ``text`` is them joined with a space at each end.
"""

from __future__ import annotations

import re
from itertools import pairwise

from voicertc.assistant.lexicon import ACTION_WORDS, EFFECT_WORDS, IMPERATIVES, KNOWN, NAMING_WORDS
from voicertc.assistant.numbers import find_numbers

# -- "gain" as a verb: "she gained confidence", "I've gained a few kilos" -----------------

# Who gains: a subject right before the verb ("we need gain" and "I want gain" ask for it).
GAINERS = frozenset("i ive she he we weve they theyve you youve hes shes has have had who it "
                    "everyone everybody someone people".split())  # fmt: skip
# What the sound gains: "can I gain some volume on my mic".
SOUND_GAINED = frozenset("db dbs decibel decibels volume level loudness signal headroom".split())


def gained_something_else(tokens: list[str]) -> bool:
    """ "she gained so much confidence": someone gained a thing that is not level."""
    for i, tok in enumerate(tokens[1:], 1):
        if tok == "gain" and tokens[i - 1] in GAINERS:
            after = tokens[i + 1 : i + 5]
            if not after or SOUND_GAINED.intersection(after) or find_numbers(after):
                continue  # "the mic gained 3 dB", "I gain": no thing named, or a level
            return True
    return False


# -- "volume" as a book: "the second volume of that series" -------------------------------

ORDINALS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth last next final "
                     "latest previous".split())  # fmt: skip
BOOKS = frozenset("series book books novel novels manga comic comics encyclopedia encyclopaedia trilogy saga "
                  "edition collection anthology poems poetry stories essays works "
                  "magazine".split())  # fmt: skip


def a_book(tokens: list[str]) -> bool:
    """ "the second volume", "a volume of her poems": a book, not the level."""
    for i, tok in enumerate(tokens):
        if tok not in ("volume", "volumes"):
            continue
        if i > 0 and tokens[i - 1] in ORDINALS:
            return True
        at = i + 2 if find_numbers(tokens[i + 1 : i + 2]) else i + 1  # "volume three of the series"
        if tokens[at : at + 1] == ["of"] and BOOKS.intersection(tokens[at + 1 : at + 5]):
            return True
    return False


# -- an effect's word naming a kind of thing: "compression socks" --------------------------

# Things (clothes, care, fractures) an effect's word is said of in its other sense.
THINGS_NAMED = frozenset("socks sock stockings stocking sleeve sleeves garment garments tights leggings "
                         "shorts shirt bandage bandages wrap wraps boots therapy fracture fractures "
                         "molding moulding".split())  # fmt: skip


def a_kind_of_thing(tokens: list[str]) -> bool:
    return any(a in EFFECT_WORDS and b in THINGS_NAMED for a, b in pairwise(tokens))


# -- distortion of what is seen: "the funhouse mirror gave my face a funny distortion" -----

SEEN = frozenset("mirror mirrors lens lenses glasses photo photos photograph picture pictures image "
                 "images face faces reflection camera map maps painting paintings window glass "
                 "truth facts story history perspective perception".split())  # fmt: skip
DISTORTING = frozenset({"distortion", "distortions", "distorted", "distort", "distorts", "distorting"})


# A picture asked for: "make my voice distorted like a broken mirror" wants the effect.
ASKING = frozenset("make want wanna add put apply set".split())  # (and "set the distortion to forty")


def seen_distorted(tokens: list[str]) -> bool:
    seen = DISTORTING.intersection(tokens) and SEEN.intersection(tokens)
    return bool(seen) and not ASKING.intersection(tokens)


# -- someone else's voice: "my brother's voice is really deep, he sounds like a DJ" --------

PERSONS = frozenset("brother sister mum mom mother dad father friend wife husband son daughter boss teacher "
                    "neighbour neighbor uncle aunt grandma grandpa granny grandad cousin partner "
                    "boyfriend girlfriend kid baby colleague roommate flatmate".split())  # fmt: skip
VOICE_WORDS = frozenset("voice voices vocals vocal singing mic microphone accent laugh".split())
# A wish makes it a request after all: "make my voice sound like my brother's voice".
WISHING = frozenset("make want wanna id could can would please give turn set add put need".split())
THIRD = frozenset({"he", "she", "they", "hes", "shes"})
SAYING = frozenset("sounds sound is are was were has".split())


def someone_elses_voice(tokens: list[str]) -> bool:
    """Another person's voice or sound as the subject, and no wish."""
    if WISHING.intersection(tokens):
        return False
    if tokens[0] in THIRD and tokens[1:2] and tokens[1] in SAYING:
        return True  # "he sounds like a radio presenter"
    if tokens[0] in ("my", "our") and len(tokens) > 2 and tokens[1] in PERSONS and tokens[2] in SAYING:
        return True  # "my dad sounds like a radio"
    for a, b in pairwise(tokens):
        if a.endswith("s") and a[:-1] in PERSONS and b in VOICE_WORDS:
            return True  # "my brother's voice", "my parents' singing"
    return False


# -- questions about the craft: "why do singers use so much reverb?" -----------------------

CRAFT_OPENERS = frozenset("why which what how do does did".split())
# Other people at the craft, and the gear they buy.
CRAFTSPEOPLE = frozenset("singers singer engineers engineer producers producer artists musicians rappers "
                         "bands band djs dj pros professionals mixers youtubers streamers podcasters "
                         "guitarists vocalists studios people".split())  # fmt: skip
GEAR = frozenset("plugin plugins plug pedal pedals brand brands model models unit units".split())


def about_the_craft(tokens: list[str]) -> bool:
    """A question about what others use or do, which asks this chain for nothing ("which
    reverb plugin do engineers use?", "why do singers use so much reverb on ballads?")."""
    if tokens[0] not in CRAFT_OPENERS or len(tokens) < 3:
        return False
    return bool(CRAFTSPEOPLE.intersection(tokens) or (tokens[0] == "which" and GEAR.intersection(tokens)))


# -- a truth about any effect of a kind: "a delay with infinite feedback will keep building" ---

# What a truth is told with, and what would make it a wish ("a compressor is what I need").
TRUTH_VERBS = frozenset("is are will makes make gives give keeps means sounds".split())
TRUTH_UNSAID = frozenset("please you can could me my id want need would lets".split())


def a_truth(tokens: list[str]) -> bool:
    """A truth said of an effect of a kind, not this chain's ("a low pass at three k is what makes a
    voice sound like a phone", "attack and release on a bus compressor are the settings I fuss over")."""
    if not TRUTH_UNSAID.isdisjoint(tokens) or TRUTH_VERBS.isdisjoint(tokens):
        return False
    at = 0 if tokens[0] in ("a", "an") else None  # "a delay with infinite feedback will ..."
    for i in range(1, 4):  # "ratio on a limiter is usually ...": a setting of any such effect
        if at is None and tokens[i : i + 1] == ["on"] and tokens[i + 1 : i + 2] in (["a"], ["an"]):
            at = i + 1
    return at is not None and not NAMING_WORDS.isdisjoint(tokens[at + 1 : at + 3])


# -- "too thin to read": a quality of a thing seen, held, read ----------------------------

# What the thing is too much so for, when it is not heard: "too dark to see", "too thin to
# read" (but "too quiet to hear", "too muddy to understand" are about the sound).
NOT_HEARD = frozenset("read see look wear eat drink lift carry fit hold touch drive walk climb swim cross "
                      "sit sleep write type print watch".split())  # fmt: skip


def too_for_another_sense(tokens: list[str]) -> bool:
    for i, tok in enumerate(tokens[:-3]):
        if tok == "too" and tokens[i + 2] == "to" and tokens[i + 3] in NOT_HEARD:
            return True
    return False


# -- a reset of something else: "reset the score", "restart the game" ---------------------

RESETTING = frozenset({"reset", "restart", "resetting"})
DETERMINERS = frozenset("the this that our your his her their a".split())
# What a reset of the chain may name besides the effects' and the sound's own words.
CHAIN_THINGS = frozenset("effects effect settings setting setup chain sounds vocals vocal mix levels "
                         "processing filters stuff things whole lot board knobs dials".split())  # fmt: skip


def resets_another_thing(tokens: list[str]) -> bool:
    for i, tok in enumerate(tokens[:-2]):
        if tok in RESETTING and tokens[i + 1] in DETERMINERS:
            thing = tokens[i + 2]
            return thing.isalpha() and thing not in CHAIN_THINGS and thing not in KNOWN
    return False


# -- chores in a room: "I need to clean this room" ------------------------------------------

CHORES = frozenset("clean tidy vacuum hoover dust sweep mop paint decorate renovate heat rent book "
                   "redecorate furnish".split())  # fmt: skip
ROOMS = frozenset({"room", "rooms", "hall", "space", "kitchen", "bedroom"})


def a_chore(tokens: list[str]) -> bool:
    for i, tok in enumerate(tokens):
        if tok in CHORES and ROOMS.intersection(tokens[i + 1 : i + 4]):
            return True
    return False


# -- another walk of life: "my hair needs more volume", "start with the eighty grit sandpaper" --

# Things of other trades and rooms that no effect is about.
# ("a hair quieter" is an amount: the hair is the stylist's.)
FOREIGN = frozenset("haircut stylist shampoo sandpaper lake fishing fish trading stocks shares market "
                    "furniture apartment sofa couch carpet curtains recipe soup coffee garden lawn plants "
                    "compost cereal milk police student students teacher teachers "
                    # the workshop's and the garden's things (corpus14's and corpus15's callers)
                    "mulch roses branch branches joint hinge hinges screws nails plank "
                    "planks timber paint paintbrush tyre tyres hedges".split())  # fmt: skip
# ("a low shelf" is a filter, "the delay leaves a trail", "some secret sauce": not listed.)
# ... unless the sentence is about this sound after all: "I sound like I'm in a coffee shop".
THIS_SOUND = frozenset("sound sounds voice vocal vocals mic microphone audio recording me im i".split())


def other_trade(tokens: list[str]) -> bool:
    if not FOREIGN.intersection(tokens) or THIS_SOUND.intersection(tokens):
        return False
    # (session 50, tune30) an effect named and ordered: "where reverb turns to soup, cut it back"
    return not (_NAMED_EFFECTS.intersection(tokens) and not _ORDERING.isdisjoint(tokens))


# The effects by their own names (not a band's words: "cut the low branches", "a striped bass").
_NAMED_EFFECTS = frozenset(
    "reverb verb echo echoes delay compressor compression distortion fuzz overdrive".split()
)


# -- an effect's box shopped for: "I'm saving up for a new reverb pedal" -----------------

BOXES = frozenset("pedal pedals tank unit units box rack plugin plugins brand brands model models stompbox"
                  .split())  # fmt: skip
SHOPPING = frozenset("buy buying bought order ordered ordering stock saving afford price prices priced "
                     "expensive cheap cheaper sale shop shopping cost costs sold selling"
                     .split())  # fmt: skip


def shopped_for(tokens: list[str]) -> bool:
    """An effect's box ("reverb pedal", "compressor brand") bought, priced or waited for."""
    boxed = any(t in BOXES and tokens[i - 1] in EFFECT_WORDS for i, t in enumerate(tokens[1:], 1))
    return boxed and not SHOPPING.isdisjoint(tokens)


# -- a level checked, not changed: "say something into the mic so I can check the level" ----
# (session 48, tune27; not "check the level is ok and then turn me up": its other part asks)

CHECKED = re.compile(
    r" (?:check|checking|test|testing) (?:the |my |your |our |its )?(?:levels?|volume|gain|mic|sound) "
    r"| (?:level|sound|mic) checks? "
)


# What orders a change beside the check: "check the level, then turn me up", "..., crank me up".
_ORDERING = IMPERATIVES | frozenset(
    word for action, words in ACTION_WORDS if action != "add" for word in words
)


def a_check(tokens: list[str]) -> bool:
    return CHECKED.search(" " + " ".join(tokens) + " ") is not None and _ORDERING.isdisjoint(tokens)


def borrowed(tokens: list[str]) -> bool:
    """Any of the readings above: the sentence asks this chain for nothing."""
    return (
        gained_something_else(tokens)
        or a_book(tokens)
        or a_kind_of_thing(tokens)
        or seen_distorted(tokens)
        or someone_elses_voice(tokens)
        or about_the_craft(tokens)
        or too_for_another_sense(tokens)
        or resets_another_thing(tokens)
        or a_chore(tokens)
        or other_trade(tokens)
        or shopped_for(tokens)
        or a_truth(tokens)
        or a_check(tokens)
    )
