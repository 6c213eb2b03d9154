"""Sentences that use an effect's word and ask for nothing: set phrases, the word as a
verb, comparisons of other things, exclamations and opinions about the world.

Written from the off-topic misses of the blind ``tune3`` corpus (issue 20, docs/speech.md
"Session 13"), as kinds of sentence rather than the sentences themselves; ``test3`` was
kept to measure them on.

Tokens are ``dialogue.normalize`` output; ``text`` is them joined with a space at each end.
"""

from __future__ import annotations

import re
from itertools import pairwise

from voicertc.assistant.lexicon import EFFECT_NAMES, EFFECT_WORDS, IMPERATIVES, ONE_WORD_NAMES, has_phrase
from voicertc.assistant.numbers import find_numbers

# Set phrases in which an effect's word means something else: "sorry for the delay", "no
# pain, no gain", "a high level overview", "actions speak louder than words".
SET_PHRASES = ("sorry for the delay", "delay in getting", "delay in replying", "delay in responding",
               # a pass in a game, a gain against a loss: "he made a low pass to the winger"
               *(f"{made} a {height} pass" for made in ("made", "threw", "kicked", "played", "hit")
                 for height in ("low", "high")),
               *(f"pass to the {player}" for player in ("winger", "striker", "keeper", "goalkeeper",
                                                         "forward", "defender", "midfielder", "goalie")),
               "loss is your gain", "loss is my gain",
               "no pain no gain", "high level", "top level", "next level", "entry level",
               "speak louder", "louder than words", "volume button", "volume buttons", "volume knob on my",
               "phones volume", "echo dot", "space station", "outer space", "parking space", "pass rate",
               "pass rates", "space shuttle", "feedback from", "customer feedback",
               # (not "feedback about thirty percent": a setting)
               *(f"feedback about {what}" for what in "the my our your it this that how".split()),
               "your feedback", "honest feedback", "positive feedback", "negative feedback", "feedback form",
               "constructive feedback", "flight delay", "flight delays", "train delay", "train delays",
               "traffic delay", "traffic delays", "shipping delay", "delivery delay", "echo cancellation",
               "echo cancelling", "echo canceling", "pass student", "pass mark", "pass grade",
               "level with me", "level with you", "level with us", "on the level", "im at level",
               "reached level", "pain threshold", "threshold of pain",
               "is the name of", "spirit level", "drum kit", "weight gain", "a sale on", "around here",
               "the fuzz showed", "crunch time", "can you hear me", "can everyone hear me", "do you hear me",
               "bass drop", "losing my voice", "lost my voice", "cant hear you", "cannot hear you",
               "stream delay", "delay between",  # the broadcast's, not an effect
               # talk about songs: "the lyrics go echo, echo", "pump up the volume is such a classic"
               "lyrics", "the crowd", "sings along", "sing along", "such a classic", "a classic track",
               "a classic song", "old song", "in the nineties", "in the eighties", "in the seventies",
               "was everywhere")  # fmt: skip

# Phrases that look like an action word but are places, times or comparisons: "the studio
# down the road", "back in the day", "worth more than my car".
NOT_ACTIONS = ("down the road", "up the road", "down the street", "up the street", "down the hall",
               "back in the day", "more than", "less than",
               # how an effect went, not taken away: "the delay's gone all weird"
               "gone all", "gone weird", "gone wrong", "gone crazy", "gone funny",
               "gone strange",
               # a song's part: "before the drop, echo on"; when in the singing: "ring on after I stop"
               "the drop", "after i stop", "when i stop", "once i stop", "before i start", "after i finish",
               "when i finish",
               # an echo's picture, sound bouncing back: "like an echo off a cliff", "bouncing off the walls"
               "off a cliff", "off the cliffs", "off a wall", "off the wall", "off the walls",
               "off a mountain", "off the mountains", "off the hills", "bounce off", "bounces off",
               "bouncing off",
               # a reason to have it: "it feels empty without it", "I sound naked without the reverb"
               *(f"{bare} without" for bare in ("empty", "flat", "naked", "bare", "lost", "dead", "dull",
                                                 "lonely", "thin", "boring")))  # fmt: skip
# What has gone, said as a state, not a wish: "the echo's gone, put it back" (but "I want the
# echo gone", "get rid of the echo, I want it gone").
GONE_STATE = re.compile(
    r" (?:is|has|was|are|were|have|been|its|thats|theyre|theyve|"
    + "|".join(sorted((n + "s" for n in ONE_WORD_NAMES), key=len))
    + r") gone "
)


def gone_as_state(text: str) -> str:
    """``text`` with a state of having gone ("the reverb is gone") blanked: no removal asked."""
    return GONE_STATE.sub(" _ ", text)


# Opinions and stories about people in general, not a request: "some people put distortion
# on everything these days", "I used to think more reverb meant a better mix".
GENERAL = ("some people", "these days", "used to think", "i was wrong", "back in the day", "in that video",
           "explains", "explained", "an article", "a video about", "a book about", "a podcast about",
           "a blog", "recommend", "recommendation", "recommendations", "a video on", "a tutorial", "tutorial",
           "a lesson on", "a course on", "an article on", "reading about", "read about",
           # a topic, or what things are for: "today we're talking about compression"
           "talking about", "podcast is about", "episode is about", "video is about", "are used in",
           "is used in", "are used for", "is used for", "my favorite", "my favourite")  # fmt: skip

# Subjects of a comparison that are the user's sound: "my voice is quieter than the music" asks
# for more gain; "that song is louder than the last one" asks for nothing.
SOUND_SUBJECTS = frozenset("it its i im me my voice sound mic audio vocals vocal signal mix everything "
                           "make turn set keep get put".split())  # fmt: skip

# A verb's subject or auxiliary before the word, and its object after: "we need to gain the
# trust of the customers", "I need to drive to the airport".
VERB_BEFORE = frozenset("to will would can could we they i you must should he she who people".split())
GAIN_OBJECTS = frozenset("the a an some weight trust experience access ground momentum time their our "
                         "his her confidence respect insight".split())  # fmt: skip


# Asking that something be left as it is: "please don't touch the delay".
HANDS_OFF = ("dont touch", "do not touch", "leave it alone", "leave it as it is",
             "but not now", "not right now", "not for now", "maybe later", "not now", "not yet",  # put off
             "thats enough", "that is enough", "no need for more", "no need for any more",
             "dont need any more", "dont need more", "not today", "maybe tomorrow", "some other time",
             "another time", "but no its fine", "no its fine", "nah its fine",
             # nothing to be done: "no need to fix the hiss, it's the rain"
             "no need to fix", "no need to change", "no need to touch", "no need to do anything",
             "dont need to fix", "dont need to change", "nothing to fix",
             # (session 43, tune21) a change weighed and let be: "the low cut could go higher, but
             # I'd rather not fiddle right now"; "less distortion? hmm, no, it suits the track"
             "rather not fiddle", "rather not touch", "rather not change", "rather not mess",
             "no it suits", "no it fits",
             # (session 44, tune22) left for now: "I'm not sure I need the reverb, but I'll leave it
             # for now"
             "ill leave it",
             # (session 45, tune25) said short: "hands off the high cut", "release can stay", "hold the
             # fuzz where it is", "wait on the comp"
             "hands off", "wait on", "for later")  # fmt: skip
# A change forbidden, with nothing asked after it: "please don't change the delay", "don't bother
# with the echo" (not "don't turn off the echo, make it quieter").
FORBIDDEN = ("dont change", "do not change", "dont bother with", "dont bother about", "dont remove",
             "do not remove", "dont take off", "dont take away", "dont take out", "dont switch off",
             "dont turn off", "dont mess with", "dont do anything", "dont fiddle with")  # fmt: skip
ASKED_AFTER = IMPERATIVES | {"just", "instead", "lower", "raise", "less", "more"}
# "Leave the delay alone", "keep the reverb the way it is": what is between is the effect.
_NAMES = "|".join(sorted((re.escape(n) for ns in EFFECT_NAMES.values() for n in ns), key=len, reverse=True))
LEFT_ALONE = re.compile(
    # (session 45, tune25) a wish put off, said last: "maybe more echo later", "next week, more
    # compression" (said first, with nothing ordered after it)
    r"^ maybe (?:\w+ ){1,4}(?:later|later on|next week|tomorrow) $| for the \w+ (?:later|later on) $"
    r"|^ next week (?!.* now )|^ (?:the |my )?\w+ can stay $"
    r"| (?:leave|keep) (?:\w+ ){1,3}(?:alone|as it is|as is|how it is|the way it is|just like (?:that|this)) "
    r"| hold (?:\w+ ){1,3}(?:where it is|as it is) "
    # ... or kept beside a change, said last: "switch the echo off and leave the reverb"
    rf"| (?:and|but) (?:leave|keep) (?:the |my )?(?:{_NAMES})(?: on| in| going| as well)? $"
    # ... or by the speaker's own choice: "I'll leave the echo on for the spooky story"
    rf"| (?:ill|i will) (?:leave|keep) (?:the |my )?(?:{_NAMES}) "
    # ... or said alone: "nah, leave the echo, it's doing its thing" (not "leave the echo off", nor
    # "leave the reverb on", which puts it on if it is not)
    rf"|^(?: (?:no|nah|just|oh|ok|okay))* leave (?:the |my )?(?:{_NAMES})(?: be| for now)?"
    r"(?: (?:its|thats) (?:doing|fine|cool|good|great|nice|perfect)\b.*)? $"
)


def elsewhere(text: str) -> bool:
    """An effect's word in a set phrase that means something else, or left alone."""
    return has_phrase(text, SET_PHRASES) or hands_off(text)


def hands_off(text: str) -> bool:
    """ "Don't touch the delay", "more reverb later, but not now": the effects left as they are
    (not "that's enough silliness, reset my whole chain": a verb after it asks)."""
    said = [p for p in HANDS_OFF if f" {p} " in text]
    if said and set(said) <= {"thats enough", "that is enough"}:
        after = text.split(f" {said[0]} ", 1)[1].split()
        return ENOUGH_THEN.isdisjoint(after)
    forbidden = [p for p in FORBIDDEN if f" {p} " in text]
    if forbidden and ASKED_AFTER.isdisjoint(text.split(f" {forbidden[0]} ", 1)[1].split()):
        return True
    return bool(said) or LEFT_ALONE.search(text) is not None


ENOUGH_THEN = frozenset("reset clear remove take turn cut kill drop lose".split())


def general(text: str) -> bool:
    return has_phrase(text, GENERAL)


COPULAS = ("is", "are", "was", "were", "sounds", "seems", "feels")  # "the reverb sounds great"
OPENERS = frozenset({"the", "that", "this", "those", "these"})


def said_of(tokens: list[str]) -> bool:
    """ "The reverb on that album is legendary": an effect word as the subject of a
    sentence that says something of it. Asked only when no word asks for a change and no
    complaint was read, so what is left is an opinion (a value, "the reverb is at 30
    percent", is left to the rules)."""
    return tokens[0] in OPENERS and any(t in COPULAS for t in tokens[2:])


def exclamation(tokens: list[str]) -> bool:
    """ "What a lovely room this is": admiring, not asking which effects are on."""
    return tokens[:2] in (["what", "a"], ["what", "an"], ["how", "lovely"], ["how", "nice"])


def compares_other_things(tokens: list[str]) -> bool:
    """ "That song is way louder than the last one": two other things compared."""
    if "than" not in tokens:
        return False
    than = tokens.index("than")
    if find_numbers(tokens[than + 1 : than + 3]):
        return False  # "whatever is higher than three kilohertz": a region of this sound
    before = tokens[:than]
    if len(before) < 2 or SOUND_SUBJECTS.difference({"my"}).intersection(before):
        return False
    # "my" before the sound or an effect ("my echo is longer than that"), not "my sister"
    effects = {w for names in EFFECT_NAMES.values() for w in names}
    return not any(a == "my" and (b in SOUND_SUBJECTS or b in effects) for a, b in pairwise(before))


def verb_use(tokens: list[str], word: str) -> bool:
    """ "to gain the trust", "drive to the airport": the effect's word as a verb."""
    for i, tok in enumerate(tokens):
        if tok != word:
            continue
        before = tokens[i - 1] if i else ""
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if word == "gain" and before in VERB_BEFORE and after in GAIN_OBJECTS:
            return True
        if word == "drive" and (before in VERB_BEFORE or after in ("to", "home", "back")):
            # ("drive to thirty percent please": a setting, not a journey)
            said = find_numbers(tokens[i + 2 : i + 4]) if after == "to" else []
            setting = bool(said) and tokens[i + 2 + said[0].end : i + 3 + said[0].end] in (
                [],
                ["percent"],
                ["please"],
            )
            return not setting and not _to_default(tokens[i + 1 :])
    return False


DEFAULTED = frozenset("default defaults normal factory stock".split())


def _to_default(words: list[str]) -> bool:
    """ "(back) to (its) default", said after "drive": a setting put back, not a journey."""
    words = words[1:] if words[:1] == ["back"] else words
    words = words[1:] if words[:1] == ["to"] else []
    words = words[1:] if words[:1] in (["its"], ["the"]) else words
    return words[:1] != [] and words[0] in DEFAULTED


# -- the user's level set against something else's -------------------------------------

# The effects act on the user's voice only: the music, the band or the room is not ours to
# change, so a comparison is read as a change to the one side we control (or to an effect
# named in it), and declined when neither side is ours (``compares_other_things``).
LOUDER = frozenset({"louder", "loud"})
QUIETER = frozenset({"quieter", "quiet", "softer", "soft", "weaker", "fainter"})
MARKERS = ("than", "compared to", "compared with")
# The user's own sound, as the side compared ...
MINE = frozenset("i im me myself it its voice vocals vocal mic singing".split())  # ("my": "my sister")
# ... or as the side it is compared with ("the music is louder than me").
MINE_AFTER = frozenset("i me myself voice vocals vocal mic singing".split())
# A wish, not a complaint: "make my voice louder than the music" asks for louder.
WISHES = frozenset("make want wanna need needs should get turn put keep like could can would bring set "
                   "wish".split())  # fmt: skip
LIKENING = frozenset("sound sounds sounded feel feels felt look looks seem seems is im its was just".split())
# Something else burying the user: "the music is drowning out my voice".
BURIED = ("drowning out", "drowns out", "drowning me", "drowns me", "drowning my", "drowns my", "burying my",
          "buries my", "covering my", "covers my", "overpowering my")  # fmt: skip


def level_compared(tokens: list[str]) -> tuple[str, str] | None:
    """(effect, action) asked by setting the user's level against another's, if that is
    what ``tokens`` do: "my voice is quieter than the music" complains, so more gain;
    "the vocals are louder than everything else": less; "the music is louder than me":
    more; "make me louder than the guitar": more, as wished; "the echo is louder than my
    voice": less echo. None when the sentence sets no level against another."""
    text = " " + " ".join(tokens) + " "
    marker = next((m for m in MARKERS if f" {m} " in text), None)
    if marker is None:
        return _buried(tokens, text)
    at = len(text[: text.find(f" {marker} ")].split())
    words = [i for i, t in enumerate(tokens[:at]) if t in LOUDER or t in QUIETER]
    if not words:
        return None
    louder = tokens[words[-1]] in LOUDER
    subject, after = tokens[: words[-1]], set(tokens[at + len(marker.split()) :])
    # (not "I sound like I'm far away and really quiet compared to everyone else": a likeness)
    wished = any(
        w in WISHES and not (w == "like" and i > 0 and subject[i - 1] in LIKENING)
        for i, w in enumerate(subject)
    )
    named = _effect_in(subject)
    if named is not None or MINE.intersection(subject):
        grows = louder if wished else not louder  # a complaint asks for the other way
        return named or "gain", "increase" if grows else "decrease"
    if MINE_AFTER.intersection(after) and not wished:
        return "gain", "increase" if louder else "decrease"  # the other side is louder than me: more of me
    return None


def _buried(tokens: list[str], text: str) -> tuple[str, str] | None:
    if not has_phrase(text, BURIED) or _effect_in(tokens) not in (None, "gain"):
        return None  # "the reverb is drowning my voice": less reverb (descriptions' reading)
    return "gain", "increase"


def _effect_in(tokens: list[str]) -> str | None:
    """The effect ``tokens`` name, if any; the level's words name the user's own gain."""
    text = " " + " ".join(tokens) + " "
    return next((effect for effect, names in EFFECT_NAMES.items() if has_phrase(text, names)), None)


# -- an effect-ish word about the world, not about the sound ----------------------------

# Words of the user's sound after "the sound of" or as what an effect verb acts on; any
# other noun there is a thing of the world ("the sound of the train", "echo the sentiment").
OF_MINE = frozenset("voice vocals vocal mic microphone mike it me my us signal audio mix track tracks "
                    "recording song songs take podcast stream call speech singing words thing things "
                    "whole everything all this that them dynamics peaks levels level sound input output "
                    "low lows high highs bass treble top bottom end headphones headphone earphones earbuds "
                    "ears ear speakers speaker monitors here vox channel mics mikes "
                    # the voice's own parts: "the esses sound harsh", "my plosives pop"
                    "esses sibilance sibilants plosives pops ps breaths breathing "
                    "consonants".split())  # fmt: skip
ARTICLES = frozenset("the a an this that these those his her their our your its some".split())
# Distances from a place: "the sound is far away from the station" says where, not how.
DISTANCES = ("far away from", "far from", "close to", "near to", "away from")
# A noise located in a thing ("a hiss coming from the gas pipe", "a hum from the fridge")
# is one of the room, unless it is said to be heard here: "a rumble from the air
# conditioner in the recording", "a hum from the fridge that my mic picks up".
NOISE_FROM = re.compile(r" (?:hiss|hum|buzz|rumble|whine|whistle|rattle|hissing|humming|buzzing|rumbling)"
                        r"(?: (?:is )?coming| comes)? from (.*)")  # fmt: skip
HEARD_HERE = ("recording", "background", "underneath", "hear", "hearing", "heard", "picking up", "picks up",
              "pick up", "pick it up", "mic", "microphone", "audio", "track", "stream", "behind me", "take",
              "takes", "voice", "vocals", "filter", "get rid", "remove", "cut", "clean")  # fmt: skip
# Verbs named like an effect, with a thing of the world as object: "delay the meeting".
EFFECT_VERBS = frozenset({"echo", "compress", "delay", "distort", "saturate"})
# "delayed" is written "delay" by the near-keyword correction: "our flight was delayed".
PARTICIPLE_BEFORE = frozenset("is isnt was wasnt been got get gets are arent were werent be being".split())


def of_the_world(tokens: list[str]) -> bool:
    """A sentence whose effect-ish words are about the world: a sound somewhere ("the sound
    is far away from the station", "the sound of the traffic is so loud"), an effect's
    verb done to a thing ("I echo the sentiment", "we will compress the schedule", "don't
    distort the facts"), or a thing delayed ("I hope the train isn't delayed")."""
    text = " " + " ".join(tokens) + " "
    for phrase in DISTANCES:
        if f" {phrase} " in text and _thing_after(text.split(f" {phrase} ", 1)[1].split()):
            return True
    for noun in ("sound of", "sounds of", "noise of", "noise from"):
        if f" {noun} " in text and _thing_after(text.split(f" {noun} ", 1)[1].split()):
            return True
    located = NOISE_FROM.search(text)
    if located and _thing_after(located.group(1).split()) and not has_phrase(text, HEARD_HERE):
        return True  # "there's a hiss coming from the gas pipe" (not "... in the recording")
    for i, tok in enumerate(tokens):
        if tok == "give" and _given_to_another(tokens[i + 1 : i + 3]):
            return True  # "give this project some space", "give him some space"
        if (
            tok in EFFECT_VERBS
            and i + 1 < len(tokens)
            and tokens[i + 1] in ARTICLES
            and _thing_after(tokens[i + 1 :])
            and not find_numbers(tokens[i + 1 : i + 4])  # "delay a quarter second" is a time
        ):
            # "the delay the vocals have", "raise my echo a notch": the noun
            if i == 0 or tokens[i - 1] not in ARTICLES | {"my"}:
                return True
        if tok == "delay" and i > 0 and tokens[i - 1] in PARTICIPLE_BEFORE:
            if tokens[max(i - 2, 0)] not in ("there", "theres", "is", "there"):
                return True  # (not "there is delay on my voice")
    return False


# -- gear, someone told, a question of purpose ------------------------------------------

# A box that makes an effect, not the effect: "the delay pedal", "my amp", "a reverb tank".
GEAR = frozenset("pedal pedals tank unit units box rack amp amps amplifier cabinet stompbox knob knobs "
                 "slider sliders plugin plugins".split())  # fmt: skip
GEAR_OWNERS = frozenset("my our his her their your".split())
# Who a sentence about a thing opens with: "the pedal ...", "my amp ...", "I left my ..."
# (not "a delay pedal please", nor "give me a reverb tank sound").
TELLERS = frozenset("the that this those these my our his her their your i we he she they".split())
# After the box, words that say nothing of it: "the delay pedal sound please".
NO_PREDICATE = frozenset("sound sounds effect please too now thanks again".split())
# ("the" and "it" are words of some names, "take the bass": a box is named by a whole name)


def gear(tokens: list[str]) -> bool:
    """ "The reverb tank in my amp rattles", "the delay pedal I ordered hasn't arrived": a
    story about a thing someone owns or waits for, naming an effect's box rather than asking
    for the effect. Asked only when no word asks for a change."""
    if not tokens or tokens[0] not in TELLERS:
        return False
    return any(
        tok in GEAR
        and (tokens[i - 1] in ONE_WORD_NAMES or tokens[i - 1] in GEAR_OWNERS)
        and not set(tokens[i + 1 :]) <= NO_PREDICATE  # "the delay pedal sound, please" asks for it
        for i, tok in enumerate(tokens[1:], 1)
    )


def _given_to_another(words: list[str]) -> bool:
    """ "give this project ...", "give him ...": given to someone or something else."""
    if words[:1] in (["him"], ["her"], ["them"], ["everyone"], ["people"]):
        return True
    return len(words) == 2 and words[0] in ARTICLES and _thing_after(words)


def _thing_after(words: list[str]) -> bool:
    """The words start with a thing of the world (after any article), not the sound."""
    rest = [w for w in words[:3] if w not in ARTICLES]
    return bool(rest) and rest[0].isalpha() and rest[0] not in OF_MINE and rest[0] not in EFFECT_WORDS
