"""Sound pictures and problems that name no effect: what children, teenagers, older people
and anyone complaining say instead ("make my voice sound like I'm in a big cave", "make me
all muffly", "that fuzzy sound the young people like", "I can hear the fridge humming
underneath", "my loud and soft parts are too far apart"), each read as the effect a sound
engineer would reach for.

Written from the misses of the blind ``tune4`` corpus as kinds of sentence (a quality
wished for, a place or a thing the voice should sound in or through, a noise under the
voice, a level that jumps, an effect suggested), each tested on sentences of our own;
``test4`` was kept to measure them on.

Tokens are ``dialogue.normalize`` output; ``text`` is them joined with a space at each end.
"""

from __future__ import annotations

from voicertc.assistant import echo_pictures, loud_pictures, thing_pictures
from voicertc.assistant.descriptions import NEGATIONS
from voicertc.assistant.lexicon import EFFECT_NAMES, find_phrase, has_phrase, padded
from voicertc.assistant.spaces import DRY_SPACES, SPACES

Change = dict[str, object]

# -- a quality wished for: "make my voice all muffly", "I want that crusty sound" ----------

# Asking for a sound rather than complaining of one ("it sounds muffled" complains).
WISH = ("make", "makes", "want", "wanna", "give it that", "give me that", "give my voice that", "put on",
        "can i sound", "could i sound", "i wanna sound", "id like", "i would like", "let me sound",
        "turn me", "turn my voice", "should sound")  # fmt: skip
# Qualities an effect gives a voice: wished for, that effect is put on.
MADE_BY: dict[str, str] = {
    **dict.fromkeys(("distorted", "crunchy", "fuzzy", "dirty", "gritty", "crackly", "crackling", "scratchy",
                     "raspy", "rough", "gravelly", "growly", "growling", "hoarse", "crusty", "nasty",
                     "blown out", "deep fried", "overdriven", "broken up", "buzzy", "grainy", "grungy",
                     "sore throat", "electric guitar", "guitar amp", "blown speaker", "fried",
                     "broken speaker", "broken loudspeaker", "blown loudspeaker", "busted loudspeaker",
                     "broken megaphone"),
                    "distortion"),
    **dict.fromkeys(("muffled", "muffly", "muted", "dull", "dark", "murky"), "lowpass"),
    **dict.fromkeys(("echoey", "echoy", "cavernous", "reverberant", "roomy", "spacious", "churchy", "dreamy",
                     "ethereal", "heavenly", "angelic", "ambient", "atmospheric", "lush", "spooky", "haunted",
                     "ghostly", "eerie", "spacey", "spacy"), "reverb"),
    **dict.fromkeys(("echoing", "repeating", "hello hello", "repeat after me", "repeat myself",
                     "words repeat", "voice repeat", "say everything twice"), "delay"),
    **dict.fromkeys(("thin", "tinny"), "highpass"),
}  # fmt: skip
# What a quality is wished of: the voice ("make my voice all muffly", "give it that ..."),
# not a thing ("make my coffee dark", "I want my steak crusty") ...
WISHED_OF = frozenset("me my it its the a an that this all sound voice vocal vocals mic audio super really "
                      "so kind sort of bit little more go be to i im some real proper nice extra totally "
                      "very you put on please can could make get wanna want give should id would let turn "
                      "makes".split())  # fmt: skip
# ... and what may follow it: the end, a word of no thing ("rough round the edges"), or the sound
# within three words ("a fuzzy jumper", "a thin crust pizza" are things).
SAID_AFTER = frozenset("and like please lol for on to with again now too round around".split())
SOUND_NOUNS = frozenset("sound sounds voice vocal vocals tone thing effect vibe style mic".split())
_QUALITY_WORDS = frozenset(w for q in MADE_BY for w in q.split())
# Words that turn a wish into its opposite: "make it less muffled", "not so crunchy".
UNWISH = frozenset("less not no too so never without".split())


def wished(tokens: list[str]) -> Change | None:
    """ "make my voice all crackly and scratchy": the effect that gives that quality."""
    text = " " + " ".join(tokens) + " "
    lead = find_phrase(text, WISH)
    if lead < 0 or has_phrase(text, NEGATIONS):
        return None
    after = text[lead:]
    for quality, effect in MADE_BY.items():
        at = after.find(f" {quality} ")
        if at < 0:
            continue
        between = after[:at].split()[1:]
        if UNWISH.intersection(between[-2:]):
            continue
        if has_phrase(after[:at] + " ", SOUNDING):
            return {"effect": effect, "action": "add"}  # a picture: "sound like an old electric guitar"
        following = after[at + len(quality) + 2 :].split()[:3]
        of_the_voice = set(between) - _QUALITY_WORDS <= WISHED_OF  # ("that blown out, deep fried vocal")
        said_of_sound = not following or following[0] in SAID_AFTER or SOUND_NOUNS.intersection(following)
        if of_the_voice and said_of_sound:
            return {"effect": effect, "action": "add"}
    if has_phrase(after, ("sound broken", "sound like a broken", "sound like broken")):
        return {"effect": "distortion", "action": "add"}  # "I want to sound like a broken robot"
    return None


# -- a place wished for: "can I sound like I'm in a castle?" -------------------------------

MORE_SPACES = ("castle", "dungeon", "palace", "mansion", "temple", "cavern", "museum", "crypt", "tomb",
               "abbey", "mosque", "cathedral", "swimming pool", "train station", "sports hall",
               "a dream", "dreamy", "heaven", "heavenly", "ethereal", "angelic", "a haunted house",
               "a ghost")  # fmt: skip
SOUNDING = ("sound like", "sound as if", "sounds like", "sound as though")
# Open places with one far wall send the voice back as distinct echoes: a delay.
ECHO_PLACES = ("canyon", "valley", "mountain", "mountains", "cliff", "cliffs", "gorge")


def wished_place(tokens: list[str]) -> Change | None:
    """A big space wished for is reverb put on; a small closed one (a cupboard) heard from
    outside is muffled ("it sounds like I'm in a closet", complained of, lacks reverb:
    ``spaces.space``)."""
    text = " " + " ".join(tokens) + " "
    if find_phrase(text, WISH) < 0 or not has_phrase(text, SOUNDING) or has_phrase(text, NEGATIONS):
        return None
    if has_phrase(text, ECHO_PLACES):
        return {"effect": "delay", "action": "add"}
    if has_phrase(text, SPACES) or has_phrase(text, MORE_SPACES):
        return {"effect": "reverb", "action": "add"}
    if has_phrase(text, DRY_SPACES):
        return {"effect": "lowpass", "action": "add"}
    return None


# -- heard through something: "a pillow on my face", "a blanket over the mic" --------------

MUFFLERS = frozenset("pillow pillows blanket blankets towel towels duvet cushion scarf sock socks mask "
                     "covers sheet sheets hand hands coat coats".split())  # fmt: skip
OVER = frozenset("on over through under behind into in with".split())
MOUTHS = frozenset("face mouth mic microphone head".split())


def muffled(tokens: list[str]) -> Change | None:
    """ "like I'm talking with a pillow on my face": a low pass (wished for: put on; said of
    the sound: opened, as ``complaints.standalone`` reads "under a blanket")."""
    for i, tok in enumerate(tokens):
        if tok in MUFFLERS and OVER.intersection(tokens[max(i - 3, 0) : i]) | MOUTHS.intersection(tokens[i:]):
            text = " " + " ".join(tokens) + " "
            if not has_phrase(text, SOUNDING) and not has_phrase(text, ("talking", "speaking", "singing")):
                return None  # "there's a towel on my mic stand": no sound described
            return {"effect": "lowpass", "action": "add" if find_phrase(text, WISH) >= 0 else "increase"}
    return None


# -- an effect put on for a purpose: "I need the high pass for remove the low noise" --------

REMOVING = ("remove", "cut", "kill", "get rid of", "lose", "take out", "reduce", "tame", "stop", "block",
            "filter out", "clean up")  # fmt: skip


def for_removing(text: str) -> int:
    """Where an effect (blanked to "_") is put "to" or "for" taking something away, or -1:
    the removing is its purpose, not the action ("the low cut to remove the rumble")."""
    for link in ("to", "for"):
        at = text.find(f" _ {link} ")
        if at >= 0 and has_phrase(text[at + len(link) + 3 :], REMOVING):
            return at
    return -1


# -- a word said over and over: "make my voice go hello hello hello" ----------------------


# Words said over for emphasis or hurry, not acted out: "go go go", "more, more, more"
URGED = frozenset("no very really so go now quick come more less up down yes please stop".split())


def repeated(tokens: list[str]) -> Change | None:
    """A word said three times over in a wish acts out an echo."""
    text = " " + " ".join(tokens) + " "
    if find_phrase(text, WISH) < 0 and "go" not in tokens:
        return None
    for a, b, c in zip(tokens, tokens[1:], tokens[2:], strict=False):
        if a == b == c and a.isalpha() and a not in URGED:
            return {"effect": "delay", "action": "add"}
    return None


# -- a level that jumps: "my loud and soft parts", "my shouting jumps out" -----------------

LOUD = frozenset("loud louder shout shouts shouting shouty yell yells yelling scream screaming".split())
SOFT = frozenset("soft softer quiet quieter whisper whispers whispering mumble mumbling talking "
                 "speaking".split())  # fmt: skip
# The parts of the user's delivery, so "my neighbours are loud and my street is quiet" stays
# a statement.
DELIVERY = frozenset("words parts bits moments syllables sentences lines passages".split())
STANDS_OUT = ("jumps out", "jump out", "jumping out", "sticks out", "stick out", "sticking out", "pokes out",
              "spikes", "spiking", "blasts out")  # fmt: skip


def uneven(tokens: list[str]) -> Change | None:
    """Loud and soft set side by side, or the loud parts standing out, in the user's own
    delivery: the compressor (turned up when it is "still" so)."""
    text = " " + " ".join(tokens) + " "
    if tokens[0] in ("why", "how", "what", "which"):
        return None
    loud = [i for i, t in enumerate(tokens) if t in LOUD]
    soft = [i for i, t in enumerate(tokens) if t in SOFT and t not in ("talking", "speaking")]
    side_by_side = any(abs(i - j) <= 6 for i in loud for j in soft) and bool(DELIVERY.intersection(tokens))
    side_by_side = side_by_side or bool(loud and soft and _at_times(tokens))
    if not side_by_side and not (loud and has_phrase(text, STANDS_OUT)):
        return None
    return {"effect": "compressor", "action": "increase" if " still " in text else "add"}


# Loud and soft said of the times the caller speaks (corpus15's callers): "sometimes I'm loud
# and sometimes soft", "when I shout it's too much and when I whisper nobody hears".
OWN = frozenset("i im my me".split())


def _at_times(tokens: list[str]) -> bool:
    times = tokens.count("sometimes") + tokens.count("when") + " ".join(tokens).count("some time")
    return (times >= 2 or _one_then_the_other(tokens)) and not OWN.isdisjoint(tokens)


def _one_then_the_other(tokens: list[str]) -> bool:
    """Loud, then soft (or soft, then loud), a few words apart: "I get very loud, then very
    quiet for the prayer" (session 38)."""
    for i in (i for i, t in enumerate(tokens) if t == "then"):
        before, after = set(tokens[max(0, i - 4) : i]), set(tokens[i + 1 : i + 4])
        if (LOUD & before and SOFT & after) or (SOFT & before and LOUD & after):
            return True
    # ... or side by side: "I keep going loud and soft", "I'm loud or quiet"
    pairs = zip(tokens, tokens[1:], tokens[2:], strict=False)
    return any(b in ("and", "or") and {a, c} & LOUD and {a, c} & SOFT for a, b, c in pairs)


# -- a level kept steady: "keep my level steady", "tame the peaks" ------------------------

LEVELS = frozenset("level levels volume loudness voice".split())
STEADY = frozenset("steady consistent stable constant throughout".split())
PEAKS = frozenset("peaks peak spikes".split())
TAMING = frozenset("tame catch control squash limit flatten".split())


def steadied(tokens: list[str]) -> Change | None:
    """ "keep my level steady", "my volume should stay consistent", "can you tame the
    peaks": the compressor put on (not a louder or quieter voice)."""
    words = set(tokens)
    if (LEVELS & words and STEADY & words) or (PEAKS & words and TAMING & words):
        return {"effect": "compressor", "action": "add"}
    return None


# -- an effect suggested: "perhaps a compressor would tame my shouty bits?" -----------------

MODALS = frozenset("would could might will may".split())
HELPS = ("help", "work", "fix", "stop", "tame", "sort", "smooth", "even", "control", "do the trick",
         "be nice", "be good", "be great", "be cool", "be fun", "be better", "be perfect", "be ideal",
         "be useful", "be helpful", "sound good", "sound nice", "sound cool", "sound great")  # fmt: skip
ARTICLES = frozenset({"a", "an", "some", "the"})


# What the help is for, right after it: the sound or nothing ("a delay would help us finish
# the project" is the other delay).
HELPED = frozenset("here with my me it things a out this please so i on now there".split())


def _helps_the_sound(words: list[str]) -> bool:
    for i in range(len(words)):
        for phrase in HELPS:
            if words[i : i + len(phrase.split())] == phrase.split():
                following = words[i + len(phrase.split()) : i + len(phrase.split()) + 1]
                return not following or following[0] in HELPED or phrase in ("tame", "stop", "smooth", "even")
    return False


def suggested(tokens: list[str]) -> Change | None:
    """ "a delay would work here", "I'm told a compressor would help, could you turn one
    on": the effect named, put on (not a value of "one")."""
    text = " " + " ".join(tokens) + " "
    for effect, names in EFFECT_NAMES.items():
        for name in names:
            at = text.find(f" {name} ")
            if at < 0 or text[:at].split()[-1:] not in [[a] for a in ARTICLES]:
                continue
            rest = text[at + len(name) + 1 :]
            if rest.split()[:1] and rest.split()[0] in MODALS and _helps_the_sound(rest.split()[1:]):
                return {"effect": effect, "action": "add"}
            if has_phrase(rest, ("put one on", "turn one on", "switch one on", "add one", "pop one on")):
                return {"effect": effect, "action": "add"}  # "I need a compressor, could you put one on"
    return None


# -- a low noise under the voice: "I can hear the fridge humming underneath" ---------------

LOW_NOISES = frozenset("rumble rumbling rumbles humming hum hums thump thumps thumping thud thuds thudding "
                       "drone droning booming boom".split())  # fmt: skip
NOTICING = ("hear", "theres", "there is", "getting", "i get", "picks up", "picking up", "pick up")
# Where: under the user's voice, or from handling the gear ("when I bump the desk").
UNDER = ("background", "underneath", "under my voice", "behind me", "behind my voice", "on the mic",
         "on my mic", "in the mix", "in my recording", "through the mic", "when i", "desk",
         "table", "stand", "floor", "in my sound", "in my voice", "on my voice",
         # a picture of it: "a low noise, like a motor" (not "the traffic outside")
         "like a motor", "like motor", "like an engine")  # fmt: skip
# A noise said to be low: "a low noise", "a deep sound", "noise very low" ("the noise is very
# low now" is how loud it is).
NOISES = frozenset("noise noises sound sounds".split())
DEEP = frozenset("low deep".split())


def low_noise(tokens: list[str]) -> Change | None:
    """A low noise heard under the voice: a high pass (raised when it is "still" there)."""
    text = " " + " ".join(tokens) + " "
    noise = next((i for i, t in enumerate(tokens) if t in LOW_NOISES or _said_low(tokens, i)), None)
    if noise is None or not has_phrase(" " + " ".join(tokens[:noise]) + " ", NOTICING):
        return None
    if not has_phrase(text, UNDER):
        return None  # "I can hear thunder rumbling": the world, not the signal
    return {"effect": "highpass", "action": "increase" if " still " in text else "add"}


def _said_low(tokens: list[str], i: int) -> bool:
    if tokens[i] not in NOISES:
        return False
    before, after = tokens[max(0, i - 2) : i], tokens[i + 1 : i + 3]
    return bool(DEEP & set(before)) or (bool(after) and (after[0] in DEEP or after[:2] == ["very", "low"]))


# -- a small speaker: "I sound like a tiny radio now" -------------------------------------

SPEAKERS = ("radio", "telephone", "phone", "walkie talkie", "tin can", "megaphone", "intercom",
            "speakerphone", "transistor radio")  # fmt: skip
# People and programmes of the radio: "he sounds like a radio presenter" is about a voice.
ON_AIR = frozenset("presenter host dj announcer show station ad advert voice personality".split())


def small_speaker(tokens: list[str]) -> Change | None:
    """ "like a tiny radio", "like a cheap phone": the low end gone, so the high pass eased
    (wished for, put on, as ``complaints.standalone`` reads "like an old radio")."""
    text = " " + " ".join(tokens) + " "
    for speaker in SPEAKERS:
        at = text.find(f" {speaker} ")
        if at < 0:
            continue
        before = text[:at].split()[-3:]
        after = text[at + len(speaker) + 2 :].split()[:1]
        if "like" not in before or (after and after[0] in ON_AIR):
            continue
        wish = find_phrase(text, WISH)
        return {"effect": "highpass", "action": "add" if 0 <= wish < at else "decrease"}
    if has_phrase(text, ("some body back", "the body back", "bring back some body", "more body")):
        return {"effect": "highpass", "action": "decrease"}
    return None


# -- every effect gone, said as a child says it: "make me normal again" --------------------

NORMAL = ("me normal", "normal again", "sound normal", "my normal self", "back to me")
FUNNY_VOICES = ("funny voices", "funny voice", "silly voices", "silly voice", "weird voices", "weird voice",
                "voice effects", "funny sounds", "silly sounds")  # fmt: skip


def all_gone(tokens: list[str]) -> bool:
    text = " " + " ".join(tokens) + " "
    if has_phrase(text, NORMAL) and find_phrase(text, WISH) >= 0:
        return not has_phrase(text, echo_pictures.COMING_BACK)  # ("before my voice comes back to me")
    return has_phrase(text, FUNNY_VOICES) and (has_phrase(text, NEGATIONS) or has_phrase(text, ("no more",)))


# The picture asked of less: "I sound like I'm down a well, could you make it less like that?"
LESS_LIKE = ("less like that", "less like this", "less like it")


def pictured(tokens: list[str]) -> Change | None:
    """The first reading above that fits, if any."""
    if all_gone(tokens):
        return {"action": "reset"}
    for reading in (
        uneven,
        steadied,
        suggested,
        thing_pictures.pictured,  # (before a small speaker: "like a dropped radio, all crackle and spit")
        low_noise,
        small_speaker,
        muffled,
        echo_pictures.pictured,  # (before a place: "that stadium tannoy thing where every phrase comes back")
        wished_place,
        repeated,
        wished,
        loud_pictures.pictured,
    ):
        change = reading(tokens)
        if change is not None:
            break
    else:
        return None
    if change.get("action") == "add" and has_phrase(padded(tokens), LESS_LIKE):
        return {**change, "action": "decrease"}  # "... like the bottom of a well, a bit less like that"
    return change
